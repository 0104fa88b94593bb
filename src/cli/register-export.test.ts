// One store: the CLI talks to the server through the API; the API's own tests run on both stores.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sosa } from '../testing/run-sosa-cli.js';
import { csvField, toCsv } from './export-command.js';
import { useDemoServer } from '../testing/demo-server.js';

const PASSWORD = 'export-cli-password';

/** A small RFC 4180 reader, to check that what we write reads back field for field. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += ch;
  }
  return rows;
}

describe('CSV quoting', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    assert.equal(csvField('Camp H. M. Smith, Hawaii'), '"Camp H. M. Smith, Hawaii"');
    assert.equal(csvField('the "F414" line'), '"the ""F414"" line"');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField(null), '');
    assert.equal(csvField(0), '0');
    const rows = [['a, b', 'say "hi"', 'x\r\ny', '']];
    // OWASP: no exception for phone numbers or signed amounts (csv-injection.test.ts).
    assert.equal(csvField('+91 11 2301 1234'), `"'+91 11 2301 1234"`);
    assert.equal(csvField('-12.50'), `"'-12.50"`);
    assert.equal(csvField('+cmd|calc'), `"'+cmd|calc"`);
    const register = { description: '', path: '', columns: ['one', 'two', 'three', 'four'].map((h, i) => [h, (r: Record<string, any>) => r[i]] as [string, (r: Record<string, any>) => unknown]) };
    assert.deepEqual(parseCsv(toCsv(register, rows.map((r) => ({ ...r })))), [['one', 'two', 'three', 'four'], ...rows]);
  });
});

describe('sosa export acts through the API with SOSA_TOKEN', () => {
  const server = useDemoServer(PASSWORD);

  it('exports the three registers as CSV that reads back; refuses an unknown register and a wrong role', async () => {
    const env = { SOSA_TOKEN: await server.token('in.sosa'), SOSA_URL: server.url };
    const subs = await sosa(['export', 'coc-subscribers'], env);
    assert.equal(subs.code, 0, subs.stderr);
    const subRows = parseCsv(subs.stdout);
    assert.equal(subRows[0]![0], 'company');
    assert.ok(subRows.some((r) => r[1] === 'BPF' && r[5] === 'active' && r[7] === '2840 3040'), subs.stdout);
    const postings = parseCsv((await sosa(['export', 'liaison-officers'], env)).stdout);
    const indopacom = postings.find((r) => r[5] === 'US Indo-Pacific Command (INDOPACOM)')!;
    assert.equal(indopacom[6], 'Camp H. M. Smith, Hawaii', 'a comma inside a field survives');
    const programs = parseCsv((await sosa(['export', 'programs'], env)).stdout);
    assert.ok(programs.some((r) => r[0] === 'IN-LCA-MK2-ENGINE' && r[3] === 'US'));
    const unknown = await sosa(['export', 'nations'], env);
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /No register "nations"/);
    const refused = await sosa(['export', 'programs'], { ...env, SOSA_TOKEN: await server.token('in.supplier') });
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /403/);
  });
});
