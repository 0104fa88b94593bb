import { SCENARIO_PRESETS } from '../../../analytics/disruption/index.js';
import type { Actor } from '../../../domain/access/actor.js';
import type { NetworkAnalysisRow } from '../../../store/schema.js';
import { NETWORK_WRITERS } from '../network-access.js';

export type PresetKey = keyof typeof SCENARIO_PRESETS;
export const PRESET_KEYS = Object.keys(SCENARIO_PRESETS) as PresetKey[];

export type StartAnalysisInput =
  | { kind: 'structural'; countriesOfConcern?: string[] | undefined }
  | { kind: 'scenario'; preset?: PresetKey | undefined; scenarioId?: string | undefined; scenario?: unknown; budget?: number | undefined };

export interface AnalysisView {
  id: string;
  networkId: string;
  kind: 'structural' | 'scenario';
  status: NetworkAnalysisRow['status'];
  progress: number;
  scenario: unknown;
  parameters: Record<string, unknown>;
  error: string | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Only on the single read. */
  result?: unknown;
  actions: Array<'cancel'>;
}

/** Live scenario runs a nation may have at once (the machine's cores are shared). */
export const MAX_LIVE_RUNS_PER_NATION = 3;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The columns a view shows (not the queued run's working state). */
export type PresentedRow = Omit<NetworkAnalysisRow, 'runner' | 'job_plan' | 'job_scenario_result'>;

export function present(row: PresentedRow & { username?: string }, actor: Actor, withResult: boolean): AnalysisView {
  const live = row.status === 'queued' || row.status === 'running';
  return {
    id: row.id,
    networkId: row.network_id,
    kind: row.kind,
    status: row.status,
    progress: row.progress,
    scenario: row.scenario,
    parameters: row.parameters,
    error: row.error,
    createdBy: row.username ?? '',
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    ...(withResult ? { result: row.result } : {}),
    actions: live && actor.roles.some((r) => NETWORK_WRITERS.includes(r)) ? ['cancel'] : [],
  };
}
