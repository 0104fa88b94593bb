// Time-to-survive (TTS) and performance impact (PI) LPs, supply-resilience.md §4, generalised to
// a disrupted node SET (§4 last paragraph: "Scenarios generalise n to a set of nodes"), under base
// conditions (capacity scaling, demand surge, closed lanes) already folded into the LpNetwork.
//
// Variables: y[v] ≥ 0 production over the window, x[s] ≥ 0 shipped on source slot s (u → v for
// input q), t the window length, l[k] ≥ 0 shortfall of end item k (PI only).
//   TTS:  max t  s.t.  y[v] − c[v]·t ≤ 0                         (production; y[v] ≤ 0 if c[v] = 0)
//                      y[v] = 0 for v in the disrupted set D
//                      Σ_{s∈S(v,q)} x[s] − r[v,q]·y[v] ≥ −s[v,q]  (bill of materials)
//                      Σ_{out s of u} x[s] + d[u]·t − y[u] ≤ s[u] (what u can ship; an end item's
//                                                                 demand is shipped from it too)
//                      0 ≤ t ≤ cap,  cap = max(T, TTR of the disruption)
//   PI:   t = TTR;  min Σ_k w[k]·l[k]  with the ship row of end item k relaxed by −l[k], l[k] ≤ d[k]·TTR.
// Both LPs are always feasible for valid data (t = 0, y = x = 0; l = d·TTR); infeasible,
// unbounded, time-limited or failed solves are reported as a row status, never thrown.
//
// PI = 0 whenever TTS ≥ TTR (proof: a solution feasible at t' ≥ TTR scaled by TTR/t' stays
// feasible because every right-hand side −s ≤ 0 / s ≥ 0; so l = 0 is feasible), so the PI LP
// only runs for rows that do not survive (the baseline runs it for every row).
//
// Two engines share one formulation (LpForm): `TextEngine` writes CPLEX LP text and calls the
// one-shot `highs.solve` (the plain per-node baseline, a fresh solver each time) and
// `PersistentEngine` keeps one HiGHS model per LP kind and only changes bounds between rows
// (warm-started dual simplex).
import type { LpNetwork } from './lp-network.js';
import type { DisruptionStatus } from './types.js';

import * as highsPackage from 'highs';
import type { Highs } from 'highs';

/** One HiGHS wasm instance per thread, loaded on first use. */
export type HighsModule = Highs;
let highsPromise: Promise<HighsModule> | null = null;
export function loadHighs(): Promise<HighsModule> {
  if (!highsPromise) {
    // The package is CommonJS with an ESM build: the loader is `default` (ESM) or `default.default` (types).
    const ns = highsPackage as unknown as { default: (() => Promise<Highs>) | { default: () => Promise<Highs> } };
    const loader = typeof ns.default === 'function' ? ns.default : ns.default.default;
    highsPromise = loader();
  }
  return highsPromise;
}

/** Absolute/relative tolerance when comparing LP values (HiGHS feasibility tolerance is 1e-7). */
export const TOLERANCE = 1e-6;
export const closeEnough = (a: number, b: number) => Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));

/** The LP's columns and rows over the included nodes (all, or only `relevant` ones when pruned). */
export interface LpForm {
  lp: LpNetwork;
  numCols: number;
  /** Column of y[v], −1 if v is not in the LP. */
  yCol: Int32Array;
  /** Column of x per source slot, −1 if not in the LP. */
  xCol: Int32Array;
  tCol: number;
  /** l columns: lCol[i] for end item lEnd[i]. */
  lEnd: Int32Array;
  lCol: Int32Array;
  /** Row matrix (CSR) and bounds, TTS variant (the PI variant differs only in l coefficients' bounds and t). */
  rowStart: Int32Array;
  rowIndex: Int32Array;
  rowValue: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  /** Ship row of u (−1 if none), and the x columns leaving u: outX[outStart[u]..outStart[u+1]). */
  shipRow: Int32Array;
  outStart: Int32Array;
  outX: Int32Array;
}

