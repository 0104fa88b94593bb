// The bytes a browser transfers for the first page: index.html and the scripts, styles and
// module preloads it names, fetched from a running server with the given Accept-Encoding (issue #14).
// Counts the bodies as sent (compressed when the server compresses), not headers.
import { request } from 'node:http';

export interface FirstPageBytes {
  files: Array<{ path: string; bytes: number; encoding: string }>;
  total: number;
}

/** GET `path` from `baseUrl` with raw bytes (no decompression) and the answer's headers. */
export function rawGet(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, baseUrl), { method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The same-origin files index.html references (script src, link href of stylesheets and module preloads). */
export function referencedAssets(html: string): string[] {
  const refs = [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]!);
  return [...new Set(refs)];
}

export async function measureFirstPage(baseUrl: string, acceptEncoding: string | null): Promise<FirstPageBytes> {
  const headers: Record<string, string> = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
  const index = await rawGet(baseUrl, '/', headers);
  const plainIndex = await rawGet(baseUrl, '/');
  const files = [{ path: '/', bytes: index.body.length, encoding: String(index.headers['content-encoding'] ?? 'identity') }];
  for (const path of referencedAssets(plainIndex.body.toString('utf8'))) {
    const res = await rawGet(baseUrl, path, headers);
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    files.push({ path, bytes: res.body.length, encoding: String(res.headers['content-encoding'] ?? 'identity') });
  }
  return { files, total: files.reduce((sum, f) => sum + f.bytes, 0) };
}
