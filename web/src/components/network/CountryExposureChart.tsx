// §3 country exposure of one program: its critical nodes and the nodes it draws on, per country
// (recharts bar chart), countries of concern in red, and whether it survives without them.
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { StructuralReport } from '../../api/networks.js';

export function CountryExposureChart({ report }: { report: StructuralReport }) {
  const programs = report.countryExposure.programs;
  const [program, setProgram] = useState(programs[0]?.program ?? '');
  const p = programs.find((x) => x.program === program) ?? programs[0];
  if (!p) return <p className="muted pad">No end items: nothing to expose.</p>;
  const data = p.byCountry.slice(0, 20).map((c) => ({ country: c.country ?? 'unknown', critical: c.critical, upstream: c.upstream, ofConcern: c.ofConcern }));
  return (
    <div data-testid="country-exposure">
      <div className="inline-filters">
        <label htmlFor="exp-program" className="small muted">Program</label>
        <select id="exp-program" value={p.program} onChange={(e) => setProgram(e.target.value)}>
          {programs.slice(0, 500).map((x) => (
            <option key={x.program} value={x.program}>{x.program}</option>
          ))}
        </select>
      </div>
      <p className="small exposure-verdict">
        {report.countriesOfConcern.length === 0 ? (
          'No countries of concern set for this network.'
        ) : p.producibleWithoutCountriesOfConcern ? (
          <span className="on-time">Still producible without {report.countriesOfConcern.join(', ')}.</span>
        ) : (
          <span className="late-text" data-testid="exposure-stops">Stops without {p.producibleWithout.filter((w) => !w.producible).map((w) => w.country).join(', ')}.</span>
        )}{' '}
        {p.criticalCount} critical node{p.criticalCount === 1 ? '' : 's'}, {Math.round(p.ofConcern.criticalShare * 100)}% of them in countries of concern; draws on {p.upstreamCount} nodes.
        {p.meanConcentration !== null ? ` Mean source concentration (HHI) ${p.meanConcentration.toFixed(2)}.` : ''}
      </p>
      <div className="chart-box">
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="country" tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
            <Tooltip itemStyle={{ color: '#1c2430' }} />
            <Legend />
            <Bar dataKey="critical" name="Critical nodes" fill="#b00020">
              {data.map((d) => (
                <Cell key={d.country} fill={d.ofConcern ? '#7f0000' : '#d9534f'} />
              ))}
            </Bar>
            <Bar dataKey="upstream" name="Nodes drawn on" fill="#5b82b8">
              {data.map((d) => (
                <Cell key={d.country} fill={d.ofConcern ? '#c62828' : '#5b82b8'} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
