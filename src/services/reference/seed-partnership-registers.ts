import { randomUUID } from 'node:crypto';
import type { Db } from '../../store/executor.js';
import type { SubscriptionStatus } from '../../store/schema.js';
import {
  anyLiaisonPosting,
  findOrganisationOfNation,
  hasCocSubscription,
  insertSeedRows,
  listUserIdsByUsername,
  programHasMilestones,
  setOrganisationCodeOfConductSince,
  updateProgramDetails,
} from '../../store/seed/partnership.repository.js';

// Demo records of the partnership registers (issue #5). Companies are invented (as the other
// demo companies are); the programs and the commands are the real ones named in the sources
// (dpas-sosa-sources.md §2.3, §3.1; DESIGN.md: jet engines, unmanned platforms, munitions, ground
// mobility); officers' names and numbers are invented.

/** The Code of Conduct register, one row a record: the subscriptions (each with its signatory and its contact), then their capabilities by company. */
const SUBSCRIBERS: Array<{ short: string; name?: string; subscribedOn: string; signedBy: [string, string]; contact: [name: string, role: string, email: string]; history?: Array<{ to: SubscriptionStatus; on: string; reason: string }> }> = [
  { short: 'BPF', subscribedOn: '2024-11-15', signedBy: ['Rajesh Kulkarni', 'Managing Director'], contact: ['Kiran Shetty', 'Defence exports manager', 'kiran.shetty@bpf.example.in'] },
  { short: 'DEA', subscribedOn: '2025-02-03', signedBy: ['Anjali Deshpande', 'Chief Executive Officer'], contact: ['Meera Nair', 'Programme manager, US programmes', 'meera.nair@dea.example.in'] },
  { short: 'NCL', name: 'Nilgiri Composites Ltd', subscribedOn: '2025-06-20', signedBy: ['Vikram Rao', 'Director (Operations)'], contact: ['Farah Sheikh', 'Quality head', 'farah.sheikh@ncl.example.in'] },
  { short: 'KME', name: 'Konkan Marine Electronics Ltd', subscribedOn: '2025-09-01', signedBy: ['Cdr (retd) Suresh Pillai', 'Chairman'], contact: ['Neha Gokhale', 'Business development', 'neha.gokhale@kme.example.in'] },
  { short: 'SOC', name: 'Satpura Ordnance Components Ltd', subscribedOn: '2024-12-10', signedBy: ['Harish Chandra', 'Managing Director'], contact: ['Harish Chandra', 'Managing Director', 'md@soc.example.in'], history: [{ to: 'lapsed', on: '2026-01-31', reason: 'Annual confirmation not renewed' }] },
];

/** Company, FSC, sector, what it makes, the part numbers it names (none for a general capability). */
const CAPABILITIES: Array<[short: string, fsc: string | null, sector: string, description: string, parts: string[]]> = [
  ['BPF', '2840', 'aircraft', 'Gas turbine engine parts: closed-die forged discs, shafts and turbine blade blanks (nickel superalloys)', ['F414-HPT-B1', 'F414-LPT-D2']],
  ['BPF', '3040', 'tank_automotive', 'Forged drive shafts and gears for wheeled armoured vehicles', []],
  ['DEA', '5895', 'electronics', 'Avionics line-replaceable units, data links and radio modules', []],
  ['DEA', '5998', 'electronics', 'Circuit card assemblies to MIL-PRF-31032', []],
  ['NCL', '1560', 'aircraft', 'Carbon-fibre airframe structural parts for remotely piloted aircraft', []],
  ['KME', '5845', 'ships', 'Underwater sound equipment: sonobuoy hydrophones and housings', []],
  ['SOC', '1320', 'ammunition', '155 mm artillery projectile bodies and fuze adaptors', []],
];

