// Demo supply networks (npm start --demo): an F414-INS6 engine co-production network for India's
// analyst, a 155 mm shell network for the US analyst — parts in IN, US and a country of concern,
// dual sources, sea lanes — and one real Willems (2008) chain each. The companies and figures are
// invented; only the shape (tiers, sole sources, a concentrated rare-earth supply) is realistic.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NetworkEdge, NetworkNode, SupplyNetwork } from '../../analytics/network/network-model.js';
import { assertValidNetwork } from '../../analytics/network/validate-network.js';
import { parseWillemsCsv } from '../../analytics/network/willems-csv.js';
import type { Db } from '../../store/executor.js';
import { findUserIdByUsername, insertNetwork, networkNameExists } from '../../store/networks.repository.js';

type N = Omit<NetworkNode, 'kind'> & { kind?: NetworkNode['kind'] };
const site = (n: N): NetworkNode => ({ kind: 'site', ...n });
const edge = (from: string, to: string, quantity = 1, extra: Partial<NetworkEdge> = {}): NetworkEdge => ({ from, to, quantity, ...extra });

/** F414-INS6 co-production (IN final assembly), hot-section spares. Country of concern: CN. */
export function engineNetwork(): SupplyNetwork {
  const nodes: NetworkNode[] = [
    { id: 'HAL-Bengaluru engine assembly', kind: 'endItem', part: 'F414-INS6 engine', country: 'IN', latitude: 12.95, longitude: 77.67, owner: 'HAL', capacityPerDay: 0.2, demandPerDay: 0.1, inventory: { unit: 'units', amount: 4 }, ttrDays: 120, unitCost: 5_000_000, programs: ['LCA Tejas Mk2'] },
    { id: 'HAL-Koraput spares kitting', kind: 'endItem', part: 'Hot-section spares kit', country: 'IN', latitude: 18.81, longitude: 82.71, owner: 'HAL', capacityPerDay: 1, demandPerDay: 0.3, inventory: { unit: 'units', amount: 10 }, ttrDays: 30, unitCost: 400_000, programs: ['F414 fleet spares'] },
    site({ id: 'GE Evendale fan module', part: 'Fan module', country: 'US', latitude: 39.26, longitude: -84.42, owner: 'GE Aerospace', capacityPerDay: 0.5, inventory: { unit: 'units', amount: 2 }, ttrDays: 90, unitCost: 900_000 }),
    site({ id: 'HAL-Koraput combustor', part: 'Combustor', country: 'IN', latitude: 18.73, longitude: 82.84, owner: 'HAL', capacityPerDay: 0.4, inventory: { unit: 'units', amount: 3 }, ttrDays: 60, unitCost: 300_000 }),
    site({ id: 'HAL HP turbine module', part: 'HP turbine module', country: 'IN', latitude: 12.96, longitude: 77.64, owner: 'HAL', capacityPerDay: 0.3, inventory: { unit: 'units', amount: 1 }, ttrDays: 90, unitCost: 1_200_000 }),
    site({ id: 'Lynn Turbine blades', part: 'HPT blade set', country: 'US', latitude: 42.46, longitude: -70.95, owner: 'Lynn Turbine Components', capacityPerDay: 0.4, inventory: { unit: 'units', amount: 2 }, ttrDays: 60, unitCost: 250_000 }),
    site({ id: 'Bharat Precision blades', part: 'HPT blade set', country: 'IN', latitude: 18.52, longitude: 73.86, owner: 'Bharat Precision Forgings', organisation: 'BPF', capacityPerDay: 0.3, inventory: { unit: 'units', amount: 1 }, ttrDays: 75, unitCost: 230_000 }),
    site({ id: 'Ohio single-crystal castings', part: 'SX casting', country: 'US', latitude: 41.5, longitude: -81.69, owner: 'Ohio Precision Castings', capacityPerDay: 1, inventory: { unit: 'units', amount: 5 }, ttrDays: 150, unitCost: 60_000 }),
    site({ id: 'Ceramic cores (US)', part: 'Ceramic core', country: 'US', latitude: 40.44, longitude: -79.99, owner: 'CoreTech', capacityPerDay: 4, inventory: { unit: 'days', amount: 20 }, ttrDays: 45, unitCost: 800 }),
    site({ id: 'MIDHANI superalloy', part: 'Ni superalloy', country: 'IN', latitude: 17.33, longitude: 78.53, owner: 'MIDHANI', capacityPerDay: 3, inventory: { unit: 'days', amount: 30 }, ttrDays: 60, unitCost: 12_000 }),
    site({ id: 'Special Metals superalloy', part: 'Ni superalloy', country: 'US', latitude: 43.07, longitude: -75.29, owner: 'Special Metals', capacityPerDay: 5, inventory: { unit: 'days', amount: 15 }, ttrDays: 45, unitCost: 11_000 }),
    { id: 'Rhenium (CN)', kind: 'part', part: 'Rhenium', country: 'CN', owner: 'Trader', capacityPerDay: 10, inventory: { unit: 'days', amount: 10 }, ttrDays: 180, unitCost: 3_000 },
    { id: 'Rhenium (US recycled)', kind: 'part', part: 'Rhenium', country: 'US', owner: 'Recycler', capacityPerDay: 2, inventory: { unit: 'days', amount: 10 }, ttrDays: 90, unitCost: 3_500 },
    site({ id: 'Deccan FADEC', part: 'FADEC unit', country: 'IN', latitude: 17.45, longitude: 78.38, owner: 'Deccan Electro-Avionics', organisation: 'DEA', capacityPerDay: 0.5, inventory: { unit: 'units', amount: 2 }, ttrDays: 120, unitCost: 350_000 }),
    { id: 'FPGA (US)', kind: 'part', part: 'Rad-tolerant FPGA', country: 'US', latitude: 37.34, longitude: -121.89, owner: 'Chipmaker', capacityPerDay: 5, inventory: { unit: 'units', amount: 20 }, ttrDays: 200, unitCost: 20_000 },
    { id: 'NdFeB magnets (CN)', kind: 'part', part: 'NdFeB magnet set', country: 'CN', latitude: 40.66, longitude: 109.84, owner: 'Magnet works', capacityPerDay: 20, inventory: { unit: 'days', amount: 45 }, ttrDays: 365, unitCost: 900 },
    site({ id: 'Actuator & generator (IN)', part: 'Fuel-control actuator', country: 'IN', latitude: 26.85, longitude: 80.95, owner: 'HAL Lucknow', capacityPerDay: 1, inventory: { unit: 'units', amount: 3 }, ttrDays: 60, unitCost: 80_000 }),
    site({ id: 'Accessory gearbox (IN)', part: 'Accessory gearbox', country: 'IN', latitude: 12.93, longitude: 77.68, owner: 'HAL', capacityPerDay: 0.4, inventory: { unit: 'units', amount: 2 }, ttrDays: 90, unitCost: 200_000 }),
    site({ id: 'Titanium forgings (IN)', part: 'Ti forging', country: 'IN', latitude: 18.55, longitude: 73.9, owner: 'Bharat Precision Forgings', organisation: 'BPF', capacityPerDay: 2, inventory: { unit: 'units', amount: 6 }, ttrDays: 60, unitCost: 40_000 }),
    { id: 'Ti sponge (JP)', kind: 'part', part: 'Ti sponge', country: 'JP', latitude: 34.72, longitude: 135.41, owner: 'Sponge maker', capacityPerDay: 10, inventory: { unit: 'days', amount: 30 }, ttrDays: 120, unitCost: 2_000 },
    { id: 'Ti sponge (CN)', kind: 'part', part: 'Ti sponge', country: 'CN', latitude: 27.7, longitude: 106.9, owner: 'Sponge maker', capacityPerDay: 20, inventory: { unit: 'days', amount: 30 }, ttrDays: 120, unitCost: 1_500 },
  ];
  const edges: NetworkEdge[] = [
    edge('GE Evendale fan module', 'HAL-Bengaluru engine assembly', 1, { route: 'Suez / Red Sea' }),
    edge('HAL-Koraput combustor', 'HAL-Bengaluru engine assembly'),
    edge('HAL HP turbine module', 'HAL-Bengaluru engine assembly'),
    edge('Deccan FADEC', 'HAL-Bengaluru engine assembly'),
    edge('Accessory gearbox (IN)', 'HAL-Bengaluru engine assembly'),
    edge('Lynn Turbine blades', 'HAL HP turbine module', 1, { route: 'Suez / Red Sea' }),
    edge('Bharat Precision blades', 'HAL HP turbine module'),
    edge('Titanium forgings (IN)', 'HAL HP turbine module', 2),
    edge('Ohio single-crystal castings', 'Lynn Turbine blades', 2),
    edge('Ohio single-crystal castings', 'Bharat Precision blades', 2, { route: 'Suez / Red Sea' }),
    edge('Ceramic cores (US)', 'Ohio single-crystal castings', 3),
    edge('MIDHANI superalloy', 'Ohio single-crystal castings', 1, { route: 'Suez / Red Sea' }),
    edge('Special Metals superalloy', 'Ohio single-crystal castings'),
    edge('Rhenium (CN)', 'MIDHANI superalloy', 1, { route: 'Strait of Malacca' }),
    edge('Rhenium (CN)', 'Special Metals superalloy', 1, { route: 'Pacific' }),
    edge('Rhenium (US recycled)', 'Special Metals superalloy'),
    edge('MIDHANI superalloy', 'HAL-Koraput combustor', 2),
    edge('FPGA (US)', 'Deccan FADEC', 2, { route: 'Suez / Red Sea' }),
    edge('Actuator & generator (IN)', 'Deccan FADEC'),
    edge('NdFeB magnets (CN)', 'Actuator & generator (IN)', 1, { route: 'Strait of Malacca' }),
    edge('Titanium forgings (IN)', 'Accessory gearbox (IN)'),
    edge('Ti sponge (JP)', 'Titanium forgings (IN)', 1, { route: 'Strait of Malacca' }),
    edge('Ti sponge (CN)', 'Titanium forgings (IN)', 1, { route: 'Strait of Malacca' }),
    edge('Bharat Precision blades', 'HAL-Koraput spares kitting'),
    edge('HAL-Koraput combustor', 'HAL-Koraput spares kitting'),
  ];
  return { name: 'F414-INS6 engine co-production', nodes, edges };
}

