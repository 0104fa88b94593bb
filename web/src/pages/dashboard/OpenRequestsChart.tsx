import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dashboard } from '../../api/dashboard.js';
import { TOOLTIP_ITEM } from './chart-style.js';

export function OpenRequestsChart({ d }: { d: Dashboard }) {
  const data = d.requests.open.byState.map((s) => ({ name: s.label, incoming: s.incoming, outgoing: s.outgoing }));
  return (
    <figure className="dash-chart" data-testid="chart-requests">
      <figcaption className="small strong">Open requests by state</figcaption>
      {data.length === 0 ? (
        <p className="muted small">No open requests.</p>
      ) : (
        // Bars across, state names down the side: with a month of requests the states are many and
        // their names long, which under vertical bars ran into one another.
        <ResponsiveContainer width="100%" height={Math.max(160, data.length * 26 + 70)}>
          <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
            <YAxis type="category" dataKey="name" tick={{ fontSize: 11 }} interval={0} width={190} />
            <Tooltip itemStyle={TOOLTIP_ITEM} />
            <Legend />
            <Bar dataKey="incoming" name="Incoming" stackId="r" fill="#2f6f9f" maxBarSize={22} isAnimationActive={false} />
            <Bar dataKey="outgoing" name="Outgoing" stackId="r" fill="#c77d2b" maxBarSize={22} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}
