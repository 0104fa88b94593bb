#!/usr/bin/env node
// The `sosa` command runs the TypeScript sources through tsx: no build step between an edit and a run.
// Under the test suite (scripts/run-tests.mjs), SOSA_TEST_BUILD names the same sources transpiled
// once for the run: the commands and servers the tests start load those, at half the CPU.
const testBuild = process.env.SOSA_TEST_BUILD;
if (testBuild) {
  const { pathToFileURL } = await import('node:url');
  await import(pathToFileURL(`${testBuild}/src/telemetry/preload.js`).href);
  await import(pathToFileURL(`${testBuild}/src/cli/main.js`).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  // OpenTelemetry (only when an OTLP endpoint is configured) must patch pg before the CLI imports it.
  await import('../src/telemetry/preload.ts');
  await import('../src/cli/main.ts');
}