const POSTINGS = [
  { officer: 'Amit Chauhan', rank: 'Colonel', service: 'IC-61234', from: 'IN', to: 'US', command: 'US Indo-Pacific Command (INDOPACOM)', location: 'Camp H. M. Smith, Hawaii', start: '2024-04-15', end: '2026-12-31', status: 'active', poc: ['Capt. Jennifer Hale, USN', 'j.hale@indopacom.example.mil'], docs: [['Assignment order', 'MoD/IC/LO/2024/01', '2024-03-20'], ['Host nation acceptance letter', 'INDOPACOM J5-24-117', '2024-04-02']] },
  { officer: 'Rohan Bhatia', rank: 'Colonel', service: 'IC-59871', from: 'IN', to: 'US', command: 'US Special Operations Command (SOCOM)', location: 'MacDill AFB, Florida', start: '2024-04-22', end: '2027-04-21', status: 'active', poc: ['Lt Col Mark Benson, USA', 'm.benson@socom.example.mil'], docs: [['Assignment order', 'MoD/IC/LO/2024/02', '2024-03-20']] },
  { officer: 'Sandeep Menon', rank: 'Captain (IN)', service: '04512-K', from: 'IN', to: 'US', command: 'Combined Maritime Forces (CMF)', location: 'NSA Bahrain', start: '2024-05-01', end: '2027-04-30', status: 'active', poc: ['Cdr Lisa Grant, USN', 'l.grant@cmf.example.mil'], docs: [['Assignment order', 'MoD/IC/LO/2024/03', '2024-04-05']] },
  { officer: 'Amit Chauhan', rank: 'Colonel', service: 'IC-61234', from: 'IN', to: 'US', command: 'US Army Pacific (USARPAC)', location: 'Fort Shafter, Hawaii', start: '2027-01-15', end: '2029-01-14', status: 'planned', poc: ['COL Brian Ortega, USA', 'b.ortega@usarpac.example.mil'], docs: [] },
  { officer: 'Michael Reyes', rank: 'Commander, USN', service: 'USN-7730192', from: 'US', to: 'IN', command: 'Information Fusion Centre – Indian Ocean Region (IFC-IOR)', location: 'Gurugram', start: '2025-03-01', end: '2026-12-10', status: 'active', poc: ['Cdr Arvind Iyer, IN', 'ifc-ior.liaison@navy.example.in'], docs: [['Assignment memorandum', 'OUSD(P)-ISA-25-044', '2025-02-10']] },
] as const;

/** The programs' details, one row a program; their milestones and risks, in order, by program. */
const PROGRAM_DETAILS: Array<{ programId: string; partners: string[]; status: string; start: string; description: string }> = [
  { programId: 'IN-LCA-MK2-ENGINE', partners: ['US'], status: 'active', start: '2023-06-22', description: 'Co-production in India of the GE F414-INS6 turbofan for the LCA Tejas Mk2 (announced June 2023), with transfer of manufacturing technology.' },
  { programId: 'IN-MQ9B', partners: ['US'], status: 'active', start: '2024-10-15', description: 'Remotely piloted aircraft: 31 MQ-9B for the Indian services, with maintenance, repair and overhaul in India.' },
  { programId: 'IN-STRYKER', partners: ['US'], status: 'proposed', start: '2025-01-01', description: 'Ground mobility: evaluation of Stryker infantry combat vehicle co-production in India.' },
  { programId: 'US-SONOBUOY', partners: ['IN'], status: 'active', start: '2024-01-15', description: 'Undersea domain awareness: co-production of US sonobuoys in India.' },
];

/** Program, milestone, due on, status. */
const MILESTONES: Array<[programId: string, title: string, due: string, status: string]> = [
  ['IN-LCA-MK2-ENGINE', 'Technology transfer agreement in force', '2024-03-31', 'done'],
  ['IN-LCA-MK2-ENGINE', 'First India-built hot-section parts qualified', '2026-09-30', 'at_risk'],
  ['IN-LCA-MK2-ENGINE', 'First engine assembled in India', '2027-06-30', 'planned'],
  ['IN-MQ9B', 'MRO facility in India operational', '2027-12-31', 'on_track'],
  ['IN-STRYKER', 'Field trials complete', '2026-06-30', 'missed'],
  ['US-SONOBUOY', 'First lot built in India accepted', '2026-12-15', 'on_track'],
];

/** Program, risk, likelihood, impact (1–5), owner, mitigation. */
const RISKS: Array<[programId: string, title: string, likelihood: number, impact: number, owner: string, mitigation: string]> = [
  ['IN-LCA-MK2-ENGINE', 'Single-crystal blade casting capacity in India', 4, 5, 'Indian SOSA cell', 'Second source; Code of Conduct routing of blade requests'],
  ['IN-LCA-MK2-ENGINE', 'Export licensing of hot-section technology', 2, 4, 'US SOSA office', 'Early DPAS program determination'],
  ['IN-MQ9B', 'Composite airframe spares lead time', 3, 3, 'Indian SOSA cell', 'Buffer stock of structural spares'],
  ['US-SONOBUOY', 'Hydrophone element supply', 2, 4, 'US SOSA office', 'Qualify a Code of Conduct firm as second source'],
];

