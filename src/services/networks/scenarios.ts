import { randomUUID } from 'node:crypto';
import { parseScenario, SCENARIO_PRESETS, type ScenarioInput } from '../../analytics/disruption/index.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import { insertScenario, listScenarioRows, scenarioNameTaken } from '../../store/networks.repository.js';
import type { AppContext } from '../context.js';
import { NETWORK_READERS, NETWORK_WRITERS} from './network-access.js';

export interface ScenarioView {
  id: string;
  name: string;
  description: string;
  scenario: unknown;
  createdBy: string;
  createdAt: string;
}

/** §5 presets (templates a run fills from the network) and the nation's saved scenarios. */
export async function listScenarios(ctx: AppContext, { actor }: { actor: Actor }): Promise<{ presets: Array<{ key: string; scenario: ScenarioInput }>; saved: ScenarioView[] }> {
  const rows = await listScenarioRows(ctx.store.db, actor.nation);
  return {
    presets: Object.entries(SCENARIO_PRESETS).map(([key, scenario]) => ({ key, scenario })),
    saved: rows.map((r) => ({ id: r.id, name: r.name, description: r.description, scenario: r.definition, createdBy: r.username, createdAt: new Date(r.created_at).toISOString() })),
  };
}

/** Saves a named scenario for the actor's nation (409 when the name is taken). */
export async function createScenario(ctx: AppContext, { actor, scenario: input }: { actor: Actor; scenario: unknown }): Promise<ScenarioView> {
  let scenario;
  try {
    scenario = parseScenario(input);
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, { detail: error.detail, errors: error.errors.map((e) => ({ field: `scenario/${e.field}`, message: e.message })) });
    throw error;
  }
  const id = randomUUID();
  const now = ctx.now();
  await ctx.store.db.transaction().execute(async (trx) => {
    // The unique (nation, name) index settles a race between two saves of one name (→ 409 below).
    if (await scenarioNameTaken(trx, actor.nation, scenario.name)) throw new AppError('DUPLICATE', { detail: `A scenario named "${scenario.name}" already exists.`, errors: [{ field: 'scenario/name', message: 'is already used by a saved scenario' }] });
    await insertScenario(trx, { id, nation: actor.nation, name: scenario.name, description: scenario.description ?? '', definition: JSON.stringify(scenario), created_by: actor.userId, created_at: now });
    await auditAs(trx, actor, { action: 'network.scenario.create', entityType: 'network_scenario', entityId: id, data: { name: scenario.name, kind: scenario.kind } });
  }).catch((error: unknown) => {
    if ((error as { code?: string }).code === '23505') throw new AppError('DUPLICATE', { detail: `A scenario named "${scenario.name}" already exists.` });
    throw error;
  });
  return { id, name: scenario.name, description: scenario.description ?? '', scenario, createdBy: actor.username, createdAt: now.toISOString() };
}
