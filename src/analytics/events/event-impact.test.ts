// An event on the demo engine network (issue #15): which nodes it strikes, and the §4 analysis
// for exactly that disruption (supply-resilience.md §4–§5), per program and end item.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { engineNetwork } from '../../services/networks/seed-demo-networks.js';
import { closeLpWorkerPools } from '../disruption/index.js';
import { assessEventImpact, type PartnerSupply } from './event-impact.js';
import { matchEvent } from './match-event.js';

const engine = { id: '00000000-0000-4000-8000-000000000001', name: 'Engine', model: engineNetwork() };
after(() => closeLpWorkerPools());

describe('matching an event to a network', () => {
  it('a site by id, a company by owner, a country, a circle by coordinates, a sea lane by edge route', () => {
    const m = matchEvent(
      [
        { kind: 'site', nodeId: 'Deccan FADEC' },
        { kind: 'company', name: 'midhani' },
        { kind: 'country', code: 'JP' },
        { kind: 'circle', latitude: 18.9, longitude: 83.0, radiusKm: 40 },
        { kind: 'seaLane', name: 'Strait of Malacca' },
      ],
      engine.model,
      engine.id,
    );
    assert.deepEqual(
      m.nodes.map((n) => [n.nodeId, n.reasons]),
      [
        ['HAL-Koraput spares kitting', ['area']],
        ['HAL-Koraput combustor', ['area']],
        ['MIDHANI superalloy', ['company']],
        ['Deccan FADEC', ['site']],
        ['Ti sponge (JP)', ['country']],
      ],
    );
    assert.deepEqual(m.lanes, ['Strait of Malacca']);
    assert.equal(m.edges.length, 4);
    // The two rhenium nodes have no coordinates: a region cannot test them.
    assert.equal(m.nodesWithoutCoordinates, 2);
  });

  it('a site named for another network does not strike this one', () => {
    assert.equal(matchEvent([{ kind: 'site', nodeId: 'Deccan FADEC', networkId: '00000000-0000-4000-8000-000000000002' }], engine.model, engine.id).nodes.length, 0);
  });
});

describe('impact: the scenario engine for exactly the event', () => {
  it('a cyclone over Koraput for 45 days: spares stop after 33.3 days (3.5 kits lost), the engine rides it out on stock', async () => {
    const [impact] = await assessEventImpact({ where: [{ kind: 'circle', latitude: 18.9, longitude: 83.0, radiusKm: 40 }], durationDays: 45 }, [engine]);
    assert.ok(impact);
    assert.equal(impact.status, 'optimal');
    assert.equal(impact.durationDays, 45);
    assert.equal(impact.survives, false);
    // Hand check: the kitting line is out with 10 kits in stock and 0.3 a day of demand:
    // 10 / 0.3 = 33.3 days, then 45 − 33.3 = 11.7 days × 0.3 = 3.5 kits short, 400,000 each.
    assert.equal(impact.tts, 33.3);
    const spares = impact.programs.find((p) => p.program === 'F414 fleet spares')!;
    assert.deepEqual([spares.survives, spares.daysUntilOutputStops, spares.lostUnits, spares.lostValue], [false, 33.3, 3.5, 1_400_000]);
    assert.deepEqual(spares.parts, ['Hot-section spares kit', 'Combustor']);
    // Engine assembly: combustor out 45 days, 3 in stock at the combustor and 4 engines in stock,
    // demand 0.1 a day = 4.5 engines over the event: covered.
    const tejas = impact.programs.find((p) => p.program === 'LCA Tejas Mk2')!;
    assert.deepEqual([tejas.survives, tejas.daysUntilOutputStops, tejas.lostUnits], [true, null, 0]);
    assert.deepEqual(tejas.suppliers, ['HAL']);
  });

  it('without an expected recovery the struck sites’ own time-to-recover is the duration', async () => {
    const [impact] = await assessEventImpact({ where: [{ kind: 'site', nodeId: 'Deccan FADEC' }], durationDays: null }, [engine]);
    assert.deepEqual([impact!.durationDays, impact!.durationFrom], [120, 'timeToRecover']);
    assert.equal(impact!.programs.find((p) => p.program === 'LCA Tejas Mk2')!.survives, false);
  });

  it('an event that strikes nothing of the network leaves it out', async () => {
    assert.deepEqual(await assessEventImpact({ where: [{ kind: 'country', code: 'BR' }], durationDays: 10 }, [engine]), []);
  });
});

describe("the after report's 'with action' analysis: the partner's parts as supply", () => {
  const cyclone = { where: [{ kind: 'circle' as const, latitude: 18.9, longitude: 83.0, radiusKm: 40 }], durationDays: 45 };
  const spares = async (supply: PartnerSupply[]) =>
    (await assessEventImpact(cyclone, [engine], { supply }))[0]!.programs.find((p) => p.program === 'F414 fleet spares')!;

  it('2 kits delivered on day 10 of the 45: 12 kits against 13.5 of demand, 1.5 lost instead of 3.5', async () => {
    const p = await spares([{ networkId: engine.id, nodeId: 'HAL-Koraput spares kitting', part: 'Hot-section spares kit', units: 2, arrivesAfterDays: 10 }]);
    assert.deepEqual([p.lostUnits, p.lostValue], [1.5, 600_000]);
  });

  it('kits arriving after the window count for nothing; another network’s supply neither', async () => {
    assert.equal((await spares([{ networkId: engine.id, nodeId: 'HAL-Koraput spares kitting', part: 'Hot-section spares kit', units: 2, arrivesAfterDays: 46 }])).lostUnits, 3.5);
    assert.equal((await spares([{ networkId: '00000000-0000-4000-8000-000000000002', nodeId: 'HAL-Koraput spares kitting', part: 'Hot-section spares kit', units: 2, arrivesAfterDays: 1 }])).lostUnits, 3.5);
  });

  it('combustors do not make kits while the kitting line itself is out: still 3.5 lost', async () => {
    assert.equal((await spares([{ networkId: engine.id, nodeId: 'HAL-Koraput combustor', part: 'Combustor', units: 50, arrivesAfterDays: 1 }])).lostUnits, 3.5);
  });

  it('a struck combustor line alone: the partner’s combustors reach its consumers through a supply node', async () => {
    const site = { where: [{ kind: 'site' as const, nodeId: 'HAL-Koraput combustor' }], durationDays: 120 };
    const lost = async (supply: PartnerSupply[]) => (await assessEventImpact(site, [engine], { supply }))[0]!.lostValue;
    const without = await lost([]);
    assert.ok(without > 0, 'the line out for 120 days costs output');
    assert.equal(await lost([{ networkId: engine.id, nodeId: 'HAL-Koraput combustor', part: 'Combustor', units: 200, arrivesAfterDays: 1 }]), 0);
  });
});