export function buildLpForm(lp: LpNetwork, prune: boolean): LpForm {
  const n = lp.n;
  const inc = (v: number) => !prune || lp.relevant[v] === 1;
  const yCol = new Int32Array(n).fill(-1);
  let col = 0;
  for (let v = 0; v < n; v++) if (inc(v)) yCol[v] = col++;
  const S = lp.sourceNode.length;
  const xCol = new Int32Array(S).fill(-1);
  const outCount = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) {
    if (!inc(v)) continue;
    for (let g = lp.groupStart[v]!; g < lp.groupStart[v + 1]!; g++) {
      for (let s = lp.sourceStart[g]!; s < lp.sourceStart[g + 1]!; s++) {
        xCol[s] = col++;
        outCount[lp.sourceNode[s]! + 1]!++;
      }
    }
  }
  const tCol = col++;
  const ends: number[] = [];
  for (let v = 0; v < n; v++) if (inc(v) && lp.isEnd[v] && lp.demand[v]! > 0) ends.push(v);
  const lEnd = Int32Array.from(ends);
  const lCol = Int32Array.from(ends, () => col++);
  const numCols = col;

  const outStart = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) outStart[v + 1] = outStart[v]! + outCount[v + 1]!;
  const outX = new Int32Array(outStart[n]!);
  {
    const fill = outStart.slice(0, n);
    for (let v = 0; v < n; v++) {
      if (!inc(v)) continue;
      for (let g = lp.groupStart[v]!; g < lp.groupStart[v + 1]!; g++) for (let s = lp.sourceStart[g]!; s < lp.sourceStart[g + 1]!; s++) outX[fill[lp.sourceNode[s]!]!++] = xCol[s]!;
    }
  }
  const lIndex = new Int32Array(n).fill(-1);
  ends.forEach((k, i) => (lIndex[k] = lCol[i]!));

  const starts: number[] = [0];
  const index: number[] = [];
  const value: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  const shipRow = new Int32Array(n).fill(-1);
  const endRow = () => starts.push(index.length);
  for (let v = 0; v < n; v++) {
    if (!inc(v)) continue;
    const c = lp.capacity[v]!;
    if (Number.isFinite(c) && c > 0) {
      index.push(yCol[v]!, tCol);
      value.push(1, -c);
      lower.push(-Infinity);
      upper.push(0);
      endRow();
    }
    for (let g = lp.groupStart[v]!; g < lp.groupStart[v + 1]!; g++) {
      for (let s = lp.sourceStart[g]!; s < lp.sourceStart[g + 1]!; s++) {
        index.push(xCol[s]!);
        value.push(1);
      }
      index.push(yCol[v]!);
      value.push(-lp.groupQty[g]!);
      lower.push(-lp.groupInventory[g]!);
      upper.push(Infinity);
      endRow();
    }
    const d = lp.demand[v]!;
    if (outStart[v + 1]! > outStart[v]! || d > 0) {
      shipRow[v] = lower.length;
      for (let i = outStart[v]!; i < outStart[v + 1]!; i++) {
        index.push(outX[i]!);
        value.push(1);
      }
      if (d > 0) {
        index.push(tCol);
        value.push(d);
      }
      index.push(yCol[v]!);
      value.push(-1);
      if (lIndex[v]! >= 0) {
        index.push(lIndex[v]!);
        value.push(-1);
      }
      lower.push(-Infinity);
      upper.push(lp.inventory[v]!);
      endRow();
    }
  }
  return {
    lp,
    numCols,
    yCol,
    xCol,
    tCol,
    lEnd,
    lCol,
    rowStart: Int32Array.from(starts),
    rowIndex: Int32Array.from(index),
    rowValue: Float64Array.from(value),
    rowLower: Float64Array.from(lower),
    rowUpper: Float64Array.from(upper),
    shipRow,
    outStart,
    outX,
  };
}

/** One row's outcome. */
export interface RowSolve {
  /** TTS in days (≤ cap), null if the TTS LP did not solve. */
  tts: number | null;
  cap: number;
  ttr: number;
  survives: boolean;
  lostValue: number;
  /** Lost units per end item index (only > 0). */
  lost: Array<[number, number]>;
  status: DisruptionStatus;
  message?: string;
  ttsLps: number;
  piLps: number;
}

export interface RowRequest {
  /** Disrupted node indices (y = 0). */
  nodes: number[];
  ttr: number;
  cap: number;
  /** Known TTS (proven by a certificate): only the PI LP runs, when it does not survive. */
  knownTts?: number;
}