/**
 * Seeds each register once (a restart adds nothing twice). On a sovereign instance (`ownNation`,
 * issue #13) only the records that nation keeps: India's Code of Conduct register on India's, a
 * liaison posting on its sending nation's (which sends it to the host).
 */
export async function seedPartnershipRegisters(db: Db, ownNation?: string): Promise<void> {
  const keeps = (nation: string) => !ownNation || ownNation === nation;
  const users = new Map((await listUserIdsByUsername(db, ['in.sosa', 'us.sosa'])).map((u) => [u.username, u.id]));
  const postingsExist = await anyLiaisonPosting(db);
  await db.transaction().execute(async (trx) => {
    for (const s of keeps('IN') ? SUBSCRIBERS : []) {
      let org = await findOrganisationOfNation(trx, 'IN', s.short);
      if (org && (await hasCocSubscription(trx, org.id))) continue;
      if (!org) {
        org = { id: randomUUID() };
        await insertSeedRows(trx, 'organisations', { id: org.id, nation: 'IN', kind: 'company', name: s.name ?? s.short, short_name: s.short, code_of_conduct_since: null });
      }
      const id = randomUUID();
      const last = s.history?.at(-1);
      const status = last?.to ?? 'active';
      await insertSeedRows(trx, 'coc_subscriptions', { id, organisation_id: org.id, nation: 'IN', subscribed_on: s.subscribedOn, signed_by_name: s.signedBy[0], signed_by_title: s.signedBy[1], status, status_since: last?.on ?? s.subscribedOn, notes: '', created_at: `${s.subscribedOn}T06:00:00Z`, updated_at: `${last?.on ?? s.subscribedOn}T06:00:00Z` });
      let from: SubscriptionStatus | null = null;
      for (const h of [{ to: 'active' as SubscriptionStatus, on: s.subscribedOn, reason: 'Subscribed' }, ...(s.history ?? [])]) {
        await insertSeedRows(trx, 'coc_status_history', { id: randomUUID(), subscription_id: id, at: `${h.on}T06:00:00Z`, actor_id: users.get('in.sosa') ?? null, from_status: from, to_status: h.to, effective_on: h.on, reason: h.reason });
        from = h.to;
      }
      const capabilities = CAPABILITIES.filter(([short]) => short === s.short);
      await insertSeedRows(trx, 'coc_capabilities', capabilities.map(([, fsc, sector, description, parts]) => ({ id: randomUUID(), subscription_id: id, fsc, sector, description, part_numbers: parts })));
      const [name, role, email] = s.contact;
      await insertSeedRows(trx, 'coc_contacts', { id: randomUUID(), subscription_id: id, name, role, email, phone: '' });
      await setOrganisationCodeOfConductSince(trx, org.id, status === 'active' ? s.subscribedOn : null);
    }
    for (const p of postingsExist ? [] : POSTINGS.filter((p) => keeps(p.from))) {
      const id = randomUUID();
      const createdBy = users.get(p.from === 'IN' ? 'in.sosa' : 'us.sosa')!;
      await insertSeedRows(trx, 'liaison_postings', { id, officer_name: p.officer, officer_rank: p.rank, service_number: p.service, sending_nation: p.from, host_nation: p.to, host_command: p.command, location: p.location, start_date: p.start, end_date: p.end, status: p.status, host_poc_name: p.poc[0], host_poc_email: p.poc[1], notes: '', created_by: createdBy, created_at: `${p.start}T06:00:00Z`, updated_at: `${p.start}T06:00:00Z` });
      for (const [title, number, issued] of p.docs) await insertSeedRows(trx, 'liaison_documents', { id: randomUUID(), posting_id: id, title, number, issued_on: issued });
    }
    for (const d of PROGRAM_DETAILS) {
      if (await programHasMilestones(trx, d.programId)) continue;
      if (!(await updateProgramDetails(trx, d.programId, { partner_nations: d.partners, status: d.status as never, start_date: d.start, description: d.description }))) continue;
      const milestones = MILESTONES.filter(([programId]) => programId === d.programId);
      if (milestones.length) await insertSeedRows(trx, 'program_milestones', milestones.map(([programId, title, due, status], i) => ({ id: randomUUID(), program_id: programId, position: i, title, due_on: due, status: status as never, completed_on: status === 'done' ? due : null })));
      const risks = RISKS.filter(([programId]) => programId === d.programId);
      if (risks.length) await insertSeedRows(trx, 'program_risks', risks.map(([programId, title, likelihood, impact, owner, mitigation], i) => ({ id: randomUUID(), program_id: programId, position: i, title, likelihood, impact, owner, mitigation, status: 'open' as const })));
    }
  });
}
