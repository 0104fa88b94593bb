import type { Actor } from '../../domain/access/actor.js';
import type { AppContext } from '../context.js';
import { isParty, loadProgramViews, PROGRAM_ID, programNotFound, type ProgramView } from './programs.repository.js';

/** One program with milestones, risks and the priority requests made under it that the actor's nation is party to. */
export async function getProgram(ctx: AppContext, { actor, id }: { actor: Actor; id: string }): Promise<ProgramView> {
  if (!PROGRAM_ID.test(id)) throw programNotFound(id);
  const row = await ctx.store.db.selectFrom('programs').select(['id', 'nation', 'partner_nations']).where('id', '=', id).executeTakeFirst();
  if (!row || !isParty(actor, row)) throw programNotFound(id);
  const [view] = await loadProgramViews(ctx.store.db, actor, [id], true);
  return view!;
}
