import { AppError, validationError, type FieldError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import type { Tx } from '../../store/executor.js';
import { findNetworkNation, findProgramByCode, findProgramForUpdate, findWorkingGroupNations, insertProgram, listNationCodes, replaceMilestonesAndRisks, updateProgramRow } from '../../store/programs.repository.js';
import type { AppContext } from '../context.js';
import { isParty, loadProgramViews, PROGRAM_ID, programNotFound, type ProgramInput, type ProgramView } from './program-view.js';

/**
 * The links of a program to other registers are checked like every id in a body: a supply network
 * of the caller's nation (networks are national: another nation's network is refused with the same
 * words as a missing one, so nothing of its existence leaks) and a working group of an arrangement
 * the caller's nation is party to. A link another party set and the caller leaves unchanged stays:
 * a partner editing milestones does not have to own the lead nation's network.
 */
async function checkLinks(trx: Tx, actor: Actor, input: ProgramInput, current: { network_id: string | null; working_group_id: string | null } | null): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (input.networkId && input.networkId !== current?.network_id) {
    if ((await findNetworkNation(trx, input.networkId)) !== actor.nation) errors.push({ field: 'networkId', message: `is not a supply network of ${actor.nation}` });
  }
  if (input.workingGroupId && input.workingGroupId !== current?.working_group_id) {
    const group = await findWorkingGroupNations(trx, input.workingGroupId);
    if (!group || (group.nation_a !== actor.nation && group.nation_b !== actor.nation)) errors.push({ field: 'workingGroupId', message: `is not a working group of an arrangement ${actor.nation} is party to` });
  }
  return errors;
}

/**
 * A program's nations: its lead and each partner a nation known here (the register's keys), the
 * lead not listed again as a partner, each partner once. The same checks for a program registered
 * here and one registered from a peer's description (apply-request-submit.ts).
 */
export async function checkProgramNations(trx: Tx, leadNation: string, partnerNations: readonly string[]): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const known = await listNationCodes(trx);
  if (!known.has(leadNation)) errors.push({ field: 'nation', message: 'is not a known nation' });
  partnerNations.forEach((n, i) => {
    if (n === leadNation) errors.push({ field: `partnerNations/${i}`, message: `${n} leads the program; list only the other partners` });
    else if (!known.has(n)) errors.push({ field: `partnerNations/${i}`, message: 'is not a known nation' });
    else if (partnerNations.indexOf(n) !== i) errors.push({ field: `partnerNations/${i}`, message: 'is listed twice' });
  });
  return errors;
}

async function checkProgram(trx: Tx, actor: Actor, leadNation: string, input: ProgramInput, current: { network_id: string | null; working_group_id: string | null } | null = null): Promise<void> {
  const errors: FieldError[] = [...(await checkLinks(trx, actor, input, current)), ...(await checkProgramNations(trx, leadNation, input.partnerNations))];
  input.milestones.forEach((m, i) => {
    if (m.status === 'done' && !m.completedOn) errors.push({ field: `milestones/${i}/completedOn`, message: 'is required for a milestone that is done' });
    if (m.status !== 'done' && m.completedOn) errors.push({ field: `milestones/${i}/completedOn`, message: 'is only for a milestone that is done' });
  });
  if (errors.length) throw validationError(errors);
}

const columns = (input: ProgramInput) => ({
  name: input.name,
  description: input.description,
  status: input.status,
  start_date: input.startDate,
  partner_nations: input.partnerNations,
  dpas_program_symbol: input.dpasProgramSymbol,
  network_id: input.networkId,
  working_group_id: input.workingGroupId,
});

/** A SOSA officer registers a co-production program its nation leads; its code becomes the program id requests cite. */
export async function createProgram(ctx: AppContext, { actor, input }: { actor: Actor; input: ProgramInput & { id: string } }): Promise<ProgramView> {
  await ctx.store.db.transaction().execute(async (trx) => {
    const taken = await findProgramByCode(trx, input.id);
    if (taken) throw new AppError('DUPLICATE', { detail: `The program code ${input.id} is already used (${taken.name}).`, errors: [{ field: 'id', message: 'is taken' }] });
    await checkProgram(trx, actor, actor.nation, input);
    const now = ctx.now();
    await insertProgram(trx, { id: input.id, nation: actor.nation, ...columns(input), created_at: now, updated_at: now });
    await replaceMilestonesAndRisks(trx, input.id, input.milestones, input.risks);
    await auditAs(trx, actor, { parties: input.partnerNations, action: 'program.create', entityType: 'program', entityId: input.id, data: { ...columns(input), milestones: input.milestones, risks: input.risks } });
  });
  const [view] = await loadProgramViews(ctx.store.db, actor, [input.id], true);
  return view!;
}

/** Any party nation's SOSA officer edits the program, its milestones and risks (the lead nation stays). */
export async function updateProgram(ctx: AppContext, { actor, id, input }: { actor: Actor; id: string; input: ProgramInput & { version: number } }): Promise<ProgramView> {
  if (!PROGRAM_ID.test(id)) throw programNotFound(id);
  await ctx.store.db.transaction().execute(async (trx) => {
    const row = await findProgramForUpdate(trx, id);
    if (!row || !isParty(actor, row)) throw programNotFound(id);
    if (row.version !== input.version) throw new AppError('STALE_VERSION', { detail: `The program changed meanwhile (version ${row.version}, you sent ${input.version}). Reload and edit again.` });
    await checkProgram(trx, actor, row.nation, input, row);
    if (row.nation !== actor.nation && !input.partnerNations.includes(actor.nation)) {
      throw validationError([{ field: 'partnerNations', message: `must keep ${actor.nation}: a partner cannot remove itself (ask ${row.nation}, the lead nation)` }]);
    }
    await updateProgramRow(trx, id, { ...columns(input), updated_at: ctx.now(), version: row.version + 1 });
    await replaceMilestonesAndRisks(trx, id, input.milestones, input.risks);
    await auditAs(trx, actor, { parties: [row.nation, ...row.partner_nations, ...input.partnerNations], action: 'program.update', entityType: 'program', entityId: id, data: { ...columns(input), milestones: input.milestones, risks: input.risks } });
  });
  const [view] = await loadProgramViews(ctx.store.db, actor, [id], true);
  return view!;
}
