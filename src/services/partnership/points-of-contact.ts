import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import { findContactForUpdate, insertContact, listContactRows, updateContactRow, type ContactRow } from '../../store/points-of-contact.repository.js';
import type { ContactFunction } from '../../contract/words.js';
import type { AppContext } from '../context.js';
import { shareContactChange } from '../federation/share-contact-change.js';
import { arrangementNations, notFound } from './partnership-access.js';
import { isUuid } from '../../domain/uuid.js';

/**
 * The SOSA points-of-contact directory (dpas-sosa-sources.md §2.1: SOSAs "establish communication
 * mechanisms"). Each nation's SOSA officer keeps its own nation's entries; both nations of an
 * arrangement read them; any other nation does not see them (404). On a sovereign instance each
 * change of an own entry goes to the peers as `contact.set`, and the peers' entries arrive the
 * same way (issue #13), kept by their nation's officers only.
 */
export { CONTACT_FUNCTIONS, type ContactFunction } from '../../contract/words.js';

export type { ContactRow };

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
  return listContactRows(ctx.store.db, nations, query);
}

export async function createContact(ctx: AppContext, actor: Actor, input: ContactInput): Promise<ContactRow> {
  requireReachable(input);
  return ctx.store.db.transaction().execute(async (trx) => {
    const now = ctx.now();
    const row = await insertContact(trx, { nation: actor.nation, function: input.function, name: input.name, title: input.title ?? '', organisation: input.organisation, email: input.email ?? null, phone: input.phone ?? null, notes: input.notes ?? '', created_by: actor.userId, created_at: now, updated_at: now });
    await auditAs(trx, actor, { action: 'contact.create', entityType: 'point_of_contact', entityId: row.id, data: { function: row.function, name: row.name, organisation: row.organisation } });
    await shareContactChange(ctx, trx, row);
    return row;
  });
}

export async function updateContact(ctx: AppContext, actor: Actor, id: string, patch: Partial<ContactInput> & { active?: boolean | undefined }): Promise<ContactRow> {
  if (!isUuid(id)) throw notFound('point of contact', id);
  return ctx.store.db.transaction().execute(async (trx) => {
    const row = await findContactForUpdate(trx, id);
    if (!row || !(await arrangementNations(trx, actor.nation)).includes(row.nation)) throw notFound('point of contact', id);
    if (row.nation !== actor.nation) throw new AppError('FORBIDDEN', { detail: `Only ${row.nation}'s SOSA officers maintain ${row.nation}'s points of contact.` });
    const next = { ...row, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as ContactRow;
    requireReachable(next);
    const updated = await updateContactRow(trx, id, { function: next.function, name: next.name, title: next.title, organisation: next.organisation, email: next.email, phone: next.phone, notes: next.notes, active: next.active, updated_at: ctx.now(), version: row.version + 1 });
    await auditAs(trx, actor, { action: 'contact.update', entityType: 'point_of_contact', entityId: id, data: { changed: Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined) } });
    await shareContactChange(ctx, trx, updated);
    return updated;
  });
}
