// §2 single points of failure (every end item at once) and sole-source / single-country parts.
import { useState } from 'react';
import type { StructuralReport } from '../../api/networks.js';
import { EmptyState } from '../EmptyState.js';

export function SpofTable({ report, onShow }: { report: StructuralReport; onShow?(id: string): void }) {
  const [filter, setFilter] = useState('');
  const term = filter.trim().toLowerCase();
  const items = report.singlePointsOfFailure.items.filter((s) => !term || s.id.toLowerCase().includes(term) || (s.country ?? '').toLowerCase() === term || s.programs.some((p) => p.toLowerCase().includes(term)));
  return (
    <div data-testid="spof-table">
      <div className="panel-head">
        <p className="small muted">
          {report.singlePointsOfFailure.total} node{report.singlePointsOfFailure.total === 1 ? '' : 's'} whose loss alone stops an end item
          {report.singlePointsOfFailure.total > report.singlePointsOfFailure.items.length ? ` (the first ${report.singlePointsOfFailure.items.length} listed)` : ''}; {report.soleSourceParts.total} sole-source input{report.soleSourceParts.total === 1 ? '' : 's'}, {report.singleCountryParts.total} multi-sourced input{report.singleCountryParts.total === 1 ? '' : 's'} from one country.
        </p>
        <input type="search" aria-label="Filter single points of failure" placeholder="Filter: node, country, program" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      {items.length === 0 ? (
        <EmptyState title={term ? 'Nothing matches' : 'No single point of failure'}>{term ? 'Try another filter.' : 'Every end item survives the loss of any one node.'}</EmptyState>
      ) : (
        <div className="table-wrap table-scroll">
          <table className="table">
            <caption className="sr-only">Single points of failure</caption>
            <thead>
              <tr>
                <th scope="col">Node</th>
                <th scope="col">Kind</th>
                <th scope="col">Country</th>
                <th scope="col" className="num">End items stopped</th>
                <th scope="col">Programs</th>
              </tr>
            </thead>
            <tbody>
              {items.slice(0, 300).map((s) => (
                <tr key={s.id} data-testid="spof-row">
                  <td>{onShow ? <button type="button" className="link-button" onClick={() => onShow(s.id)}>{s.id}</button> : s.id}</td>
                  <td>{s.kind === 'endItem' ? 'End item' : s.kind === 'part' ? 'Part' : 'Site'}</td>
                  <td>{s.country ?? '—'}{s.country && report.countriesOfConcern.includes(s.country) ? <span className="chip chip-warn">of concern</span> : null}</td>
                  <td className="num">{s.endItemCount}</td>
                  <td className="small">{s.programs.slice(0, 4).join(', ')}{s.programs.length > 4 ? ', …' : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report.soleSourceParts.items.length > 0 ? (
        <details className="sole-source">
          <summary>Sole-source inputs ({report.soleSourceParts.total})</summary>
          <ul className="plain-list small">
            {report.soleSourceParts.items.slice(0, 200).map((p, i) => (
              <li key={i}>{p.node} needs <span className="strong">{p.part}</span> only from {p.source}{p.sourceCountry ? ` (${p.sourceCountry})` : ''}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
