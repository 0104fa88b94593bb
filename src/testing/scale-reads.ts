import { CompiledQuery } from 'kysely';
import pg from 'pg';
import type { Db } from '../store/executor.js';
import { F414_BLADES } from './fixtures.js';
import { seedRequestsAtScale } from './seed-requests-at-scale.js';
import type { TestApp } from './test-app.js';

// The reads that must stay flat as requests grow (issue #14), at scale: the statements the app
// really sends for the list's first page, a keyset next page, the work queue and the dashboard,
// captured at the pg driver while it answers, then planned (EXPLAIN) and timed on their own.
// PostgreSQL only (the capture wraps the pg driver). Used by the scale test and the load bench.

export interface CapturedStatement {
  view: string;
  text: string;
  values: readonly unknown[];
}

const SCALE_TEMPLATE_TITLE = 'Scale template: F414 engine turbine blades';

export const SCALE_VIEWS = ['list (first page)', 'list (keyset next page)', 'search', 'overdue', 'work queue', 'dashboard'] as const;

/**
 * Seeds requests copied from one made through the API (by in.sosa, to the US) until `total`
 * copies exist; called again with a larger total it adds the difference (the bench grows one database).
 */
export async function seedScale(t: TestApp, total: number): Promise<{ seconds: number }> {
  const db = t.ctx.store.db;
  let template = await db.selectFrom('requests').select(['id', 'workflow_id']).where('title', '=', SCALE_TEMPLATE_TITLE).executeTakeFirst();
  if (!template) {
    const created = await t.call(await t.login('in.sosa'), 'POST', '/requests', { ...F414_BLADES, title: SCALE_TEMPLATE_TITLE });
    if (created.status !== 201) throw new Error(`seed template: ${created.status} ${JSON.stringify(created.body)}`);
    template = await db.selectFrom('requests').select(['id', 'workflow_id']).where('id', '=', created.body.id).executeTakeFirstOrThrow();
  }
  const made = Number((await db.selectFrom('requests').select((eb) => eb.fn.countAll<number>().as('n')).where('title', 'like', `${SCALE_TEMPLATE_TITLE} #%`).executeTakeFirstOrThrow()).n);
  const row = template;
  const def = await t.ctx.workflows.get(row.workflow_id);
  const started = performance.now();
  await seedRequestsAtScale(t.ctx.store.db, {
    templateId: template.id,
    count: total - made,
    after: made,
    terminalStates: def.states.filter((s) => s.terminal).map((s) => s.id),
    openStates: def.states.filter((s) => !s.terminal).map((s) => s.id),
  });
  return { seconds: (performance.now() - started) / 1000 };
}

/** The statements each view sends, captured while the app answers it (the session lookup included). */
export async function captureViewStatements(t: TestApp): Promise<CapturedStatement[]> {
  const inSosa = await t.login('in.sosa');
  const usSosa = await t.login('us.sosa');
  const first = await t.call(inSosa, 'GET', '/requests?limit=20');
  if (!first.body.nextCursor) throw new Error('the list has no next page');
  const captured: CapturedStatement[] = [];
  const original = pg.Client.prototype.query;
  let view = '';
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    // The store sends reads as named prepared statements ({ name, text, values }); a few as text and values.
    const [first, second] = args as [unknown, unknown];
    const config = typeof first === 'object' && first !== null && 'text' in first ? (first as { text: unknown; values?: unknown }) : { text: first, values: second };
    const { text, values } = config;
    if (typeof text === 'string' && view) captured.push({ view, text, values: Array.isArray(values) ? values : [] });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    const views: Array<[string, string, string]> = [
      ['list (first page)', inSosa, '/requests?limit=20'],
      ['list (keyset next page)', inSosa, `/requests?limit=20&after=${encodeURIComponent(first.body.nextCursor)}`],
      // A reference typed into the search box: a handful of the requests match.
      ['search', inSosa, '/requests?limit=20&q=S4242'],
      ['overdue', usSosa, '/requests?limit=20&overdue=true'],
      ['work queue', usSosa, '/requests?queue=mine&limit=20'],
      ['dashboard', usSosa, '/dashboard'],
    ];
    for (const [name, token, path] of views) {
      view = name;
      const res = await t.call(token, 'GET', path);
      if (res.status !== 200) throw new Error(`${name}: ${res.status}`);
    }
  } finally {
    view = '';
    pg.Client.prototype.query = original;
  }
  // The session lookup is the same for every view and reads no request.
  return captured.filter((s) => !/from "sessions"/.test(s.text));
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Sort Method'?: string;
  'Sort Space Type'?: string;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

export interface PlanFindings {
  /** Sequential scans of the requests table. */
  requestSeqScans: number;
  /** Sorts that spilled to disk. */
  externalSorts: string[];
  executionMs: number;
  /** Shared buffers (8 kB pages of tables and indexes) the statement touched, hit in the cache or read: what it reads, however warm the cache. */
  sharedBlocks: number;
  /** Of those, the pages of the requests table and its indexes (each node's own, without its children's and subplans'). */
  requestBlocks: number;
  /** The most rows one scan of the requests table (or its indexes) returned, over all its loops: what a count or a sort of all of them reads. */
  largestRequestScan: number;
  /** The most rows one sort took in: a sort of every candidate, or of a page's few. */
  largestSortInput: number;
}

function walk(node: PlanNode, visit: (n: PlanNode) => void): void {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

function blocks(n: PlanNode): number {
  return (n['Shared Hit Blocks'] ?? 0) + (n['Shared Read Blocks'] ?? 0);
}

/** Runs the statement under EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON): ANALYZE for how each sort really ran (memory or disk), BUFFERS for how many pages it read. */
export async function explainStatement(db: Db, s: CapturedStatement): Promise<PlanFindings> {
  const result = await db.executeQuery<{ 'QUERY PLAN': Array<{ Plan: PlanNode; 'Execution Time': number }> }>(CompiledQuery.raw(`explain (analyze, buffers, format json) ${s.text}`, [...s.values]));
  const top = result.rows[0]!['QUERY PLAN'][0]!;
  // The top node's buffers include its children's, subplans' and initplans'.
  const findings: PlanFindings = { requestSeqScans: 0, externalSorts: [], executionMs: top['Execution Time'], sharedBlocks: blocks(top.Plan), requestBlocks: 0, largestRequestScan: 0, largestSortInput: 0 };
  const rows = (n: PlanNode) => (n['Actual Rows'] ?? 0) * (n['Actual Loops'] ?? 1);
  walk(top.Plan, (n) => {
    if (n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'requests') findings.requestSeqScans++;
    if (n['Relation Name'] === 'requests') findings.requestBlocks += blocks(n) - (n.Plans ?? []).reduce((sum, child) => sum + blocks(child), 0);
    if (n['Relation Name'] === 'requests') findings.largestRequestScan = Math.max(findings.largestRequestScan, rows(n));
    if (/Sort$/.test(n['Node Type'])) findings.largestSortInput = Math.max(findings.largestSortInput, ...(n.Plans ?? []).map(rows));
    if (n['Sort Space Type'] === 'Disk' || /external/i.test(n['Sort Method'] ?? '')) findings.externalSorts.push(n['Sort Method'] ?? 'disk');
  });
  return findings;
}

/** The median time of the view's statements run one after another, `rounds` times (ms, at the database, over the socket). */
export async function timeView(db: Db, statements: readonly CapturedStatement[], rounds: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    for (const s of statements) await db.executeQuery(CompiledQuery.raw(s.text, [...s.values]));
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
