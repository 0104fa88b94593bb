#!/usr/bin/env node
// The `sosa` command runs the TypeScript sources through tsx: no build step between an edit and a run.
import { register } from 'tsx/esm/api';

register();
// OpenTelemetry (only when an OTLP endpoint is configured) must patch pg before the CLI imports it.
await import('../src/telemetry/preload.ts');
await import('../src/cli/main.ts');
