import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../domain/errors.js';
import { parseWorkflowDefinition, type WorkflowDefinition } from '../../domain/workflows/workflow-definition.js';
import type { Database } from '../../store/schema.js';

/** Workflow definitions live in the database as configuration; parsed and cached on first use. */
export class WorkflowRegistry {
  private cache = new Map<string, WorkflowDefinition>();
  constructor(private readonly db: Kysely<Database>) {}

  async get(id: string, db: Kysely<Database> | Transaction<Database> = this.db): Promise<WorkflowDefinition> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const row = await db.selectFrom('workflows').select('definition').where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', { detail: `No workflow "${id}" is configured.` });
    const def = parseWorkflowDefinition(row.definition);
    this.cache.set(id, def);
    return def;
  }

  async all(): Promise<WorkflowDefinition[]> {
    const rows = await this.db.selectFrom('workflows').select('id').orderBy('id').execute();
    return Promise.all(rows.map((r) => this.get(r.id)));
  }

  invalidate(): void {
    this.cache.clear();
  }
}

/** Stores (or replaces) a workflow definition after validating it: how a new arrangement is configured. */
export async function saveWorkflowDefinition(db: Kysely<Database>, input: unknown): Promise<WorkflowDefinition> {
  const def = parseWorkflowDefinition(input);
  await db
    .insertInto('workflows')
    .values({ id: def.id, definition: JSON.stringify(def) })
    .onConflict((oc) => oc.column('id').doUpdateSet({ definition: JSON.stringify(def), updated_at: new Date() }))
    .execute();
  return def;
}
