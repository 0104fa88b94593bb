import { AppError } from '../../domain/errors.js';
import { parseWorkflowDefinition, type WorkflowDefinition } from '../../domain/workflows/workflow-definition.js';
import type { Db } from '../../store/executor.js';
import { findWorkflowDefinition, listWorkflowIds, upsertWorkflow } from '../../store/workflows.repository.js';

/** Bumped by every save in this process: each registry drops what it cached before. */
let savedGeneration = 0;

/**
 * How long a registry trusts its list of workflows before reading it again: a save in this process
 * is seen at once (savedGeneration); a save by another process on the same database (the CLI's
 * seed beside a running server) within this time. Workflows are configuration, changed rarely.
 */
const REVALIDATE_MS = 30_000;

/**
 * Workflow definitions live in the database as configuration; parsed and cached on first use, and
 * the list of them too, so a list, queue or dashboard read costs no query for them (issue #14).
 */
export class WorkflowRegistry {
  private cache = new Map<string, WorkflowDefinition>();
  private list: { ids: string[]; at: number; generation: number } | null = null;
  private generation = savedGeneration;
  constructor(
    private readonly db: Db,
    private readonly clock: () => number = Date.now,
  ) {}

  private dropIfSaved(): void {
    if (this.generation !== savedGeneration) this.invalidate();
  }

  async get(id: string, db: Db = this.db): Promise<WorkflowDefinition> {
    this.dropIfSaved();
    const cached = this.cache.get(id);
    if (cached) return cached;
    const definition = await findWorkflowDefinition(db, id);
    if (definition === undefined) throw new AppError('NOT_FOUND', { detail: `No workflow "${id}" is configured.` });
    const def = parseWorkflowDefinition(definition);
    this.cache.set(id, def);
    return def;
  }

  async all(): Promise<WorkflowDefinition[]> {
    this.dropIfSaved();
    if (!this.list || this.clock() - this.list.at > REVALIDATE_MS) {
      const ids = await listWorkflowIds(this.db);
      // Another process may have replaced a definition: read them again along with the list.
      if (this.list) this.cache.clear();
      this.list = { ids, at: this.clock(), generation: this.generation };
    }
    return Promise.all(this.list.ids.map((id) => this.get(id)));
  }

  invalidate(): void {
    this.cache.clear();
    this.list = null;
    this.generation = savedGeneration;
  }
}

/** Stores (or replaces) a workflow definition after validating it: how a new arrangement is configured. */
export async function saveWorkflowDefinition(db: Db, input: unknown): Promise<WorkflowDefinition> {
  const def = parseWorkflowDefinition(input);
  await upsertWorkflow(db, def.id, JSON.stringify(def));
  savedGeneration++;
  return def;
}
