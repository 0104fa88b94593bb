// One store: a check of the source tree and the contract, not of a store.
// Layering (STYLE.md, issue #12): only src/store talks to the database. Outside it no file
// imports kysely or builds SQL; services hold the rules and call repositories. Tests and the
// test support in src/testing are exempt: they arrange and inspect the store directly.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { SQL_OUTSIDE_STORE_PENDING } from './store/layering-pending.js';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

/** A kysely import, a query-builder entry point, or a raw `sql` template. */
const SQL_USE = /from 'kysely'|\.(selectFrom|insertInto|updateTable|deleteFrom|mergeInto|selectNoFrom)\(|\bsql(<[^>]*>)?`/;

function productionFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === join(SRC, 'store') || path === join(SRC, 'testing') ? [] : productionFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const usesSql = (path: string) => SQL_USE.test(readFileSync(path, 'utf8'));

describe('layering: SQL lives in src/store', () => {
  const pending = new Set(SQL_OUTSIDE_STORE_PENDING);

  it('no file outside src/store imports kysely or builds SQL, unless it is on the pending list', () => {
    const offenders = productionFiles(SRC)
      .filter(usesSql)
      .map((p) => relative(ROOT, p))
      .filter((p) => !pending.has(p));
    assert.deepEqual(offenders, [], 'move these queries into a repository in src/store');
  });

  it('every file on the pending list still runs SQL (a cleaned file leaves the list, so it only shrinks)', () => {
    const stale = [...pending].filter((p) => !existsSync(join(ROOT, p)) || !usesSql(join(ROOT, p)));
    assert.deepEqual(stale, [], 'delete these lines from src/store/layering-pending.ts');
  });
});
