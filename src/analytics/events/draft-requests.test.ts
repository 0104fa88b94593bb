// One store: pure drafting from an impact computed on the demo engine network; no database.
// Issue #15 "Ask the partner": parts at risk, quantity for the gap (lost output × need per unit),
// required-by = the day output would stop, justification from the analysis.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { closeLpWorkerPools } from '../disruption/index.js';
import { engineNetwork } from '../../services/networks/seed-demo-networks.js';
import { assessEventImpact } from './event-impact.js';
import { dayAfter, draftRequestsFromImpact, needPerUnit } from './draft-requests.js';

const NETWORK_ID = '00000000-0000-4000-8000-000000000001';

describe('drafting priority requests from an event impact', () => {
  after(() => closeLpWorkerPools());

  it('needs per end-item unit multiply along the bill of materials (largest way), 1 for the item itself, 0 off the path', () => {
    const net = engineNetwork();
    // castings → Lynn blades (×2) → HP turbine (×1) → engine (×1); the Bharat way also gives 2.
    assert.equal(needPerUnit(net, 'Ohio single-crystal castings', 'HAL-Bengaluru engine assembly'), 2);
    // ceramic cores → castings (×3) → … → engine: 3 × 2.
    assert.equal(needPerUnit(net, 'Ceramic cores (US)', 'HAL-Bengaluru engine assembly'), 6);
    assert.equal(needPerUnit(net, 'HAL-Koraput spares kitting', 'HAL-Koraput spares kitting'), 1);
    assert.equal(needPerUnit(net, 'FPGA (US)', 'HAL-Koraput spares kitting'), 0);
  });

  it('the Koraput cyclone: one draft for the spares program, the kits lost (3.5) and not their combustors too, by the day output stops', async () => {
    const model = engineNetwork();
    const event = { title: 'Cyclone over Koraput', startedAt: '2026-11-20T00:00:00Z' };
    const impact = await assessEventImpact({ where: [{ kind: 'circle', latitude: 18.9, longitude: 83.0, radiusKm: 40 }], durationDays: 45 }, [{ id: NETWORK_ID, name: 'F414-INS6 engine co-production', model }]);
    const drafts = draftRequestsFromImpact(impact, { event, today: '2026-12-03', models: new Map([[NETWORK_ID, model]]) });
    // The engine program rides the cyclone out (its stock lasts): no draft for it.
    assert.deepEqual(drafts.map((d) => d.program), ['F414 fleet spares']);
    const [draft] = drafts;
    assert.equal(draft!.daysUntilOutputStops, 33.3);
    assert.equal(draft!.outputStopsOn, '2026-12-23'); // 20 Nov + 33 whole days
    assert.equal(draft!.requiredBy, '2026-12-23');
    assert.deepEqual(
      draft!.lines.map((l) => [l.part, l.exactNeed, l.quantity]),
      // The kitting site itself is struck: the partner is asked for the kits, not also for the
      // combustors that would have gone into them (which would ask for the gap twice).
      [['Hot-section spares kit', 3.5, 4]],
    );
    assert.match(draft!.justification, /With the sites that make it struck, output of Hot-section spares kit for the F414 fleet spares program stops/);
    assert.match(draft!.justification, /Cyclone over Koraput/);
    assert.match(draft!.justification, /stops in 33\.3 days \(2026-12-23\)/);
    assert.match(draft!.justification, /3\.5 units would be lost over the 45-day disruption/);
  });

  it('an end item fed by a struck input, its own site spared, is asked for by that input', async () => {
    const model = engineNetwork();
    // 5 km around the combustor line only: the kitting site (some 15 km away) keeps working.
    const impact = await assessEventImpact({ where: [{ kind: 'circle', latitude: 18.73, longitude: 82.84, radiusKm: 5 }], durationDays: 60 }, [{ id: NETWORK_ID, name: 'F414-INS6 engine co-production', model }]);
    const drafts = draftRequestsFromImpact(impact, { event: { title: 'Fire at the combustor line', startedAt: '2026-11-20T00:00:00Z' }, today: '2026-12-03', models: new Map([[NETWORK_ID, model]]) });
    assert.ok(drafts.length > 0);
    for (const d of drafts) {
      assert.deepEqual(d.lines.map((l) => l.part), ['Combustor'], d.program);
      assert.match(d.justification, /Without Combustor, output of /);
    }
  });

  it('a stop day already past is asked for today (a request for a past date is refused), the justification keeps the real day', async () => {
    const model = engineNetwork();
    const impact = await assessEventImpact({ where: [{ kind: 'circle', latitude: 18.9, longitude: 83.0, radiusKm: 40 }], durationDays: 45 }, [{ id: NETWORK_ID, name: 'F414-INS6 engine co-production', model }]);
    const [draft] = draftRequestsFromImpact(impact, { event: { title: 'Old cyclone', startedAt: '2026-01-01T00:00:00Z' }, today: '2026-12-03', models: new Map([[NETWORK_ID, model]]) });
    assert.equal(draft!.outputStopsOn, dayAfter('2026-01-01T00:00:00Z', 33.3));
    assert.equal(draft!.requiredBy, '2026-12-03');
    assert.ok(draft!.lines.every((l) => l.requiredDeliveryDate === '2026-12-03'));
    assert.match(draft!.justification, /\(2026-02-03\)/);
  });
});
