import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { computeActionItemDue } from '../../domain/partnership/action-item-due.js';
import { settleBy } from '../../domain/partnership/logistics-ledger.js';
import { nextReferenceNumber } from '../../store/reference-counters.js';
import type { Db, Tx } from '../../store/executor.js';
import { contactNamed, insertSeedRows, listUserDirectory, workingGroupNamed } from '../../store/seed/partnership.repository.js';
import { CalendarRegistry } from '../calendars/calendar-registry.js';

// Demo records of the partnership desk: the directory, the jet engine working group, and LEMOA
// orders of a port call. Dates are relative to `now`, so the desk looks current whenever it is
// started. Names of contacts are invented; offices are real ones of the US–India partnership.
const GROUP_NAME = 'US–India SOSA Working Group on Jet Engines';

const CONTACTS = [
  { nation: 'US', function: 'sosa_lead', name: 'Dana Whitfield', title: 'SOSA Program Manager', organisation: 'OASD(IBP), Security of Supply Office', email: 'sosa.office@example.mil', phone: '+1 703 555 0141' },
  { nation: 'US', function: 'dpas_priorities', name: 'Laura Chen', title: 'DPAS Program Officer', organisation: 'Department of Commerce, BIS OSIES', email: 'dpas@example.gov', phone: '+1 202 555 0199' },
  { nation: 'US', function: 'industrial_base', name: 'Marcus Bell', title: 'Program Determinations Lead', organisation: 'DoD Industrial Base Policy', email: 'ibp.determinations@example.mil', phone: null },
  { nation: 'US', function: 'logistics', name: 'Lt Cdr. Erin Walsh', title: 'ACSA Program Manager', organisation: 'US INDOPACOM J4', email: 'acsa.j4@example.mil', phone: '+1 808 555 0110' },
  { nation: 'US', function: 'legal', name: 'Michael Grant', title: 'Associate General Counsel (International)', organisation: 'DoD Office of General Counsel', email: 'ogc.intl@example.mil', phone: null },
  { nation: 'IN', function: 'sosa_lead', name: 'Col. Priya Raghavan', title: 'Director, SOSA Cell', organisation: 'Ministry of Defence, Acquisition Wing', email: 'sosa.cell@example.gov.in', phone: '+91 11 2301 4411' },
  { nation: 'IN', function: 'industrial_base', name: 'Anil Kapoor', title: 'Joint Secretary (Defence Industries Production)', organisation: 'Department of Defence Production', email: 'js.dip@example.gov.in', phone: '+91 11 2301 2290' },
  { nation: 'IN', function: 'logistics', name: 'Cdr. Arjun Rao', title: 'Joint Director (Logistics)', organisation: 'HQ Integrated Defence Staff', email: 'jd.log@example.gov.in', phone: '+91 11 2300 5566' },
  { nation: 'IN', function: 'legal', name: 'Neha Sharma', title: 'Legal Adviser (Defence)', organisation: 'Ministry of Law and Justice, Department of Legal Affairs', email: 'la.defence@example.gov.in', phone: null },
] as const;

/**
 * On a sovereign instance (`ownNation`, issue #13) only what that nation keeps: its own points of
 * contact, the working group if its officer created it, the logistics orders it supplies. The
 * partner's reach it as messages, so neither instance holds a second, unlinked copy.
 */