/** Maps a HiGHS model status code (persistent API) to a row status. */
function statusOfCode(code: number): DisruptionStatus {
  switch (code) {
    case 7:
      return 'optimal';
    case 8:
      return 'infeasible';
    case 9:
    case 10:
      return 'unbounded';
    case 13:
      return 'time_limit';
    default:
      return 'solver_error';
  }
}

function statusOfText(status: string): DisruptionStatus {
  switch (status) {
    case 'Optimal':
      return 'optimal';
    case 'Infeasible':
      return 'infeasible';
    case 'Unbounded':
    case 'Primal infeasible or unbounded':
      return 'unbounded';
    case 'Time limit reached':
      return 'time_limit';
    default:
      return 'solver_error';
  }
}

const worse = (a: DisruptionStatus, b: DisruptionStatus): DisruptionStatus => (a === 'optimal' ? b : a);

export interface LpEngine {
  solveRow(row: RowRequest): RowSolve;
  dispose(): void;
}

/** The TTS LP's answer for one row: the days it survives (null unless optimal). */
interface TtsAnswer {
  status: DisruptionStatus;
  tts: number | null;
  message: string | undefined;
}

/** The PI LP's answer for one row: the lost value and each end item's lost units (null unless solved). */
interface PiAnswer {
  status: DisruptionStatus;
  value: number;
  l: ArrayLike<number> | null;
  message?: string;
}

/**
 * One row, whichever engine solves its LPs: the TTS LP unless a shortcut already knows the row's
 * TTS, then the PI LP when the row does not survive its TTR (or always, with `alwaysPi`).
 */
