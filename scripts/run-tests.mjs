#!/usr/bin/env node
// The test command: pure domain tests once; every test that touches the store on embedded
// PGlite and again on PostgreSQL; then the browser tests in headless Chromium against the built
// UI. Prints one closing line with the totals of all runs.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { TEST_BUILD_DIR, buildTests, builtPath, removeTestBuilds, sourcePath } from './build-tests.mjs';

const args = new Set(process.argv.slice(2));
const only = [...args].find((a) => a.startsWith('--only='))?.slice('--only='.length);

function find(dir, suffix) {
  let out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(find(path, suffix));
    else if (name.endsWith(suffix)) out.push(path);
  }
  return out.sort();
}

const all = find('src', '.test.ts');
const pure = all.filter((f) => f.startsWith(join('src', 'domain')) || f.startsWith(join('src', 'analytics')));
const stored = all.filter((f) => !pure.includes(f));
// A file that says at its top `// One store: <why>` does not depend on the store under test (the
// CLI talking to a server through the API, an embedded data folder by design, a check of the
// source tree): it runs in the PGlite run only, not a second time on PostgreSQL.
const ONE_STORE = /^\/\/ One store: /m;
// A file that says `// Both stores at once: <why>` puts its processes on PostgreSQL and PGlite in
// one run: it runs in the PostgreSQL run only.
const BOTH_AT_ONCE = /^\/\/ Both stores at once: /m;
const head = (f) => readFileSync(f, 'utf8').slice(0, 2000);
const storeBound = stored.filter((f) => !ONE_STORE.test(head(f)));
const onPglite = stored.filter((f) => !BOTH_AT_ONCE.test(head(f)));
const e2e = find('e2e', '.e2e.test.ts');

const totals = { pass: 0, fail: 0, skipped: 0 };

const durationsDir = mkdtempSync(join(tmpdir(), 'sosa-test-durations-'));
let runs = 0;

/** The slowest files of a run, from file-durations-reporter.mjs (absent when the run crashed). */
function printSlowest(durationsFile) {
  let perFile;
  try {
    perFile = JSON.parse(readFileSync(durationsFile, 'utf8'));
  } catch {
    return;
  }
  const rows = Object.entries(perFile).sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
  console.log(`# slowest files (of ${(total / 1000).toFixed(0)} s in ${rows.length} files' tests, two files at a time):`);
  for (const [file, ms] of rows.slice(0, 10)) console.log(`#   ${(ms / 1000).toFixed(1).padStart(6)} s  ${relative(process.cwd(), sourcePath(file))}`);
}

function run(label, command, commandArgs, env = {}) {
  const durationsFile = join(durationsDir, `${++runs}.json`);
  const at = commandArgs.indexOf('--test');
  if (at >= 0) commandArgs = [...commandArgs.slice(0, at + 1), '--test-reporter=./scripts/file-durations-reporter.mjs', `--test-reporter-destination=${durationsFile}`, ...commandArgs.slice(at + 1)];
  return new Promise((resolve) => {
    console.log(`\n=== ${label} ===`);
    const child = spawn(command, commandArgs, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      buffer += chunk;
    });
    child.on('close', (code) => {
      for (const [key, pattern] of [['pass', /^# pass (\d+)/m], ['fail', /^# fail (\d+)/m], ['skipped', /^# skipped (\d+)/m]]) {
        const m = pattern.exec(buffer);
        if (m) totals[key] += Number(m[1]);
      }
      if (code !== 0 && !/^# fail [1-9]/m.test(buffer)) totals.fail += 1; // a crash outside any test still fails the run
      printSlowest(durationsFile);
      resolve(code === 0);
    });
  });
}

// SOSA_CONTRACT_CHECK: every answer of the API tests is checked against the route's declared
// response schema (src/testing/contract-check.ts).
// Two test files at a time (node's default is the cores less one: one file at a time on a 2-core
// machine, which then waits on every child process, server start and database round trip in
// turn). SOSA_TEST_CONCURRENCY=1 runs them one by one. The browser tests too run two files at
// a time: each has its own server and browser, and one file alone left a core idle while
// Chromium and the server waited on each other (all 78 passed two at a time at a load average of
// 18; the pass took 727 s one at a time in the CI of stop 20).
const concurrency = Number(process.env.SOSA_TEST_CONCURRENCY ?? 2);
// The test files run from their JavaScript, transpiled once here (scripts/build-tests.mjs: half
// the CPU of loading them through tsx in each of some 300 test processes);
// SOSA_TEST_FROM_SOURCE=1 runs the TypeScript through tsx instead.
const fromSource = process.env.SOSA_TEST_FROM_SOURCE === '1';
if (!fromSource) {
  const started = Date.now();
  const count = await buildTests();
  console.log(`# transpiled ${count} files for the test processes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // The `sosa` commands and servers the tests start (bin/sosa.js) load the same build.
  process.env.SOSA_TEST_BUILD = TEST_BUILD_DIR;
}
const nodeTest = (files, filesAtOnce = concurrency) => [
  ...(fromSource ? ['--import', 'tsx'] : ['--enable-source-maps']),
  '--test',
  `--test-concurrency=${filesAtOnce}`,
  '--test-reporter=tap',
  '--test-reporter-destination=stdout',
  ...(fromSource ? files : files.map(builtPath)),
];
const results = [];
if (!only || only === 'unit') results.push(await run(`domain (${pure.length} files)`, process.execPath, nodeTest(pure)));
if (!only || only === 'pglite') results.push(await run(`store, API, CLI on embedded PGlite (${onPglite.length} files)`, process.execPath, nodeTest(onPglite), { SOSA_TEST_STORE: 'pglite', SOSA_CONTRACT_CHECK: '1' }));
if (!only || only === 'postgres') results.push(await run(`store and API on PostgreSQL (${storeBound.length} files; ${stored.length - storeBound.length} that name no store ran on PGlite only)`, process.execPath, nodeTest(storeBound), { SOSA_TEST_STORE: 'postgres', SOSA_CONTRACT_CHECK: '1' }));
if ((!only || only === 'e2e') && e2e.length) {
  const built = await run('build the web UI', process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
  results.push(built && (await run(`browser tests in headless Chromium (${e2e.length} files)`, process.execPath, nodeTest(e2e))));
}

rmSync(durationsDir, { recursive: true, force: true });
if (!fromSource) removeTestBuilds();
console.log(`\ntests: ${totals.pass} passed, ${totals.fail} failed, ${totals.skipped} skipped`);
process.exit(results.every(Boolean) ? 0 : 1);
