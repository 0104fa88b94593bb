import { AppError } from '../../domain/errors.js';
import type { Capability, TrackRecord } from '../../domain/partnership/rank-subscribers.js';
import type { Actor } from '../../domain/access/actor.js';
import { listCapabilityRows, listContactRows, listStatusHistoryRows, listSubscriptionRows, routesCodeOfConductTo, trackRecords, type CapabilityInput, type ContactInput } from '../../store/code-of-conduct.repository.js';
import type { Db } from '../../store/executor.js';
import type { SubscriptionStatus } from '../../store/schema.js';

export type { CapabilityInput, ContactInput } from '../../store/code-of-conduct.repository.js';


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
  if (!(await routesCodeOfConductTo(db, nation))) throw new AppError('FORBIDDEN', { detail: `${nation} keeps no Code of Conduct registry: requests to it follow its own process (DPAS for the United States).` });
}

export function subscriptionNotFound(id: string): AppError {
  return new AppError('NOT_FOUND', { detail: `No Code of Conduct subscription ${id} that you may see.` });
}

const EMPTY_RECORD: TrackRecord = { received: 0, committed: 0, declined: 0, delivered: 0, deliveredOnTime: 0 };

/** Loads subscriptions with their company, capabilities, contacts and stats, in the order given. */
export async function loadSubscriptionViews(db: Db, ids: readonly string[], withHistory = false): Promise<SubscriptionView[]> {
  if (ids.length === 0) return [];
  const rows = await listSubscriptionRows(db, ids);
  const [caps, contacts, records, history] = [
    await listCapabilityRows(db, ids),
    await listContactRows(db, ids),
    await trackRecords(db, rows.map((r) => r.organisation_id)),
    withHistory ? await listStatusHistoryRows(db, ids) : [],
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
