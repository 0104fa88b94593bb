import { randomUUID } from 'node:crypto';
import { AppError, validationError, type FieldError } from '../../domain/errors.js';
import { findOverlaps } from '../../domain/partnership/posting-overlap.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import type { Tx } from '../../store/executor.js';
import { findPostingNations, insertPosting, lockOfficerPostings, nationExists, replacePostingDocuments, updatePostingRow } from '../../store/liaison.repository.js';
import { todayIn } from '../calendars/today-in.js';
import type { AppContext } from '../context.js';
import { sharePostingChange } from '../federation/share-posting-change.js';
import { loadPostingViews, postingNotFound, seesPosting, type PostingInput, type PostingView } from './posting-view.js';
import { isUuid } from '../../domain/uuid.js';

async function checkPosting(trx: Tx, actor: Actor, id: string, input: PostingInput): Promise<void> {
  const errors: FieldError[] = [];
  if (input.hostNation === actor.nation) errors.push({ field: 'hostNation', message: 'must be another nation than the sending nation' });
  else if (!(await nationExists(trx, input.hostNation))) errors.push({ field: 'hostNation', message: 'is not a known nation' });
  if (input.endDate !== null && input.endDate < input.startDate) errors.push({ field: 'endDate', message: 'must not be before the start date' });
  if (errors.length) throw validationError(errors);
  // One officer, one posting at a time: serialise writers of this officer, then look for overlaps.
  const others = await lockOfficerPostings(trx, actor.nation, input.serviceNumber);
  const conflicts = findOverlaps({ id, startDate: input.startDate, endDate: input.endDate }, others.map((o) => ({ id: o.id, startDate: o.start_date, endDate: o.end_date, hostCommand: o.host_command })));
  if (conflicts.length) {
    const c = conflicts[0]!;
    throw validationError(
      [{ field: 'startDate', message: `overlaps the posting to ${c.hostCommand} (${c.startDate} to ${c.endDate ?? 'open'})` }],
      `${input.officerName} (${input.serviceNumber}) is already posted to ${c.hostCommand} from ${c.startDate} to ${c.endDate ?? 'an open end'}; an officer holds one posting at a time.`,
    );
  }
}

const columns = (input: PostingInput) => ({
  officer_name: input.officerName,
  officer_rank: input.officerRank,
  service_number: input.serviceNumber,
  host_nation: input.hostNation,
  host_command: input.hostCommand,
  location: input.location,
  start_date: input.startDate,
  end_date: input.endDate,
  status: input.status,
  host_poc_name: input.hostPoc.name,
  host_poc_email: input.hostPoc.email,
  notes: input.notes,
});

/** The sending nation's SOSA officer posts one of its officers to a command of another nation. */
export async function createPosting(ctx: AppContext, { actor, input }: { actor: Actor; input: PostingInput }): Promise<PostingView> {
  const id = randomUUID();
  await ctx.store.db.transaction().execute(async (trx) => {
    await checkPosting(trx, actor, id, input);
    const now = ctx.now();
    await insertPosting(trx, { id, ...columns(input), sending_nation: actor.nation, created_by: actor.userId, created_at: now, updated_at: now });
    await replacePostingDocuments(trx, id, input.documents);
    await auditAs(trx, actor, { parties: [input.hostNation], action: 'liaison.create', entityType: 'liaison_posting', entityId: id, data: { ...columns(input), documents: input.documents } });
    await sharePostingChange(ctx, trx, id);
  });
  const [view] = await loadPostingViews(ctx.store.db, actor, [id], await todayIn(ctx, actor.nation));
  return view!;
}

/** Edits a posting: only the sending nation's SOSA officer; the host nation reads (403), others see nothing (404). */
export async function updatePosting(ctx: AppContext, { actor, id, input }: { actor: Actor; id: string; input: PostingInput & { version: number } }): Promise<PostingView> {
  if (!isUuid(id)) throw postingNotFound(id);
  await ctx.store.db.transaction().execute(async (trx) => {
    const row = await findPostingNations(trx, id, { forUpdate: true });
    if (!row || !seesPosting(actor, row)) throw postingNotFound(id);
    if (row.sending_nation !== actor.nation) throw new AppError('FORBIDDEN', { detail: `Only ${row.sending_nation}, the sending nation, edits this posting.` });
    if (row.version !== input.version) throw new AppError('STALE_VERSION', { detail: `The posting changed meanwhile (version ${row.version}, you sent ${input.version}). Reload and edit again.` });
    await checkPosting(trx, actor, id, input);
    await updatePostingRow(trx, id, { ...columns(input), updated_at: ctx.now(), version: row.version + 1 });
    await replacePostingDocuments(trx, id, input.documents);
    await auditAs(trx, actor, { parties: [row.host_nation, input.hostNation], action: 'liaison.update', entityType: 'liaison_posting', entityId: id, data: { ...columns(input), documents: input.documents } });
    await sharePostingChange(ctx, trx, id, row.host_nation);
  });
  const [view] = await loadPostingViews(ctx.store.db, actor, [id], await todayIn(ctx, actor.nation));
  return view!;
}
