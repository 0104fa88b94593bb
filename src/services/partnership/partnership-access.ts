import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { findArrangement, listArrangementNationPairs } from '../../store/arrangements.repository.js';
import type { Db } from '../../store/executor.js';

/** @deprecated the executor type lives in src/store/executor.ts as `Db`. */
export type Executor = Db;


export function notFound(what: string, id: string): AppError {
  return new AppError('NOT_FOUND', { detail: `No ${what} ${id} that you can see.` });
}

/** The own nation and every nation it shares an arrangement with (the readers of a shared directory). */
export async function arrangementNations(db: Db, nation: string): Promise<string[]> {
  const rows = await listArrangementNationPairs(db, nation);
  return [...new Set([nation, ...rows.flatMap((r) => [r.nation_a, r.nation_b])])].sort();
}

/** An arrangement the actor's nation is party to, or 404 (existence does not leak). */
export async function loadArrangementOfActor(db: Db, actor: Actor, arrangementId: string) {
  const row = await findArrangement(db, arrangementId);
  if (!row || (row.nation_a !== actor.nation && row.nation_b !== actor.nation)) throw notFound('arrangement', arrangementId);
  return row;
}