/** 155 mm artillery shells (US loading plant). Country of concern: CN. */
export function shellNetwork(): SupplyNetwork {
  const nodes: NetworkNode[] = [
    { id: 'Iowa AAP load-assemble-pack', kind: 'endItem', part: '155 mm round', country: 'US', owner: 'Army AAP', capacityPerDay: 600, demandPerDay: 400, inventory: { unit: 'days', amount: 20 }, ttrDays: 60, unitCost: 3_000, programs: ['155 mm artillery ammunition'] },
    site({ id: 'Scranton AAP shell bodies', part: 'Metal shell body', country: 'US', owner: 'Army AAP', capacityPerDay: 500, inventory: { unit: 'days', amount: 10 }, ttrDays: 90, unitCost: 900 }),
    site({ id: 'Texas shell forge', part: 'Metal shell body', country: 'US', owner: 'Contractor', capacityPerDay: 300, inventory: { unit: 'days', amount: 5 }, ttrDays: 120, unitCost: 950 }),
    site({ id: 'Kaveri Munitions bodies (IN)', part: 'Metal shell body', country: 'IN', owner: 'Kaveri Munitions Works', capacityPerDay: 200, inventory: { unit: 'days', amount: 10 }, ttrDays: 90, unitCost: 700 }),
    site({ id: 'Holston AAP explosive fill', part: 'Explosive fill', country: 'US', owner: 'Army AAP', capacityPerDay: 700, inventory: { unit: 'days', amount: 15 }, ttrDays: 180, unitCost: 600 }),
    site({ id: 'Radford AAP propellant', part: 'Propellant charge', country: 'US', owner: 'Army AAP', capacityPerDay: 800, inventory: { unit: 'days', amount: 20 }, ttrDays: 200, unitCost: 400 }),
    { id: 'Nitrocellulose linters (CN)', kind: 'part', part: 'Cotton linters', country: 'CN', owner: 'Trader', capacityPerDay: 2000, inventory: { unit: 'days', amount: 60 }, ttrDays: 120, unitCost: 5 },
    { id: 'Cotton linters (IN)', kind: 'part', part: 'Cotton linters', country: 'IN', owner: 'Mill', capacityPerDay: 1000, inventory: { unit: 'days', amount: 30 }, ttrDays: 60, unitCost: 6 },
    { id: 'Steel billet (US)', kind: 'part', part: 'Steel billet', country: 'US', owner: 'Mill', capacityPerDay: 2000, inventory: { unit: 'days', amount: 30 }, ttrDays: 60, unitCost: 120 },
    site({ id: 'Fuze plant (US)', part: 'Fuze', country: 'US', owner: 'Contractor', capacityPerDay: 700, inventory: { unit: 'days', amount: 10 }, ttrDays: 150, unitCost: 300 }),
    { id: 'Fuze electronics (TW)', kind: 'part', part: 'Fuze ASIC', country: 'TW', owner: 'Foundry', capacityPerDay: 5000, inventory: { unit: 'days', amount: 30 }, ttrDays: 240, unitCost: 15 },
    { id: 'TNT precursor (CN)', kind: 'part', part: 'Toluene nitration precursor', country: 'CN', owner: 'Chemical works', capacityPerDay: 2000, inventory: { unit: 'days', amount: 45 }, ttrDays: 200, unitCost: 20 },
  ];
  const edges: NetworkEdge[] = [
    edge('Scranton AAP shell bodies', 'Iowa AAP load-assemble-pack'),
    edge('Texas shell forge', 'Iowa AAP load-assemble-pack'),
    edge('Kaveri Munitions bodies (IN)', 'Iowa AAP load-assemble-pack', 1, { route: 'Suez / Red Sea' }),
    edge('Holston AAP explosive fill', 'Iowa AAP load-assemble-pack'),
    edge('Radford AAP propellant', 'Iowa AAP load-assemble-pack'),
    edge('Fuze plant (US)', 'Iowa AAP load-assemble-pack'),
    edge('Steel billet (US)', 'Scranton AAP shell bodies', 2),
    edge('Steel billet (US)', 'Texas shell forge', 2),
    edge('Nitrocellulose linters (CN)', 'Radford AAP propellant', 3, { route: 'Pacific' }),
    edge('Cotton linters (IN)', 'Radford AAP propellant', 3, { route: 'Suez / Red Sea' }),
    edge('TNT precursor (CN)', 'Holston AAP explosive fill', 2, { route: 'Pacific' }),
    edge('Fuze electronics (TW)', 'Fuze plant (US)', 1, { route: 'Pacific' }),
  ];
  return { name: '155 mm shell production', nodes, edges };
}

