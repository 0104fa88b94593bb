// Step 1–2 of the fast path (see run-analysis.ts): rows answered without their own LP — nodes that
// feed no demand, and rows proven by a certificate from a base solution (time-to-survive.ts
// `certifies`) — and the known TTS of the rest. Runs in a worker thread when the run has a pool.
import type { LpNetwork } from './lp-network.js';
import { buildLpForm, certifies, loadHighs, PersistentEngine, TOLERANCE, type RowSolve } from './time-to-survive.js';
import type { DisruptionResult } from './types.js';

/** Spread LPs after the base solve (each certifies the rows whose nodes it leaves idle). */
const MAX_SPREAD_ROUNDS = 8;

export type CertifyOutcome = RowSolve & { method: DisruptionResult['method'] };
type Outcome = CertifyOutcome;

export interface CertifyRow {
  nodes: number[];
  ttr: number;
  cap: number;
}

export interface CertifyResult {
  outcomes: Array<Outcome | null>;
  knownTts: Array<number | undefined>;
  baseTts: number | null;
  baseLps: number;
}

export async function certify(lp: LpNetwork, rows: readonly CertifyRow[], T: number, timeLimitSeconds: number): Promise<CertifyResult> {
  const outcomes: Array<Outcome | null> = rows.map(() => null);
  const knownTts: Array<number | undefined> = rows.map(() => undefined);
  const highs = await loadHighs();
  const form = buildLpForm(lp, true);
  const engine = new PersistentEngine(highs, form, { timeLimitSeconds });
  let baseLps = 1;
  try {
    const base = engine.solveTts([], T);
    if (!base.col) return { outcomes, knownTts, baseTts: null, baseLps };
    const t0 = base.col[form.tCol]!;
    const known = (i: number, tts: number, method: Outcome['method']) => {
      const row = rows[i]!;
      if (tts >= row.ttr - TOLERANCE * Math.max(1, row.ttr)) outcomes[i] = { tts, cap: row.cap, ttr: row.ttr, survives: true, lostValue: 0, lost: [], status: 'optimal', ttsLps: 0, piLps: 0, method };
      else knownTts[i] = tts;
    };
    if (t0 <= TOLERANCE) {
      // Monotone: removing production never raises TTS, so every row has TTS = 0.
      rows.forEach((_, i) => known(i, 0, 'certificate'));
      return { outcomes, knownTts, baseTts: t0, baseLps };
    }
    const solutions = [base.col];
    const open = new Set<number>();
    rows.forEach((row, i) => {
      if (row.cap !== T) return; // the base solution was capped at T: it proves nothing beyond T
      if (row.nodes.length > 0 && row.nodes.every((v) => form.yCol[v]! < 0)) known(i, t0, 'irrelevant');
      else if (certifies(form, base.col!, t0, row.nodes)) known(i, t0, 'certificate');
      else open.add(i);
    });
    for (let round = 0; round < MAX_SPREAD_ROUNDS && open.size > 0; round++) {
      const weight = new Float64Array(lp.n);
      for (const i of open) for (const v of rows[i]!.nodes) weight[v] = 1 / (1 + lp.plannedFlow[v]!);
      baseLps++;
      const spread = engine.solveSpread(t0, weight);
      if (!spread.col) break;
      solutions.push(spread.col);
      let gained = 0;
      for (const i of [...open]) {
        if (certifies(form, spread.col, t0, rows[i]!.nodes)) {
          known(i, t0, 'certificate');
          open.delete(i);
          gained++;
        }
      }
      if (gained < Math.max(1, 0.01 * (open.size + gained))) break; // diminishing returns
    }
    return { outcomes, knownTts, baseTts: t0, baseLps };
  } finally {
    engine.dispose();
  }
}

