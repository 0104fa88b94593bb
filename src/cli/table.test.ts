// One store: no store.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderTable } from './table.js';
import { countOf, listCell, money } from './words.js';

describe('CLI tables and words for people', () => {
  it('aligns columns under a header and a rule, numbers to the right, without index column, quotes or box', () => {
    const text = renderTable(
      [
        { header: 'Node', cell: (r: { id: string; n: number }) => r.id },
        { header: 'End items', cell: (r) => r.n, align: 'right' },
      ],
      [{ id: 'Shared forge', n: 5 }, { id: 'Bearings', n: 12 }],
    );
    assert.equal(text, ['Node          End items', '───────────────────────', 'Shared forge          5', 'Bearings             12'].join('\n'));
  });

  it('cuts a cell longer than its column limit with "…"', () => {
    const text = renderTable([{ header: 'Name', cell: (r: string) => r, max: 10 }], ['A very long network name']);
    assert.match(text, /^A very lo…$/m);
    assert.doesNotMatch(text, /network name/);
  });

  it('cuts a list after three items and says how many more; plurals; money with its currency', () => {
    assert.equal(listCell(['F414', 'LCA', 'AMCA', 'Tejas', 'Su-30']), 'F414, LCA, AMCA +2 more');
    assert.equal(listCell(['F414', 'LCA']), 'F414, LCA');
    assert.equal(countOf(1, 'disruption'), '1 disruption');
    assert.equal(countOf(21, 'disruption'), '21 disruptions');
    assert.equal(countOf(2, 'single point of failure', 'single points of failure'), '2 single points of failure');
    assert.match(money(1_234_567.4, 'INR'), /^INR [\d,.\s]+$/);
    assert.match(money(-0.2, 'USD'), /^USD 0$/);
  });
});
