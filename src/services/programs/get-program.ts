import type { Actor } from '../../domain/access/actor.js';
import { findProgramByCode } from '../../store/programs.repository.js';
import type { AppContext } from '../context.js';
import { isParty, loadProgramViews, PROGRAM_ID, programNotFound, type ProgramView } from './program-view.js';

/** One program with milestones, risks and the priority requests made under it that the actor's nation is party to. */
export async function getProgram(ctx: AppContext, { actor, id }: { actor: Actor; id: string }): Promise<ProgramView> {
  if (!PROGRAM_ID.test(id)) throw programNotFound(id);
  const row = await findProgramByCode(ctx.store.db, id);
  if (!row || !isParty(actor, row)) throw programNotFound(id);
  const [view] = await loadProgramViews(ctx.store.db, actor, [id], true);
  return view!;
}