function solveRowWith(form: LpForm, row: RowRequest, runTts: () => TtsAnswer, runPi: () => PiAnswer, alwaysPi: boolean): RowSolve {
  const known = row.knownTts !== undefined;
  const { tts, status: ttsStatus, message: ttsMessage } = known ? { tts: row.knownTts ?? null, status: 'optimal' as const, message: undefined } : runTts();
  const ttsLps = known ? 0 : 1;
  const survives = ttsStatus === 'optimal' && tts !== null && tts >= row.ttr - TOLERANCE * Math.max(1, row.ttr);
  let lostValue = 0;
  const lost: Array<[number, number]> = [];
  let status = ttsStatus;
  let message = ttsMessage;
  let piLps = 0;
  if (!survives || alwaysPi) {
    piLps = 1;
    const pi = runPi();
    status = worse(status, pi.status);
    message = message ?? pi.message;
    if (pi.status === 'optimal' && pi.l) {
      lostValue = Math.max(0, pi.value);
      for (let i = 0; i < form.lEnd.length; i++) {
        const units = pi.l[i]!;
        if (units > TOLERANCE * Math.max(1, form.lp.demand[form.lEnd[i]!]! * row.ttr)) lost.push([form.lEnd[i]!, units]);
      }
      if (survives) {
        // The PI LP of a surviving row is 0 up to the solver's tolerance (see the header).
        lostValue = lostValue <= TOLERANCE * Math.max(1, lostValue) ? 0 : lostValue;
      }
    }
  }
  const out: RowSolve = { tts, cap: row.cap, ttr: row.ttr, survives, lostValue, lost, status, ttsLps, piLps };
  if (message !== undefined) out.message = message;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Baseline: CPLEX LP text, one fresh solver per LP.

function lpText(form: LpForm, kind: 'tts' | 'pi', row: RowRequest): string {
  const lp = form.lp;
  const name = (c: number) => `c${c}`;
  const lines: string[] = [];
  if (kind === 'tts') lines.push('Maximize', ` obj: ${name(form.tCol)}`);
  else {
    const terms: string[] = [];
    for (let i = 0; i < form.lEnd.length; i++) terms.push(`${lp.value[form.lEnd[i]!]} ${name(form.lCol[i]!)}`);
    lines.push('Minimize', ` obj: ${terms.length ? terms.join(' + ') : `0 ${name(form.tCol)}`}`);
  }
  lines.push('Subject To');
  const R = form.rowLower.length;
  for (let r = 0; r < R; r++) {
    const parts: string[] = [];
    for (let i = form.rowStart[r]!; i < form.rowStart[r + 1]!; i++) {
      const v = form.rowValue[i]!;
      const term = `${Math.abs(v)} ${name(form.rowIndex[i]!)}`;
      parts.push(parts.length === 0 ? (v < 0 ? `- ${term}` : term) : v < 0 ? ` - ${term}` : ` + ${term}`);
      if (parts.length % 8 === 0) parts.push('\n   ');
    }
    const lo = form.rowLower[r]!;
    const hi = form.rowUpper[r]!;
    const rel = Number.isFinite(hi) ? `<= ${hi}` : `>= ${lo}`;
    lines.push(` r${r}: ${parts.join('')} ${rel}`);
  }
  lines.push('Bounds');
  const zero = new Set<number>();
  for (let v = 0; v < lp.n; v++) if (form.yCol[v]! >= 0 && lp.capacity[v] === 0) zero.add(form.yCol[v]!);
  for (const v of row.nodes) if (form.yCol[v]! >= 0) zero.add(form.yCol[v]!);
  for (const c of zero) lines.push(` ${name(c)} = 0`);
  if (kind === 'tts') {
    lines.push(` 0 <= ${name(form.tCol)} <= ${row.cap}`);
    for (let i = 0; i < form.lCol.length; i++) lines.push(` ${name(form.lCol[i]!)} = 0`);
  } else {
    lines.push(` ${name(form.tCol)} = ${row.ttr}`);
    for (let i = 0; i < form.lCol.length; i++) lines.push(` 0 <= ${name(form.lCol[i]!)} <= ${lp.demand[form.lEnd[i]!]! * row.ttr}`);
  }
  lines.push('End');
  return lines.join('\n');
}

export class TextEngine implements LpEngine {
  constructor(
    private readonly highs: HighsModule,
    private readonly form: LpForm,
    private readonly options: { timeLimitSeconds?: number; alwaysPi?: boolean } = {},
  ) {}

  private solveText(kind: 'tts' | 'pi', row: RowRequest): { status: DisruptionStatus; value: number; cols: Record<string, { Primal?: number }> | null; message?: string } {
    try {
      const result = this.highs.solve(lpText(this.form, kind, row), { output_flag: false, time_limit: this.options.timeLimitSeconds ?? 60 } as Parameters<HighsModule['solve']>[1]);
      const status = statusOfText(result.Status);
      return { status, value: result.ObjectiveValue, cols: result.Columns as Record<string, { Primal?: number }>, ...(status === 'optimal' ? {} : { message: `HiGHS: ${result.Status}` }) };
    } catch (error) {
      return { status: 'solver_error', value: 0, cols: null, message: `HiGHS: ${(error as Error).message}` };
    }
  }

  solveRow(row: RowRequest): RowSolve {
    return solveRowWith(
      this.form,
      row,
      () => {
        const r = this.solveText('tts', row);
        return { status: r.status, message: r.message, tts: r.status === 'optimal' ? (r.cols?.[`c${this.form.tCol}`]?.Primal ?? 0) : null };
      },
      () => {
        const r = this.solveText('pi', row);
        const l = r.cols ? Array.from(this.form.lCol, (c) => r.cols![`c${c}`]?.Primal ?? 0) : null;
        return { status: r.status, value: r.value, l, ...(r.message !== undefined ? { message: r.message } : {}) };
      },
      this.options.alwaysPi ?? false,
    );
  }

  dispose(): void {}
}

// ---------------------------------------------------------------------------------------------
// Fast: persistent models, bounds changed between rows (warm start).

type Model = ReturnType<HighsModule['createModel']>;
type Basis = ReturnType<Model['getBasis']>;

export class PersistentEngine implements LpEngine {
  private tts: Model | null = null;
  private pi: Model | null = null;
  private ttsBasis: Basis | null = null;
  private piBasis: Basis | null = null;
  private readonly baseYUpper: Float64Array;

  constructor(
    private readonly highs: HighsModule,
    private readonly form: LpForm,
    private readonly options: { timeLimitSeconds?: number; alwaysPi?: boolean } = {},
  ) {
    const lp = form.lp;
    this.baseYUpper = new Float64Array(lp.n).fill(Infinity);
    for (let v = 0; v < lp.n; v++) if (lp.capacity[v] === 0) this.baseYUpper[v] = 0;
  }

  private create(kind: 'tts' | 'pi', ttr: number, cap: number): Model {
    const { form, highs } = this;
    const lp = form.lp;
    const inf = highs.infinity;
    const n = form.numCols;
    const cost = new Float64Array(n);
    const lower = new Float64Array(n);
    const upper = new Float64Array(n).fill(inf);
    for (let v = 0; v < lp.n; v++) if (form.yCol[v]! >= 0 && this.baseYUpper[v] === 0) upper[form.yCol[v]!] = 0;
    if (kind === 'tts') {
      cost[form.tCol] = 1;
      upper[form.tCol] = cap;
      for (const c of form.lCol) upper[c] = 0;
    } else {
      lower[form.tCol] = ttr;
      upper[form.tCol] = ttr;
      for (let i = 0; i < form.lCol.length; i++) {
        cost[form.lCol[i]!] = lp.value[form.lEnd[i]!]!;
        upper[form.lCol[i]!] = lp.demand[form.lEnd[i]!]! * ttr;
      }
    }
    const fin = (a: Float64Array) => a.map((x) => (x === Infinity ? inf : x === -Infinity ? -inf : x));
    const model = highs.createModel({
      numCols: n,
      numRows: form.rowLower.length,
      sense: kind === 'tts' ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
      colCost: cost,
      colLower: lower,
      colUpper: upper,
      rowLower: fin(form.rowLower),
      rowUpper: fin(form.rowUpper),
      matrix: { format: 'csr', numRows: form.rowLower.length, numCols: n, starts: form.rowStart, indices: form.rowIndex, values: form.rowValue },
    });
    // Presolve would discard the basis kept between rows (the warm start).
    model.options.set({ output_flag: false, presolve: 'off', solver: 'simplex', time_limit: this.options.timeLimitSeconds ?? 60 } as Parameters<Model['options']['set']>[0]);
    return model;
  }

  /** Runs `model` with the row's nodes at y = 0, then restores their bounds. */
  private runWith(model: Model, nodes: readonly number[], basis: Basis | null): { status: DisruptionStatus; value: number; col: Float64Array | null; message?: string } {
    const cols: number[] = [];
    for (const v of nodes) {
      const c = this.form.yCol[v]!;
      if (c >= 0) cols.push(c);
    }
    try {
      // Start every row from the undisrupted optimum's basis (fewer iterations than from the previous row's).
      if (basis) model.setBasis(basis);
      for (const c of cols) model.changeColBounds(c, 0, 0);
      // HiGHS's run clock accumulates over a persistent model's life: time_limit is per row here.
      model.zeroAllClocks();
      model.run();
      const status = statusOfCode(model.getModelStatus() as unknown as number);
      if (status !== 'optimal') return { status, value: 0, col: null, message: `HiGHS model status ${model.getModelStatus() as unknown as number}` };
      return { status, value: model.getObjectiveValue(), col: model.getSolution().colValue };
    } catch (error) {
      return { status: 'solver_error', value: 0, col: null, message: `HiGHS: ${(error as Error).message}` };
    } finally {
      try {
        const inf = this.highs.infinity;
        for (const c of cols) {
          const v = this.nodeOfCol(c);
          model.changeColBounds(c, 0, this.baseYUpper[v] === 0 ? 0 : inf);
        }
      } catch {
        // A failed restore leaves the model unusable: drop it so the next row rebuilds it.
        if (model === this.tts) this.tts = null;
        if (model === this.pi) this.pi = null;
        try {
          model.dispose();
        } catch {
          // already unusable
        }
      }
    }
  }

  private colNode: Int32Array | null = null;
  private nodeOfCol(c: number): number {
    if (!this.colNode) {
      this.colNode = new Int32Array(this.form.numCols).fill(-1);
      for (let v = 0; v < this.form.lp.n; v++) if (this.form.yCol[v]! >= 0) this.colNode[this.form.yCol[v]!] = v;
    }
    return this.colNode[c]!;
  }

  private piTtr = NaN;

  /** The TTS LP with `nodes` out, t ≤ cap: the full solution (for certificates). */
  solveTts(nodes: readonly number[], cap: number): { status: DisruptionStatus; value: number; col: Float64Array | null; message?: string } {
    if (!this.tts) {
      this.tts = this.create('tts', 0, cap);
      this.ttsBasis = null;
    }
    this.tts.changeColBounds(this.form.tCol, 0, cap);
    if (!this.ttsBasis && nodes.length > 0) {
      const base = this.runWith(this.tts, [], null);
      if (base.status === 'optimal') this.ttsBasis = this.tts.getBasis();
    }
    const out = this.runWith(this.tts, nodes, this.ttsBasis);
    if (!this.ttsBasis && nodes.length === 0 && out.status === 'optimal') this.ttsBasis = this.tts.getBasis();
    return out;
  }

  solveRow(row: RowRequest): RowSolve {
    return solveRowWith(
      this.form,
      row,
      () => {
        const r = this.solveTts(row.nodes, row.cap);
        return { status: r.status, message: r.message, tts: r.col ? r.col[this.form.tCol]! : null };
      },
      () => {
        try {
          if (!this.pi) {
            this.pi = this.create('pi', row.ttr, row.cap);
            this.piTtr = row.ttr;
            this.piBasis = null;
            const base = this.runWith(this.pi, [], null);
            if (base.status === 'optimal') this.piBasis = this.pi.getBasis();
          } else if (this.piTtr !== row.ttr) {
            this.pi.changeColBounds(this.form.tCol, row.ttr, row.ttr);
            for (let i = 0; i < this.form.lCol.length; i++) this.pi.changeColBounds(this.form.lCol[i]!, 0, this.form.lp.demand[this.form.lEnd[i]!]! * row.ttr);
            this.piTtr = row.ttr;
          }
        } catch (error) {
          return { status: 'solver_error', value: 0, l: null, message: `HiGHS: ${(error as Error).message}` };
        }
        const r = this.runWith(this.pi!, row.nodes, this.piBasis);
        const l = r.col ? Array.from(this.form.lCol, (c) => r.col![c]!) : null;
        return { status: r.status, value: r.value, l, ...(r.message !== undefined ? { message: r.message } : {}) };
      },
      this.options.alwaysPi ?? false,
    );
  }

  /** A base-solution LP for certificates: t fixed at `t0`, minimise Σ weight[v]·y[v]. */
  solveSpread(t0: number, weight: Float64Array): { status: DisruptionStatus; col: Float64Array | null } {
    const { form, highs } = this;
    const lp = form.lp;
    const model = this.create('tts', 0, t0);
    try {
      model.changeObjectiveSense(highs.constants.objectiveSense.minimize);
      model.changeColCost(form.tCol, 0);
      model.changeColBounds(form.tCol, t0, t0);
      for (let v = 0; v < lp.n; v++) if (form.yCol[v]! >= 0 && weight[v]! > 0) model.changeColCost(form.yCol[v]!, weight[v]!);
      model.run();
      const status = statusOfCode(model.getModelStatus() as unknown as number);
      return { status, col: status === 'optimal' ? model.getSolution().colValue : null };
    } catch {
      return { status: 'solver_error', col: null };
    } finally {
      model.dispose();
    }
  }

  dispose(): void {
    this.tts?.dispose();
    this.pi?.dispose();
    this.tts = null;
    this.pi = null;
    this.ttsBasis = null;
    this.piBasis = null;
  }
}

/**
 * Certificate (exact shortcut): given a solution of the undisrupted TTS LP at t = t0, the
 * disruption of set D keeps that solution feasible after setting y[v] := 0 for v ∈ D iff, for each
 * v ∈ D, what v ships plus its own demand fits in its inventory: Σ_out x + d[v]·t0 ≤ s[v]
 * (its capacity and bill-of-materials rows only get looser). Then TTS[D] ≥ t0, and TTS[D] ≤ t0
 * because removing production never helps (monotone) — so TTS[D] = t0, exactly, with no LP.
 */
export function certifies(form: LpForm, col: Float64Array, t0: number, nodes: readonly number[]): boolean {
  const lp = form.lp;
  for (const v of nodes) {
    if (form.yCol[v]! < 0) continue; // not upstream of any demand: never matters
    let shipped = lp.demand[v]! * t0;
    for (let i = form.outStart[v]!; i < form.outStart[v + 1]!; i++) shipped += col[form.outX[i]!]!;
    const s = lp.inventory[v]!;
    if (shipped > s + TOLERANCE * Math.max(1, s, shipped)) return false;
  }
  return true;
}