export async function seedPartnershipDemoData(db: Db, now: Date = new Date(), ownNation?: string): Promise<void> {
  const keeps = (nation: string) => !ownNation || ownNation === nation;
  // Seeded once; on a sovereign instance, its own first entry of the directory says so (the group
  // may be the partner's, received).
  const ownFirst = CONTACTS.find((c) => keeps(c.nation));
  if (ownNation ? ownFirst && (await contactNamed(db, ownFirst.nation, ownFirst.name)) : await workingGroupNamed(db, GROUP_NAME)) return;
  const users = new Map((await listUserDirectory(db)).map((u) => [u.username, u]));
  const inSosa = users.get('in.sosa');
  const usSosa = users.get('us.sosa');
  if (!inSosa || !usSosa) return;
  const owner = (nation: string) => (nation === 'IN' ? inSosa.id : usSosa.id);

  await db.transaction().execute(async (trx) => {
    for (const c of CONTACTS.filter((c) => keeps(c.nation))) {
      await insertSeedRows(trx, 'points_of_contact', { id: randomUUID(), ...c, notes: '', created_by: owner(c.nation), created_at: now, updated_at: now });
    }

    await seedLogisticsOrders(trx, now, owner, keeps);
    // The jet engine working group (F414 co-production, DTTI / INDUS-X context), the US officer's.
    if (!keeps('US')) return;
    const groupId = randomUUID();
    await insertSeedRows(trx, 'working_groups', { id: groupId, arrangement_id: 'US-IN', name: GROUP_NAME, purpose: 'Security of supply for the F414-INS6 engine co-production: castings, forgings and turbine blades; lead times, second sources and priority requests under the SOSA.', program_id: null, created_by: usSosa.id, created_at: now, updated_at: now });
    const member = async (m: { username?: string; name?: string; nation?: string; organisation?: string; email?: string; chair?: boolean }) => {
      const u = m.username ? users.get(m.username) : undefined;
      const id = randomUUID();
      await insertSeedRows(trx, 'working_group_members', { id, group_id: groupId, nation: u?.nation ?? m.nation!, user_id: u?.id ?? null, name: u?.display_name ?? m.name!, organisation: m.organisation ?? '', email: m.email ?? null, chair: m.chair ?? false, created_at: now });
      return { id, nation: u?.nation ?? m.nation! };
    };
    const usChair = await member({ username: 'us.sosa', organisation: 'OASD(IBP)', chair: true });
    const inChair = await member({ username: 'in.sosa', organisation: 'MoD Acquisition Wing', chair: true });
    const usDod = await member({ username: 'us.dod', organisation: 'DoD Industrial Base Policy' });
    const inAnalyst = await member({ username: 'in.analyst', organisation: 'MoD Acquisition Wing' });
    const hal = await member({ name: 'Dr. S. Menon', nation: 'IN', organisation: 'HAL Engine Division, Bengaluru (external)', email: 's.menon@example.in' });
    const ge = await member({ name: 'Karen Doyle', nation: 'US', organisation: 'Engine OEM supply chain (external)', email: 'k.doyle@example.com' });

    const past = DateTime.fromJSDate(now).setZone('Asia/Kolkata').minus({ days: 14 }).set({ hour: 19, minute: 30, second: 0, millisecond: 0 });
    const next = DateTime.fromJSDate(now).setZone('America/New_York').plus({ days: 16 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
    const m1 = randomUUID();
    await insertSeedRows(trx, 'working_group_meetings', {
      id: m1,
      group_id: groupId,
      title: 'Meeting 3 — castings and blade lead times',
      starts_at: past.toJSDate(),
      time_zone: 'Asia/Kolkata',
      location: 'Video conference (New Delhi / Washington)',
      agenda: '1. Single-crystal blade castings: lead time and capacity\n2. Forging second source in India\n3. Priority requests in the pipeline\n4. AOB',
      minutes: 'Blade castings lead time reported at 38 weeks; one qualified source. India to present the forging capacity plan; US to report on DPAS rating outlook for the castings order. Next meeting in Washington.',
      created_at: now,
      updated_at: now,
    });
    await insertSeedRows(trx, 'working_group_meetings', { id: randomUUID(), group_id: groupId, title: 'Meeting 4 — second sources', starts_at: next.toJSDate(), time_zone: 'America/New_York', location: 'Pentagon, Washington DC', agenda: '1. Review of action items\n2. Second-source qualification plan\n3. Buffer stock for blades', minutes: '', created_at: now, updated_at: now });
    for (const [m, present] of [[usChair, true], [inChair, true], [usDod, true], [inAnalyst, false], [hal, true], [ge, true]] as const) {
      await insertSeedRows(trx, 'working_group_attendance', { meeting_id: m1, member_id: m.id, present });
    }
    const calendars = new CalendarRegistry(db);
    const item = async (title: string, who: { id: string; nation: string }, due: { workingDays: number } | { date: string }, status: 'open' | 'done' = 'open') => {
      const cal = await calendars.get(who.nation, trx);
      const d = computeActionItemDue(cal, 'workingDays' in due ? { kind: 'working_days', workingDays: due.workingDays, meetingStartsAt: past.toJSDate() } : { kind: 'date', date: due.date });
      await insertSeedRows(trx, 'working_group_action_items', { id: randomUUID(), group_id: groupId, meeting_id: m1, title, owner_member_id: who.id, owner_nation: who.nation, due_date: d.dueDate, due_at: d.dueAt, due_basis: JSON.stringify(d.basis), status, closed_at: status === 'open' ? null : now, overdue_at: null, escalated_to: null, created_by: usSosa.id, created_at: now, updated_at: now });
    };
    await item('Present the forging capacity plan for the F414 discs', hal, { workingDays: 5 }); // past due: the scheduler escalates it
    await item('Report the DPAS rating outlook for the blade castings order', usDod, { workingDays: 20 });
    await item('Circulate the minutes of meeting 3', inChair, { workingDays: 2 }, 'done');
    await item('Propose a blade buffer-stock level (weeks of production)', ge, { date: DateTime.fromJSDate(now).plus({ days: 30 }).toISODate()! });
  });
}

/** LEMOA: a US Navy port call at Visakhapatnam (India supplies) and Indian fuel at Guam (US supplies); only those of a nation `keeps`. */
async function seedLogisticsOrders(trx: Tx, now: Date, owner: (nation: string) => string, keeps: (nation: string) => boolean): Promise<void> {
  const months = 12;
  // A settlement the receiving nation recorded and the supplying nation confirmed; and one only
  // claimed (the Indian SOSA cell has it to confirm).
  const order = async (o: { supplying: string; receiving: string; cls: string; description: string; occasion: string; deliveredDaysAgo: number; currency: string; minor: number; settled?: number; claimed?: number; method: string }) => {
    if (!keeps(o.supplying)) return;
    const id = randomUUID();
    const delivered = DateTime.fromJSDate(now).minus({ days: o.deliveredDaysAgo }).toISODate()!;
    const series = `LSO-${o.supplying}${o.receiving}`;
    const seq = await nextReferenceNumber(trx, series);
    await insertSeedRows(trx, 'logistics_orders', { id, reference: `${series}-${String(seq).padStart(5, '0')}`, arrangement_id: 'US-IN', supplying_nation: o.supplying, receiving_nation: o.receiving, support_class: o.cls, description: o.description, occasion: o.occasion, delivered_on: delivered, currency: o.currency, amount_minor: o.minor, settled_minor: o.settled ?? 0, claimed_minor: o.claimed ?? 0, settlement_method: o.method, settle_by: settleBy(delivered, months), created_by: owner(o.supplying), created_at: now, updated_at: now });
    const on = (days: number) => DateTime.fromJSDate(now).minus({ days }).toISODate()!;
    if (o.settled) await insertSeedRows(trx, 'logistics_settlements', { id: randomUUID(), order_id: id, settled_on: on(10), method: o.method, amount_minor: o.settled, note: 'First instalment', created_by: owner(o.receiving), created_at: now, status: 'confirmed', recorded_by_nation: o.receiving, decided_by: owner(o.supplying), decided_at: now });
    if (o.claimed) await insertSeedRows(trx, 'logistics_settlements', { id: randomUUID(), order_id: id, settled_on: on(2), method: o.method, amount_minor: o.claimed, note: 'Second instalment, voucher DFAS-IN-2231', created_by: owner(o.receiving), created_at: now, status: 'claimed', recorded_by_nation: o.receiving, decided_by: null, decided_at: null });
  };
  const call = 'USS Somerset port call, Visakhapatnam';
  await order({ supplying: 'IN', receiving: 'US', cls: 'berthing', description: 'Berthing, pilotage and tugs, 4 days, Naval Dockyard Visakhapatnam', occasion: call, deliveredDaysAgo: 40, currency: 'INR', minor: 1_860_000_00, method: 'cash' });
  await order({ supplying: 'IN', receiving: 'US', cls: 'fuel', description: 'HSD (F-76) 220 kL bunkered alongside', occasion: call, deliveredDaysAgo: 40, currency: 'INR', minor: 1_672_000_00, settled: 600_000_00, claimed: 500_000_00, method: 'cash' });
  await order({ supplying: 'IN', receiving: 'US', cls: 'rations', description: 'Fresh provisions for 690 crew, 4 days', occasion: call, deliveredDaysAgo: 40, currency: 'INR', minor: 412_500_00, method: 'replacement_in_kind' });
  await order({ supplying: 'US', receiving: 'IN', cls: 'fuel', description: 'F-76 marine diesel, 180 m³, INS Satpura at Apra Harbor, Guam', occasion: 'Exercise Malabar', deliveredDaysAgo: 70, currency: 'USD', minor: 212_400_00, settled: 150_000_00, method: 'cash' });
  await order({ supplying: 'US', receiving: 'IN', cls: 'spare_parts', description: 'Gas turbine starter valve and seals, LM2500', occasion: 'Exercise Malabar', deliveredDaysAgo: 400, currency: 'USD', minor: 48_250_00, method: 'equal_value_exchange' });
  await order({ supplying: 'US', receiving: 'IN', cls: 'transportation', description: 'C-17 airlift of HADR stores, Hindon to Port Blair leg', occasion: 'HADR exercise Tiger Triumph', deliveredDaysAgo: 120, currency: 'USD', minor: 96_000_00, settled: 96_000_00, method: 'cash' });
}
