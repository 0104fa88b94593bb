import type { Db } from './executor.js';

// The SQL of the workflow definitions, kept in the database as configuration. Parsing and
// validation are in src/domain/workflows; the cache is src/services/requests/workflow-registry.ts.

/** The stored definition of the workflow, or undefined. */
export async function findWorkflowDefinition(db: Db, id: string): Promise<unknown> {
  return (await db.selectFrom('workflows').select('definition').where('id', '=', id).executeTakeFirst())?.definition;
}

/** The ids of every configured workflow, sorted. */
export async function listWorkflowIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('workflows').select('id').orderBy('id').execute()).map((r) => r.id);
}

/** Stores the definition under its id, replacing an earlier one. */
export async function upsertWorkflow(db: Db, id: string, definition: string): Promise<void> {
  await db
    .insertInto('workflows')
    .values({ id, definition })
    .onConflict((oc) => oc.column('id').doUpdateSet({ definition, updated_at: new Date() }))
    .execute();
}
