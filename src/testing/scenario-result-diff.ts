import type { ScenarioResult } from '../analytics/disruption/index.js';

/**
 * How two runs of one scenario differ (empty: they agree), as the runs split across worker
 * processes are checked against each other and against the in-process run (issue #14): rows,
 * statuses, methods, TTR and the LP counts exactly; TTS and lost value to solver tolerance (1e-6
 * relative: the warm start of a row's LP depends on the rows its thread solved before).
 */
export function scenarioResultDifferences(actual: ScenarioResult, expected: ScenarioResult, limit = 10): string[] {
  const out: string[] = [];
  const close = (a: number | null, b: number | null, what: string) => {
    if (a === null || b === null ? a !== b : !(Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b)))) out.push(`${what}: ${a} ≠ ${b}`);
  };
  const same = (a: unknown, b: unknown, what: string) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${what}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
  };
  same(actual.rows.length, expected.rows.length, 'rows');
  const byId = new Map(expected.rows.map((r) => [r.nodeId, r]));
  for (const row of actual.rows) {
    const want = byId.get(row.nodeId);
    if (!want) {
      out.push(`${row.nodeId}: not in the expected result`);
      continue;
    }
    same([row.status, row.survives, row.ttsAtLeastHorizon, row.method, row.ttr], [want.status, want.survives, want.ttsAtLeastHorizon, want.method, want.ttr], row.nodeId);
    close(row.tts, want.tts, `${row.nodeId} tts`);
    close(row.lostValue, want.lostValue, `${row.nodeId} lostValue`);
  }
  same(actual.programs.map((p) => [p.program, p.worstNodeId, p.rowsWithLoss]), expected.programs.map((p) => [p.program, p.worstNodeId, p.rowsWithLoss]), 'programs');
  same([actual.stats.ttsLps, actual.stats.piLps, actual.stats.shortcutRows], [expected.stats.ttsLps, expected.stats.piLps, expected.stats.shortcutRows], 'LP counts (TTS, PI, shortcut rows)');
  return out.length > limit ? [...out.slice(0, limit), `… and ${out.length - limit} more`] : out;
}
