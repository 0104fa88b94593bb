// Writes the OpenAPI document the API serves at /api/v1/openapi.json to the file named on the
// command line (for `npm run lint:openapi` and `npm run contract`).
import { writeFileSync } from 'node:fs';
import { openApiDocument } from '../src/http/app.js';

const target = process.argv[2];
if (!target) {
  console.error('usage: write-openapi.ts <file.json>');
  process.exit(2);
}
writeFileSync(target, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
