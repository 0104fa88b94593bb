// The first page's transfer: index.html and the files it names, as a browser fetches them from a
// running server (issue #14). "Before" is what the server sent until it compressed (every body as
// is, which is what a client without Accept-Encoding still gets); "after" is `br, gzip`.
// Run alone: node --import tsx bench/web-assets.bench.ts (after `npm run build`).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { measureFirstPage } from './first-page.js';
import { formatCount, type BenchResult } from './table.js';

const DIST = resolve(import.meta.dirname, '../web/dist');

export async function benchFirstPage(): Promise<BenchResult> {
  if (!existsSync(join(DIST, 'index.html'))) return { rows: [], notes: ['First-page transfer skipped: web/dist is not built (`npm run build`).'] };
  const { startServer } = await import('../src/server.js');
  const server = await startServer({ port: 0, host: '127.0.0.1', log: false, scheduler: false, dataDir: 'memory://' });
  try {
    const identity = await measureFirstPage(server.url, null);
    const gzip = await measureFirstPage(server.url, 'gzip');
    const br = await measureFirstPage(server.url, 'br, gzip');
    const kB = (bytes: number) => `${formatCount(bytes / 1000)} kB`;
    const input = `index.html + ${identity.files.length - 1} files it names`;
    const ratio = (bytes: number) => `×${(identity.total / bytes).toFixed(1)} smaller`;
    return {
      rows: [
        { figure: 'first page transferred, no Accept-Encoding (before)', on: 'HTTP server', input, result: kB(identity.total) },
        { figure: 'first page transferred, Accept-Encoding: gzip', on: 'HTTP server', input, result: kB(gzip.total), baseline: 'uncompressed, same run', ratio: ratio(gzip.total) },
        { figure: 'first page transferred, Accept-Encoding: br, gzip', on: 'HTTP server', input, result: kB(br.total), baseline: 'uncompressed, same run', ratio: ratio(br.total) },
      ],
      notes: [`First page: bodies as sent (${br.files.map((f) => `${f.path} ${formatCount(f.bytes)} B ${f.encoding}`).join(', ')}); headers not counted. Hashed /assets/ files are then cached a year (immutable), so a second visit transfers index.html only.`],
    };
  } finally {
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchFirstPage();
  for (const row of result.rows) console.log(`${row.figure}: ${row.result}${row.ratio ? ` (${row.ratio})` : ''}`);
  for (const note of result.notes) console.log(`- ${note}`);
}
