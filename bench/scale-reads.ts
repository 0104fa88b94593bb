// Single-user latency of the list, a keyset page, a search, the overdue filter, the work queue and
// the dashboard as requests grow (issue #14): one PostgreSQL test database seeded to 10,000 then
// 100,000 requests, and on to 1,000,000 without --quick
// (src/testing/seed-requests-at-scale.ts), each view's statements as the app sends them (captured
// at the pg driver) run one after another, median of several rounds. Printed as JSON for the load
// bench, which spawns this file as a process of its own (the capture patches the pg driver, and the
// test store picks PostgreSQL when it loads).
import { captureViewStatements, SCALE_VIEWS, seedScale, timeView } from '../src/testing/scale-reads.js';

export interface ScaleRow { requests: number; view: string; statements: number; medianMs: number; seedSeconds: number }

export const scaleSizes = (quick: boolean): number[] => (quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]);

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.env.SOSA_TEST_STORE !== 'postgres') throw new Error('run with SOSA_TEST_STORE=postgres');
  const quick = process.argv.includes('--quick');
  const rounds = quick ? 5 : 15;
  const { createTestApp } = await import('../src/testing/test-app.js');
  const t = await createTestApp();
  const rows: ScaleRow[] = [];
  try {
    for (const size of scaleSizes(quick)) {
      const { seconds } = await seedScale(t, size);
      const statements = await captureViewStatements(t);
      for (const view of SCALE_VIEWS) {
        const mine = statements.filter((s) => s.view === view);
        await timeView(t.ctx.store.db, mine, 1); // warm: the first run reads the pages into the cache
        rows.push({ requests: size, view, statements: mine.length, medianMs: await timeView(t.ctx.store.db, mine, rounds), seedSeconds: seconds });
      }
    }
  } finally {
    await t.close();
  }
  console.log(JSON.stringify(rows));
}
