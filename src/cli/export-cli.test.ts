// One store: the CLI talks to the server through the API; the API's own tests run on both stores.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { parseCsv } from '../services/orders/csv.js';
import { sosa } from '../testing/run-sosa-cli.js';
import { csvField } from './export-command.js';
import { useDemoServer } from '../testing/demo-server.js';

const PASSWORD = 'export-cli-password';

function rows(csv: string): Array<Record<string, string>> {
  const parsed = parseCsv(csv);
  assert.ok(parsed.ok, 'the export is valid RFC 4180 CSV');
  const [header, ...records] = parsed.records;
  return records.map((r) => Object.fromEntries(header!.fields.map((h, i) => [h, r.fields[i] ?? ''])));
}

describe('sosa export: partnership registers as CSV through the API', () => {
  const server = useDemoServer(PASSWORD);
  let env: Record<string, string>;
  before(async () => {
    const token = await server.token('in.sosa');
    env = { SOSA_TOKEN: token, SOSA_URL: server.url };
    const contact = await fetch(`${server.url}/api/v1/points-of-contact`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ function: 'other', name: 'Maj. "Vicky" Singh, Jr.', organisation: 'Army HQ', email: 'v.singh@example.in', notes: 'line one\nline two' }) });
    assert.equal(contact.status, 201);
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('x\ny'), '"x\ny"');
    assert.equal(csvField(null), '');
  });

  it('exports the points of contact of both nations, a tricky name intact', async () => {
    const out = await sosa(['export', 'points-of-contact'], env);
    assert.equal(out.code, 0, out.stderr);
    const list = rows(out.stdout);
    assert.ok(list.some((r) => r.nation === 'US' && r.function === 'sosa_lead'));
    const tricky = list.find((r) => r.name === 'Maj. "Vicky" Singh, Jr.');
    assert.equal(tricky?.notes, 'line one\nline two');
  });

  it('exports working group action items and logistics orders with decimal amounts', async () => {
    const items = await sosa(['export', 'working-groups'], env);
    assert.equal(items.code, 0, items.stderr);
    const list = rows(items.stdout);
    assert.ok(list.length >= 4);
    assert.ok(list.every((r) => r.working_group === 'US–India SOSA Working Group on Jet Engines' && r.owner && r.due_date));
    const ledger = await sosa(['export', 'logistics'], env);
    assert.equal(ledger.code, 0, ledger.stderr);
    const orders = rows(ledger.stdout);
    const berthing = orders.find((r) => r.class === 'berthing')!;
    assert.equal(berthing.description, 'Berthing, pilotage and tugs, 4 days, Naval Dockyard Visakhapatnam');
    assert.deepEqual([berthing.currency, berthing.amount, berthing.open], ['INR', '1860000.00', '1860000.00']);
    const fuel = orders.find((r) => r.class === 'fuel' && r.currency === 'USD')!;
    assert.deepEqual([fuel.amount, fuel.settled, fuel.open], ['212400.00', '150000.00', '62400.00']);
  });

  it('names the registers when the one asked for does not exist', async () => {
    const out = await sosa(['export', 'nonsense'], env);
    assert.equal(out.code, 2);
    assert.match(out.stderr, /Registers: coc-subscribers, liaison-officers, logistics, points-of-contact, programs, working-groups/);
  });
});
