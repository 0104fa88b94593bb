// `npm run lint:openapi`: writes the document the API serves to a temporary file and lints it with
// Redocly CLI's recommended rules (redocly.yaml); exits non-zero on any error.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApiDocument } from '../src/http/app.js';

const dir = mkdtempSync(join(tmpdir(), 'sosa-openapi-'));
const file = join(dir, 'openapi.json');
try {
  writeFileSync(file, JSON.stringify(openApiDocument(), null, 2));
  const redocly = join(import.meta.dirname, '..', 'node_modules', '.bin', 'redocly');
  const result = spawnSync(redocly, ['lint', file, '--config', join(import.meta.dirname, '..', 'redocly.yaml'), '--format=stylish', '--max-problems', '1000'], { stdio: 'inherit' });
  process.exitCode = result.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
