// Piscina task: either the fast path's certificate step (certify.ts) or a batch of disruption rows
// (§4) on one LP network. The row engine (and, for the fast method, its warm-started HiGHS
// models) is kept between batches of the same analysis `key`.
import { certify, type CertifyResult, type CertifyRow } from './certify.js';
import type { LpNetwork } from './lp-network.js';
import { buildLpForm, loadHighs, PersistentEngine, TextEngine, type LpEngine, type RowRequest, type RowSolve } from './time-to-survive.js';

export interface LpTask {
  op: 'rows';
  key: string;
  lp: LpNetwork;
  method: 'fast' | 'baseline';
  timeLimitSeconds: number;
  rows: RowRequest[];
}

export interface CertifyTask {
  op: 'certify';
  lp: LpNetwork;
  rows: CertifyRow[];
  horizonDays: number;
  timeLimitSeconds: number;
}

let cached: { key: string; engine: LpEngine } | null = null;

export async function solveBatch(task: Omit<LpTask, 'op'>): Promise<RowSolve[]> {
  const highs = await loadHighs();
  if (!cached || cached.key !== task.key) {
    cached?.engine.dispose();
    const fast = task.method === 'fast';
    const form = buildLpForm(task.lp, fast);
    const engine = fast ? new PersistentEngine(highs, form, { timeLimitSeconds: task.timeLimitSeconds }) : new TextEngine(highs, form, { timeLimitSeconds: task.timeLimitSeconds, alwaysPi: true });
    cached = { key: task.key, engine };
  }
  const engine = cached.engine;
  return task.rows.map((row) => engine.solveRow(row));
}

export default function runTask(task: LpTask | CertifyTask): Promise<RowSolve[] | CertifyResult> {
  return task.op === 'certify' ? certify(task.lp, task.rows, task.horizonDays, task.timeLimitSeconds) : solveBatch(task);
}