const WILLEMS_DEMO = resolve(import.meta.dirname, 'demo/willems-08.csv');

interface DemoNetwork {
  nation: string;
  analyst: string;
  name: string;
  program: string;
  description: string;
  format: 'json' | 'willems';
  network: () => SupplyNetwork;
  countriesOfConcern: string[];
}

const DEMO_NETWORKS: DemoNetwork[] = [
  { nation: 'IN', analyst: 'in.analyst', name: 'F414-INS6 engine co-production', program: 'LCA Tejas Mk2', description: 'Demo: final assembly at HAL Bengaluru; blades dual-sourced IN/US; single-crystal castings, FADEC chips and magnets are the exposed tiers.', format: 'json', network: engineNetwork, countriesOfConcern: ['CN'] },
  { nation: 'IN', analyst: 'in.analyst', name: 'Willems chain 08 (real multi-echelon chain)', program: '', description: 'Chain 8 of Willems (2008), imported as it is.', format: 'willems', network: () => parseWillemsCsv(readFileSync(WILLEMS_DEMO, 'utf8'), { name: 'Willems chain 08 (real multi-echelon chain)' }).network, countriesOfConcern: [] },
  { nation: 'US', analyst: 'us.analyst', name: '155 mm shell production', program: '155 mm artillery ammunition', description: 'Demo: loading at Iowa AAP; propellant and explosive precursors exposed to a country of concern.', format: 'json', network: shellNetwork, countriesOfConcern: ['CN'] },
];

/** Seeds the demo networks once (by name per nation); an existing one is left as it is. */
export async function seedDemoNetworks(db: Db): Promise<number> {
  let created = 0;
  for (const demo of DEMO_NETWORKS) {
    if (await networkNameExists(db, demo.nation, demo.name)) continue;
    const user = await findUserIdByUsername(db, demo.analyst);
    if (!user) continue;
    const network = demo.network();
    assertValidNetwork(network);
    const id = randomUUID();
    // Like the demo users, demo records are not audit events: the log holds what people did.
    await insertNetwork(db, {
      id,
      nation: demo.nation,
      name: demo.name,
      program: demo.program,
      description: demo.description,
      source_format: demo.format,
      node_count: network.nodes.length,
      edge_count: network.edges.length,
      end_item_count: network.nodes.filter((n) => n.kind === 'endItem').length,
      countries_of_concern: demo.countriesOfConcern,
      model: JSON.stringify({ ...network, name: demo.name }),
      created_by: user.id,
    });
    created++;
  }
  return created;
}
