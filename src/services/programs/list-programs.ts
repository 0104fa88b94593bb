import type { Actor } from '../../domain/access/actor.js';
import { searchProgramIds } from '../../store/programs.repository.js';
import type { ProgramStatus } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { loadProgramViews, type ProgramView } from './program-view.js';

export interface ProgramFilter {
  q?: string;
  status?: ProgramStatus;
  partner?: string;
}

/** Programs the actor's nation leads or partners in, filtered in SQL. */
export async function listPrograms(ctx: AppContext, { actor, filter }: { actor: Actor; filter: ProgramFilter }): Promise<ProgramView[]> {
  const ids = await searchProgramIds(ctx.store.db, { nation: actor.nation, ...filter });
  return loadProgramViews(ctx.store.db, actor, ids);
}
