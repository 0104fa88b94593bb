import { randomUUID } from 'node:crypto';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import type { Database } from '../../store/schema.js';
import type { Selectable } from 'kysely';
import type { AppContext } from '../context.js';
import { arrangementNations, isUuid, notFound } from './partnership-access.js';

/**
 * The SOSA points-of-contact directory (dpas-sosa-sources.md §2.1: SOSAs "establish communication
 * mechanisms"). Each nation's SOSA officer keeps its own nation's entries; both nations of an
 * arrangement read them; any other nation does not see them (404).
 */
export const CONTACT_FUNCTIONS = ['sosa_lead', 'dpas_priorities', 'industrial_base', 'logistics', 'legal', 'other'] as const;
export type ContactFunction = (typeof CONTACT_FUNCTIONS)[number];

export type ContactRow = Selectable<Database['points_of_contact']>;

export interface ContactInput {
  function: ContactFunction;
  name: string;
  title?: string | undefined;
  organisation: string;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  notes?: string | undefined;
}

export function presentContact(r: ContactRow) {
  return { id: r.id, nation: r.nation, function: r.function, name: r.name, title: r.title, organisation: r.organisation, email: r.email, phone: r.phone, notes: r.notes, active: r.active, updatedAt: r.updated_at.toISOString() };
}

function requireReachable(input: { email?: string | null | undefined; phone?: string | null | undefined }) {
  if (!input.email && !input.phone) throw new AppError('VALIDATION_FAILED', { detail: 'A point of contact needs an e-mail address or a phone number.', errors: [{ field: 'email', message: 'give an e-mail address or a phone number' }] });
}

export async function listContacts(ctx: AppContext, actor: Actor, query: { q?: string | undefined; nation?: string | undefined; function?: string | undefined; includeInactive?: boolean | undefined }): Promise<ContactRow[]> {
  const nations = await arrangementNations(ctx.store.db, actor.nation);
  let qb = ctx.store.db.selectFrom('points_of_contact').selectAll().where('nation', 'in', nations);
  if (query.nation) qb = qb.where('nation', '=', query.nation);
  if (query.function) qb = qb.where('function', '=', query.function);
  if (!query.includeInactive) qb = qb.where('active', '=', true);
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    qb = qb.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('organisation', 'ilike', pattern), eb('title', 'ilike', pattern), eb('email', 'ilike', pattern)]));
  }
  return qb.orderBy('nation').orderBy('function').orderBy('name').limit(1000).execute();
}

export async function createContact(ctx: AppContext, actor: Actor, input: ContactInput): Promise<ContactRow> {
  requireReachable(input);
  return ctx.store.db.transaction().execute(async (trx) => {
    const now = ctx.now();
    const row = await trx
      .insertInto('points_of_contact')
      .values({ id: randomUUID(), nation: actor.nation, function: input.function, name: input.name, title: input.title ?? '', organisation: input.organisation, email: input.email ?? null, phone: input.phone ?? null, notes: input.notes ?? '', created_by: actor.userId, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditAs(trx, actor, { action: 'contact.create', entityType: 'point_of_contact', entityId: row.id, data: { function: row.function, name: row.name, organisation: row.organisation } });
    return row;
  });
}

export async function updateContact(ctx: AppContext, actor: Actor, id: string, patch: Partial<ContactInput> & { active?: boolean | undefined }): Promise<ContactRow> {
  if (!isUuid(id)) throw notFound('point of contact', id);
  return ctx.store.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('points_of_contact').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row || !(await arrangementNations(trx, actor.nation)).includes(row.nation)) throw notFound('point of contact', id);
    if (row.nation !== actor.nation) throw new AppError('FORBIDDEN', { detail: `Only ${row.nation}'s SOSA officers maintain ${row.nation}'s points of contact.` });
    const next = { ...row, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as ContactRow;
    requireReachable(next);
    const updated = await trx
      .updateTable('points_of_contact')
      .set({ function: next.function, name: next.name, title: next.title, organisation: next.organisation, email: next.email, phone: next.phone, notes: next.notes, active: next.active, updated_at: ctx.now() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditAs(trx, actor, { action: 'contact.update', entityType: 'point_of_contact', entityId: id, data: { changed: Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined) } });
    return updated;
  });
}
