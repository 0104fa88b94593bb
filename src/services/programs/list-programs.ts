import { sql } from 'kysely';
import type { Actor } from '../../domain/access/actor.js';
import type { ProgramStatus } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { loadProgramViews, type ProgramView } from './programs.repository.js';

export interface ProgramFilter {
  q?: string;
  status?: ProgramStatus;
  partner?: string;
}

/** Programs the actor's nation leads or partners in, filtered in SQL. */
export async function listPrograms(ctx: AppContext, { actor, filter }: { actor: Actor; filter: ProgramFilter }): Promise<ProgramView[]> {
  let query = ctx.store.db
    .selectFrom('programs')
    .select('id')
    .where((eb) => eb.or([eb('nation', '=', actor.nation), eb(sql<string>`${actor.nation}`, '=', eb.fn.any('partner_nations'))]));
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.partner) query = query.where((eb) => eb.or([eb('nation', '=', filter.partner!), eb(sql<string>`${filter.partner}`, '=', eb.fn.any('partner_nations'))]));
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    query = query.where((eb) => eb.or([eb('id', 'ilike', like), eb('name', 'ilike', like), eb('description', 'ilike', like)]));
  }
  const ids = await query.orderBy('name').execute();
  return loadProgramViews(ctx.store.db, actor, ids.map((r) => r.id));
}
