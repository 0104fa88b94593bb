// One store: the CLI talks to the server through the API; the API's own tests run on both stores.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { F414_BLADES } from '../testing/fixtures.js';
import { sosa } from '../testing/run-sosa-cli.js';
import { useDemoServer } from '../testing/demo-server.js';

const PASSWORD = 'orders-cli-password';

describe('sosa orders import and sosa schedule act through the API as the supplier', () => {
  const server = useDemoServer(PASSWORD);
  let token: string;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sosa-orders-cli-'));
    token = await server.token('us.supplier');
    const line = await fetch(`${server.url}/api/v1/resources`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Blade line', capacityPerDay: 1 }) });
    assert.equal(line.status, 201, await line.text());
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a book with a bad row, naming it, and imports a good one; the schedule shows the displaced order', async () => {
    const env = { SOSA_TOKEN: token, SOSA_URL: server.url };
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'order_number,customer,rating,resource,quantity,required_delivery_date,received_date,accepted\nU-1,Airline,,Blade line,10,2027-01-29,2027-01-04,true\nD-1,Navy,DO-Z9,Blade line,5,2027-01-15,2027-01-05,true\n');
    const refused = await sosa(['orders', 'import', bad], env);
    assert.equal(refused.code, 2, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /rows\/3\/rating/);

    const good = join(dir, 'good.csv');
    writeFileSync(good, 'order_number,customer,rating,resource,quantity,required_delivery_date,received_date,accepted\nU-1,Airline,,Blade line,10,2099-12-31,2026-01-05,true\nD-1,Navy,DO-A1,Blade line,5,2099-12-31,2026-01-06,true\n');
    const imported = await sosa(['orders', 'import', good], env);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /Imported 2 orders/);

    const schedule = await sosa(['schedule', '--json'], env);
    assert.equal(schedule.code, 0, schedule.stderr);
    const parsed = JSON.parse(schedule.stdout) as { orders: Array<{ orderNumber: string; daysLate: number }> };
    assert.deepEqual(parsed.orders.map((o) => o.orderNumber).sort(), ['D-1', 'U-1']);
    assert.ok(parsed.orders.every((o) => o.daysLate === 0));
  });

  it('a SOSA rated order shows in `sosa schedule`: "not on the plan" until it is planned on a line, then scheduled (issue #11 item 5)', async () => {
    const env = { SOSA_TOKEN: token, SOSA_URL: server.url };
    const as = (username: string) => server.token(username);
    const call = async (bearer: string, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${server.url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
      const json = (await res.json()) as any;
      assert.ok(res.ok, `${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const officer = await as('us.sosa');
    const lynn = (await call(officer, 'GET', '/reference')).companies.find((c: { shortName: string }) => c.shortName === 'LYNN-TURB').id;
    const request = await call(await as('in.sosa'), 'POST', '/requests', { ...F414_BLADES, title: 'Blades for the CLI', requiredBy: '2099-06-30', items: [{ ...F414_BLADES.items[0], quantity: 3, requiredDeliveryDate: '2099-06-30' }] });
    const step = async (bearer: string, action: string, fields: Record<string, unknown> = {}) => call(bearer, 'POST', `/requests/${request.id}/transitions`, { action, ...fields });
    await step(officer, 'acknowledge');
    await step(officer, 'forward_for_determination');
    await step(await as('us.dod'), 'determine_program', { approved_program: 'F414-INS6 co-production', determination_reference: 'PD-CLI' });
    await step(await as('us.commerce'), 'authorize_rating', { rating: 'DO-A1', authorization_reference: 'R-CLI' });
    await step(officer, 'place_rated_order', { supplier: lynn, order_number: 'PO-CLI', required_delivery_date: '2099-06-30', signed_by: 'Dana Whitfield', certified: true });
    await step(token, 'accept_rated_order', { promised_delivery_date: '2099-06-30' });
    const number = `${request.reference}/PO-CLI`;

    const unplanned = await sosa(['schedule'], env);
    assert.equal(unplanned.code, 0, unplanned.stderr);
    assert.ok(unplanned.stdout.includes('Not on the plan (1):'), unplanned.stdout);
    assert.ok(unplanned.stdout.includes(`${number} (DO-A1, 3 units, required 2099-06-30): Not planned on a production line`), unplanned.stdout);

    const order = (await call(token, 'GET', '/rated-orders')).items.find((o: { orderNumber: string }) => o.orderNumber === number);
    const line = (await call(token, 'GET', '/resources')).items.find((r: { name: string }) => r.name === 'Blade line');
    await call(token, 'POST', `/rated-orders/${order.id}/line`, { resourceId: line.id });
    const planned = JSON.parse((await sosa(['schedule', '--json'], env)).stdout) as { orders: Array<{ orderNumber: string; requestId: string }>; unscheduled: unknown[] };
    assert.ok(planned.orders.some((o) => o.orderNumber === number && o.requestId === request.id), 'the preferential schedule (700.14) includes the SOSA order');
    assert.deepEqual(planned.unscheduled, []);
  });

  it('--supplier takes only the own company’s id', async () => {
    const env = { SOSA_TOKEN: token, SOSA_URL: server.url };
    const me = (await (await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as { organisation: { id: string } };
    const own = await sosa(['schedule', '--json', '--supplier', me.organisation.id], env);
    assert.equal(own.code, 0, own.stderr);
    assert.ok(Array.isArray((JSON.parse(own.stdout) as { orders: unknown[] }).orders));
    const other = await sosa(['schedule', '--supplier', '00000000-0000-4000-8000-000000000000'], env);
    assert.equal(other.code, 2);
    assert.match(other.stderr, /is not your company \(Lynn Turbine Components Inc\./);
  });

  it('says what is missing without a token, and refuses a user who is not a supplier', async () => {
    const noToken = await sosa(['schedule'], { SOSA_URL: server.url, SOSA_TOKEN: '' });
    assert.equal(noToken.code, 2);
    assert.match(noToken.stderr, /Set SOSA_TOKEN/);
    const officer = await server.token('us.sosa');
    const refused = await sosa(['schedule'], { SOSA_URL: server.url, SOSA_TOKEN: officer });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /403/);
  });

  it('orders import --json prints the server’s answer, with the ids of the orders made (to cancel one by)', async () => {
    const env = { SOSA_TOKEN: token, SOSA_URL: server.url };
    const again = join(dir, 'again.csv');
    writeFileSync(again, 'order_number,customer,rating,resource,quantity,required_delivery_date,received_date,accepted\nU-2,Airline,,Blade line,1,2099-12-31,2026-01-07,true\n');
    const asJson = await sosa(['orders', 'import', again, '--json'], env);
    assert.equal(asJson.code, 0, asJson.stderr);
    const answer = JSON.parse(asJson.stdout) as { imported: number; orders: Array<{ id: string; orderNumber: string }> };
    assert.equal(answer.imported, 1);
    assert.deepEqual(answer.orders.map((o) => o.orderNumber), ['U-2']);
    assert.match(answer.orders[0]!.id, /^[0-9a-f-]{36}$/);
  });
});
