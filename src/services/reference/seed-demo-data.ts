import { randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '../../domain/workflows/workflow-definition.js';
import type { Db } from '../../store/executor.js';
import { findOrganisationIdByShortName, insertOrganisationRow, insertProgramsIfMissing, setEmailIfMissing, upsertDemoUser, userExists } from '../../store/seed/demo.repository.js';
import { hashPassword } from '../auth/passwords.js';
import { seedDemoThreads } from '../channels/seed-demo-threads.js';
import { seedPartnershipRegisters } from './seed-partnership-registers.js';
import { seedDemoNetworks } from '../networks/seed-demo-networks.js';
import { seedDemoEvents } from '../events/seed-demo-events.js';

// Offices are the real ones of the US–India SOSA (dpas-sosa-sources.md §2.3); the companies are
// invented for the demo, so that no real firm appears to have committed to anything.
const ORGANISATIONS = [
  { key: 'us-ibp', nation: 'US', kind: 'ministry', short: 'OASD(IBP)', name: 'DoD Office of the Assistant Secretary of Defense for Industrial Base Policy — SOSA Office' },
  { key: 'us-dod-pd', nation: 'US', kind: 'ministry', short: 'DoD-PD', name: 'DoD Industrial Base Policy — Program Determinations' },
  { key: 'us-bis', nation: 'US', kind: 'agency', short: 'BIS-OSIES', name: 'Department of Commerce, BIS Office of Strategic Industries and Economic Security' },
  { key: 'us-co-lynn', nation: 'US', kind: 'company', short: 'LYNN-TURB', name: 'Lynn Turbine Components Inc.' },
  { key: 'us-co-ohio', nation: 'US', kind: 'company', short: 'OHIO-CAST', name: 'Ohio Precision Castings LLC' },
  { key: 'in-mod', nation: 'IN', kind: 'ministry', short: 'MoD-DGAcq', name: 'Ministry of Defence, Acquisition Wing — SOSA Cell' },
  { key: 'in-co-bharat', nation: 'IN', kind: 'company', short: 'BPF', name: 'Bharat Precision Forgings Ltd', coc: '2024-11-15' },
  { key: 'in-co-deccan', nation: 'IN', kind: 'company', short: 'DEA', name: 'Deccan Electro-Avionics Pvt Ltd', coc: '2025-02-03' },
  { key: 'in-co-kaveri', nation: 'IN', kind: 'company', short: 'KMW', name: 'Kaveri Munitions Works Ltd' },
] as const;

const USERS: Array<{ username: string; name: string; org: (typeof ORGANISATIONS)[number]['key']; roles: Role[] }> = [
  { username: 'in.sosa', name: 'Col. Priya Raghavan', org: 'in-mod', roles: ['sosa_officer'] },
  { username: 'in.admin', name: 'Arvind Mehta', org: 'in-mod', roles: ['admin'] },
  { username: 'in.auditor', name: 'Sunita Iyer', org: 'in-mod', roles: ['auditor'] },
  { username: 'in.analyst', name: 'Rahul Verma', org: 'in-mod', roles: ['analyst'] },
  { username: 'in.supplier', name: 'Kiran Shetty (Bharat Precision Forgings)', org: 'in-co-bharat', roles: ['supplier'] },
  { username: 'in.supplier2', name: 'Meera Nair (Deccan Electro-Avionics)', org: 'in-co-deccan', roles: ['supplier'] },
  { username: 'us.sosa', name: 'Dana Whitfield', org: 'us-ibp', roles: ['sosa_officer'] },
  { username: 'us.dod', name: 'Marcus Bell', org: 'us-dod-pd', roles: ['program_determination'] },
  { username: 'us.commerce', name: 'Laura Chen', org: 'us-bis', roles: ['rating_authority'] },
  { username: 'us.supplier', name: 'Tom Kowalski (Lynn Turbine Components)', org: 'us-co-lynn', roles: ['supplier'] },
  { username: 'us.supplier2', name: 'Ana Ruiz (Ohio Precision Castings)', org: 'us-co-ohio', roles: ['supplier'] },
  { username: 'us.auditor', name: 'Greg Olsen', org: 'us-ibp', roles: ['auditor'] },
  { username: 'us.admin', name: 'Jamie Park', org: 'us-ibp', roles: ['admin'] },
  { username: 'us.analyst', name: 'Sam Ortiz', org: 'us-ibp', roles: ['analyst'] },
];

export const DEMO_USERNAMES = USERS.map((u) => u.username);

const PROGRAMS = [
  { id: 'IN-LCA-MK2-ENGINE', nation: 'IN', name: 'LCA Tejas Mk2 — F414-INS6 engine co-production', symbol: 'A1' },
  { id: 'IN-MQ9B', nation: 'IN', name: 'MQ-9B remotely piloted aircraft', symbol: 'A1' },
  { id: 'IN-STRYKER', nation: 'IN', name: 'Ground mobility — Stryker co-production evaluation', symbol: 'A4' },
  { id: 'US-JAVELIN', nation: 'US', name: 'Javelin anti-tank missile', symbol: 'A2' },
  { id: 'US-SONOBUOY', nation: 'US', name: 'Undersea domain awareness — sonobuoy co-production', symbol: 'A7' },
  { id: 'US-155MM', nation: 'US', name: '155 mm artillery ammunition', symbol: 'A6' },
] as const;

export interface DemoSeedResult {
  password: string;
  generated: boolean;
  created: boolean;
}

/**
 * Demo organisations, users and programs. Only with --demo: without it no default account exists.
 * `ownNation`: a sovereign instance's nation (issue #13), which seeds only the shared records that
 * nation keeps; the partner's come as messages.
 */
export async function seedDemoData(db: Db, password?: string, ownNation?: string): Promise<DemoSeedResult> {
  const chosen = password ?? randomBytes(9).toString('base64url');
  const existing = await userExists(db, 'in.sosa');
  await insertProgramsIfMissing(db, PROGRAMS.map((p) => ({ id: p.id, nation: p.nation, name: p.name, description: '', dpas_program_symbol: p.symbol })));
  const orgIds = new Map<string, string>();
  for (const o of ORGANISATIONS) {
    const found = await findOrganisationIdByShortName(db, o.nation, o.short);
    const id = found ?? randomUUID();
    if (!found) {
      await insertOrganisationRow(db, { id, nation: o.nation, kind: o.kind, name: o.name, short_name: o.short, code_of_conduct_since: 'coc' in o ? o.coc : null });
    }
    orgIds.set(o.key, id);
  }
  const passwordHash = await hashPassword(chosen);
  for (const u of USERS) {
    const org = ORGANISATIONS.find((o) => o.key === u.org)!;
    // On a restart with a (new) demo password, the demo accounts take that password.
    await upsertDemoUser(db, { id: randomUUID(), username: u.username, display_name: u.name, password_hash: passwordHash, nation: org.nation, organisation_id: orgIds.get(u.org)!, roles: u.roles });
  }
  // Demo e-mail addresses (a reserved domain: nothing is delivered outside a configured test SMTP server).
  for (const u of USERS) {
    await setEmailIfMissing(db, u.username, `${u.username}@sosa-desk.example`);
  }
  await seedDemoThreads(db, ownNation);
  await seedPartnershipRegisters(db, ownNation);
  await seedDemoNetworks(db);
  await seedDemoEvents(db);
  return { password: chosen, generated: password === undefined, created: !existing };
}
