// Piscina task: solve a batch of disruption rows (§4) on one LP network. The engine (and, for the
// fast method, its warm-started HiGHS models) is kept between batches of the same analysis `key`.
import type { LpNetwork } from './lp-network.js';
import { buildLpForm, loadHighs, PersistentEngine, TextEngine, type LpEngine, type RowRequest, type RowSolve } from './time-to-survive.js';

export interface LpTask {
  key: string;
  lp: LpNetwork;
  method: 'fast' | 'baseline';
  timeLimitSeconds: number;
  rows: RowRequest[];
}

let cached: { key: string; engine: LpEngine } | null = null;

export async function solveBatch(task: LpTask): Promise<RowSolve[]> {
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

export default solveBatch;
