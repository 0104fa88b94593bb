import { sql, type Kysely, type Transaction } from 'kysely';
import { AppError } from '../../domain/errors.js';
import type { Capability, TrackRecord } from '../../domain/partnership/rank-subscribers.js';
import type { Actor } from '../../domain/access/actor.js';
import type { Database, SubscriptionStatus } from '../../store/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CapabilityInput {
  fsc: string | null;
  sector: string;
  description: string;
  partNumbers: string[];
}
export interface ContactInput {
  name: string;
  role: string;
  email: string;
  phone: string;
}

export interface SubscriptionView {
  id: string;
  organisation: { id: string; name: string; shortName: string };
  nation: string;
  subscribedOn: string;
  signedBy: { name: string; title: string };
  status: SubscriptionStatus;
  statusSince: string;
  notes: string;
  version: number;
  capabilities: Array<CapabilityInput & { id: string }>;
  contacts: Array<ContactInput & { id: string }>;
  stats: TrackRecord & { onTimeRate: number | null };
  history?: Array<{ at: Date; actor: string | null; from: SubscriptionStatus | null; to: SubscriptionStatus; effectiveOn: string; reason: string }>;
}

/** Readers of a nation's registry: its SOSA cell, auditors and admins; a supplier its own company's entry. */
export function registryReadScope(actor: Actor): { nation: string; organisationId: string | null } {
  const official = actor.roles.some((r) => r === 'sosa_officer' || r === 'auditor' || r === 'admin');
  return { nation: actor.nation, organisationId: official ? null : actor.organisationId };
}

/**
 * A nation keeps a Code of Conduct registry when requests reach it through the Code of Conduct
 * workflow (dpas-sosa-sources.md §2.3: India's Code of Conduct; the US side answers under DPAS).
 */
export async function assertKeepsRegistry(db: Db, nation: string): Promise<void> {
  const row = await db.selectFrom('arrangement_directions').select('arrangement_id').where('to_nation', '=', nation).where('workflow_id', '=', 'code_of_conduct').executeTakeFirst();
  if (!row) throw new AppError('FORBIDDEN', { detail: `${nation} keeps no Code of Conduct registry: requests to it follow its own process (DPAS for the United States).` });
}

export function subscriptionNotFound(id: string): AppError {
  return new AppError('NOT_FOUND', { detail: `No Code of Conduct subscription ${id} that you may see.` });
}

/** Per company: requests put to it, committed, declined, delivered and delivered by the promised date. */
export async function trackRecords(db: Db, organisationIds: readonly string[]): Promise<Map<string, TrackRecord>> {
  const out = new Map<string, TrackRecord>();
  if (organisationIds.length === 0) return out;
  const rows = await sql<{ organisation_id: string; received: number; committed: number; declined: number; delivered: number; on_time: number }>`
    select a.organisation_id,
      count(*)::int as received,
      (count(*) filter (where a.status = 'accepted'))::int as committed,
      (count(*) filter (where a.status = 'declined'))::int as declined,
      (count(*) filter (where a.status = 'accepted' and d.delivered_on is not null))::int as delivered,
      (count(*) filter (where a.status = 'accepted' and d.delivered_on <= a.details->>'promised_delivery_date'))::int as on_time
    from request_assignments a
    left join lateral (
      select max(e.fields->>'delivered_on') as delivered_on from request_events e where e.request_id = a.request_id and e.action = 'mark_delivered'
    ) d on true
    where a.organisation_id in (${sql.join(organisationIds.map((id) => sql`${id}::uuid`))})
    group by a.organisation_id`.execute(db);
  for (const r of rows.rows) out.set(r.organisation_id, { received: r.received, committed: r.committed, declined: r.declined, delivered: r.delivered, deliveredOnTime: r.on_time });
  return out;
}

const EMPTY_RECORD: TrackRecord = { received: 0, committed: 0, declined: 0, delivered: 0, deliveredOnTime: 0 };

/** Loads subscriptions with their company, capabilities, contacts and stats, in the order given. */
export async function loadSubscriptionViews(db: Db, ids: readonly string[], withHistory = false): Promise<SubscriptionView[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('coc_subscriptions as s')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .selectAll('s')
    .select(['o.name as org_name', 'o.short_name as org_short'])
    .where('s.id', 'in', ids)
    .execute();
  const [caps, contacts, records, history] = [
    await db.selectFrom('coc_capabilities').selectAll().where('subscription_id', 'in', ids).orderBy('sector').orderBy('fsc').orderBy('id').execute(),
    await db.selectFrom('coc_contacts').selectAll().where('subscription_id', 'in', ids).orderBy('name').execute(),
    await trackRecords(db, rows.map((r) => r.organisation_id)),
    withHistory
      ? await db.selectFrom('coc_status_history as h').leftJoin('users as u', 'u.id', 'h.actor_id').selectAll('h').select('u.display_name').where('h.subscription_id', 'in', ids).orderBy('h.at').orderBy('h.effective_on').execute()
      : [],
  ];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const record = records.get(r.organisation_id) ?? EMPTY_RECORD;
    const view: SubscriptionView = {
      id: r.id,
      organisation: { id: r.organisation_id, name: r.org_name, shortName: r.org_short },
      nation: r.nation,
      subscribedOn: r.subscribed_on,
      signedBy: { name: r.signed_by_name, title: r.signed_by_title },
      status: r.status,
      statusSince: r.status_since,
      notes: r.notes,
      version: r.version,
      capabilities: caps.filter((c) => c.subscription_id === id).map((c) => ({ id: c.id, fsc: c.fsc, sector: c.sector, description: c.description, partNumbers: c.part_numbers })),
      contacts: contacts.filter((c) => c.subscription_id === id).map((c) => ({ id: c.id, name: c.name, role: c.role, email: c.email, phone: c.phone })),
      stats: { ...record, onTimeRate: record.delivered > 0 ? record.deliveredOnTime / record.delivered : null },
    };
    if (withHistory) {
      view.history = history
        .filter((h) => h.subscription_id === id)
        .map((h) => ({ at: h.at, actor: h.display_name ?? null, from: h.from_status, to: h.to_status, effectiveOn: h.effective_on, reason: h.reason }));
    }
    return [view];
  });
}

export function capabilitiesOf(view: SubscriptionView): Capability[] {
  return view.capabilities.map((c) => ({ fsc: c.fsc, sector: c.sector, description: c.description, partNumbers: c.partNumbers }));
}

export async function replaceDetails(trx: Transaction<Database>, subscriptionId: string, capabilities: readonly CapabilityInput[], contacts: readonly ContactInput[], newId: () => string): Promise<void> {
  await trx.deleteFrom('coc_capabilities').where('subscription_id', '=', subscriptionId).execute();
  await trx.deleteFrom('coc_contacts').where('subscription_id', '=', subscriptionId).execute();
  if (capabilities.length) {
    await trx.insertInto('coc_capabilities').values(capabilities.map((c) => ({ id: newId(), subscription_id: subscriptionId, fsc: c.fsc, sector: c.sector, description: c.description, part_numbers: c.partNumbers }))).execute();
  }
  if (contacts.length) {
    await trx.insertInto('coc_contacts').values(contacts.map((c) => ({ id: newId(), subscription_id: subscriptionId, name: c.name, role: c.role, email: c.email, phone: c.phone }))).execute();
  }
}
