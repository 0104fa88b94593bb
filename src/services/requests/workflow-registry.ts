import { AppError } from '../../domain/errors.js';
import { parseWorkflowDefinition, type WorkflowDefinition } from '../../domain/workflows/workflow-definition.js';
import type { Db } from '../../store/executor.js';
import { findWorkflowDefinition, listWorkflowIds, upsertWorkflow } from '../../store/workflows.repository.js';

/** Workflow definitions live in the database as configuration; parsed and cached on first use. */
export class WorkflowRegistry {
  private cache = new Map<string, WorkflowDefinition>();
  constructor(private readonly db: Db) {}

  async get(id: string, db: Db = this.db): Promise<WorkflowDefinition> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const definition = await findWorkflowDefinition(db, id);
    if (definition === undefined) throw new AppError('NOT_FOUND', { detail: `No workflow "${id}" is configured.` });
    const def = parseWorkflowDefinition(definition);
    this.cache.set(id, def);
    return def;
  }

  async all(): Promise<WorkflowDefinition[]> {
    const ids = await listWorkflowIds(this.db);
    return Promise.all(ids.map((id) => this.get(id)));
  }

  invalidate(): void {
    this.cache.clear();
  }
}

/** Stores (or replaces) a workflow definition after validating it: how a new arrangement is configured. */
export async function saveWorkflowDefinition(db: Db, input: unknown): Promise<WorkflowDefinition> {
  const def = parseWorkflowDefinition(input);
  await upsertWorkflow(db, def.id, JSON.stringify(def));
  return def;
}
