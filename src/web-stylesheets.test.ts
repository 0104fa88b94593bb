// One store: a check of the web UI's source, not of a store.
// A stylesheet with an unclosed block still builds: the browser nests every later rule inside the
// open one, where none of them matches, and the pages silently lose their layout (the audit page's
// panels lost their padding that way). Each stylesheet must parse whole.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import postcss from 'postcss';

const WEB_SRC = join(import.meta.dirname, '../web/src');

function stylesheets(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? stylesheets(join(dir, e.name)) : e.name.endsWith('.css') ? [join(dir, e.name)] : []));
}

describe('the web UI stylesheets', () => {
  it('every stylesheet parses, every block closed', () => {
    const files = stylesheets(WEB_SRC);
    assert.ok(files.length >= 1);
    const problems: string[] = [];
    for (const file of files) {
      try {
        postcss.parse(readFileSync(file, 'utf8'), { from: file });
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    assert.deepEqual(problems, []);
  });
});
