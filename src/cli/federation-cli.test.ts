// One store: the commands as processes; the peering service's own tests (add-peer.test.ts) run on both stores.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verifyAuditLog } from '../store/audit.repository.js';
import { decodeProtectedHeader } from 'jose';
import { openStore, type Store } from '../store/database.js';
import { migrateToLatest } from '../store/migrate.js';
import { insertContact } from '../store/points-of-contact.repository.js';
import { seedReferenceData } from '../services/reference/seed-reference-data.js';
import { sosa } from '../testing/run-sosa-cli.js';
import { createTestDatabaseUrl, fillWithMigratedDatabase, TEST_STORE } from '../testing/test-store.js';

// Issue #13: two sovereign instances set up their peering with the real `sosa` command. India
// runs on its embedded store; the US on the store under test (PostgreSQL in that run).
const root = mkdtempSync(join(tmpdir(), 'sosa-federation-cli-'));
const india = { SOSA_NATION: 'IN', SOSA_DATA_DIR: join(root, 'in', 'data'), SOSA_KEY_DIR: join(root, 'in', 'keys'), DATABASE_URL: '', LOG_LEVEL: 'warn' };
let us: Record<string, string>;
let dropUs: (() => Promise<void>) | undefined;

/** Works on the US store between two commands (an embedded folder is locked while open). */
async function withUsStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(us.DATABASE_URL ? { databaseUrl: us.DATABASE_URL, poolSize: 1 } : { dataDir: us.SOSA_DATA_DIR, lock: true });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function run(env: Record<string, string>, args: string[], input?: string) {
  const result = await sosa(args, env, input);
  return { ...result, output: result.stdout + result.stderr };
}

before(async () => {
  us = { SOSA_NATION: 'US', SOSA_KEY_DIR: join(root, 'us', 'keys'), LOG_LEVEL: 'warn', SOSA_DATA_DIR: join(root, 'us', 'data'), DATABASE_URL: '' };
  if (TEST_STORE === 'postgres') {
    const db = await createTestDatabaseUrl();
    us.DATABASE_URL = db.url;
    dropUs = db.drop;
  } else await fillWithMigratedDatabase(us.SOSA_DATA_DIR!);
  // The commands' first start on a new folder is cli.test.ts's subject, not this file's.
  await fillWithMigratedDatabase(india.SOSA_DATA_DIR);
});
after(async () => {
  await dropUs?.();
  rmSync(root, { recursive: true, force: true });
});

describe('sosa keys and sosa peer: two nations peer their instances (issue #13)', () => {
  let indiaFingerprint = '';
  const indiaDescriptor = join(root, 'in.descriptor');

  it('each nation generates its own key, outside its database, and cannot generate a second', async () => {
    const generated = await run(india, ['keys', 'generate']);
    assert.equal(generated.code, 0, generated.output);
    indiaFingerprint = /Created signing key ((?:[A-Za-z0-9_-]{1,4} ?)+) in/.exec(generated.stdout)![1]!.trim();
    assert.equal((await run(us, ['keys', 'generate'])).code, 0);
    const again = await run(india, ['keys', 'generate']);
    assert.notEqual(again.code, 0);
    assert.match(again.output, /already holds an active signing key; use `sosa keys rotate`/);
    const listed = JSON.parse((await run(india, ['keys', 'list', '--json'])).stdout) as { kid: string; status: string }[];
    assert.deepEqual(listed.map((k) => k.status), ['active']);
  });

  it('the US adds India from its descriptor, prints the fingerprint India read out, and queues for India, signed, the entry its directory already held', async () => {
    const exported = await run(india, ['peer', 'descriptor', '--base-url', 'https://sosa.mod.gov.in', '--out', indiaDescriptor]);
    assert.equal(exported.code, 0, exported.output);
    // The US desk kept its directory before it had a peer.
    await withUsStore(async (store) => {
      await migrateToLatest(store.db);
      await seedReferenceData(store.db);
      await insertContact(store.db, { nation: 'US', function: 'sosa_lead', name: 'Dana Whitfield', title: 'SOSA lead', organisation: 'OASD(IBP)', email: 'sosa.lead@example.mil', phone: null, notes: '', active: true, created_by: null, created_at: new Date(), updated_at: new Date() });
    });
    const added = await run(us, ['peer', 'add', indiaDescriptor]);
    assert.equal(added.code, 0, added.output);
    assert.match(added.stdout, /Added peer IN at https:\/\/sosa\.mod\.gov\.in for US-IN\./);
    assert.ok(added.stdout.includes(`Key fingerprint: ${indiaFingerprint}`), added.stdout);
    assert.match(added.stdout, /Queued 1 record to share with IN \(points of contact: 1\): the running server delivers them, signed, once IN has added this instance\./);
    const [usKey] = JSON.parse((await run(us, ['keys', 'list', '--json'])).stdout) as { kid: string }[];
    const [message] = await withUsStore((store) => store.db.selectFrom('federation_outbox').select(['kind', 'jws']).execute());
    assert.equal(message?.kind, 'contact.set');
    assert.equal(decodeProtectedHeader(message!.jws).kid, usKey!.kid, 'signed with the US instance key, as the server signs');
  });

  it('refuses a descriptor redirected in transit, its own, and one without SOSA_NATION', async () => {
    const [header, payload, signature] = readFileSync(indiaDescriptor, 'utf8').trim().split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const redirected = `${header}.${Buffer.from(JSON.stringify({ ...claims, baseUrl: 'https://attacker.example' })).toString('base64url')}.${signature}`;
    const forged = await run(us, ['peer', 'add', '-'], redirected);
    assert.notEqual(forged.code, 0);
    assert.match(forged.output, /the descriptor was refused: not signed by its own active key/);

    const self = await run(india, ['peer', 'add', indiaDescriptor]);
    assert.notEqual(self.code, 0);
    assert.match(self.output, /the descriptor is of IN, this instance's own nation/);

    const noNation = await run({ ...us, SOSA_NATION: '' }, ['peer', 'add', indiaDescriptor]);
    assert.notEqual(noNation.code, 0);
    assert.match(noNation.output, /SOSA_NATION is not set/);
  });

  it('after India rotates its key, the US takes the new descriptor; removing the peer ends it; every change is audited', async () => {
    const rotated = await run(india, ['keys', 'rotate']);
    assert.equal(rotated.code, 0, rotated.output);
    const newFingerprint = /Active key: ([^;]+);/.exec(rotated.stdout)![1]!;
    assert.notEqual(newFingerprint, indiaFingerprint);
    assert.equal((await run(india, ['peer', 'descriptor', '--base-url', 'https://sosa.mod.gov.in', '--out', indiaDescriptor])).code, 0);
    const updated = await run(us, ['peer', 'add', indiaDescriptor]);
    assert.match(updated.stdout, /Updated peer IN/);
    assert.ok(updated.stdout.includes(newFingerprint));

    const peers = JSON.parse((await run(us, ['peer', 'list', '--json'])).stdout) as { nation: string; arrangements: string[]; fingerprint: string; messages: unknown }[];
    assert.match(updated.stdout, /Nothing queued: IN was sent what exists when it was first added/);
    assert.deepEqual(peers.map((p) => [p.nation, p.arrangements, p.fingerprint, p.messages]), [['IN', ['US-IN'], newFingerprint, { pending: 1, delivered: 0, refused: 0 }]]);
    assert.match((await run(us, ['peer', 'list'])).stdout, /Pending.*Delivered.*Refused/);
    assert.equal((await run(us, ['peer', 'remove', 'in'])).code, 0);
    const gone = await run(us, ['peer', 'remove', 'IN']);
    assert.notEqual(gone.code, 0);
    assert.match(gone.output, /IN is not a peer of this instance/);

    await withUsStore(async (store) => {
      assert.equal(await store.db.selectFrom('audit_queue').select('id').executeTakeFirst(), undefined, 'each command chained its own event');
      const events = await store.db.selectFrom('audit_events').select(['action', 'entity_id', 'nation']).where('entity_type', '=', 'federation_peer').orderBy('seq').execute();
      assert.deepEqual(events.map((e) => [e.action, e.entity_id, e.nation]), [['federation.peer_add', 'IN', 'US'], ['federation.peer_update', 'IN', 'US'], ['federation.peer_remove', 'IN', 'US']]);
      assert.equal((await verifyAuditLog(store.db)).ok, true);
    });
  });
});

describe('sosa arrangement: an operator adds a request path of a hub (issue #13)', () => {
  it('adds the UK’s path to the US, audited; lists it; refuses a nation outside the arrangement, naming it', async () => {
    const added = await run(us, ['arrangement', 'add-direction', 'US-GB', 'GB', 'US']);
    assert.equal(added.code, 0, added.output);
    assert.match(added.stdout, /Added the request path GB → US under US-GB \(workflow dpas\)\./);
    const refused = await run(us, ['arrangement', 'add-direction', 'US-GB', 'IN', 'US']);
    assert.notEqual(refused.code, 0);
    assert.match(refused.output, /fromNation.*must be a nation of US-GB/s);
    const listed = JSON.parse((await run(us, ['arrangement', 'list', '--json'])).stdout) as Array<{ arrangementId: string; fromNation: string; toNation: string; workflowId: string }>;
    assert.deepEqual(listed.filter((d) => d.arrangementId === 'US-GB').map((d) => [d.fromNation, d.toNation, d.workflowId]), [['GB', 'US', 'dpas']]);
    const events = await withUsStore((store) => store.db.selectFrom('audit_events').select(['action', 'actor']).where('action', '=', 'arrangement.direction_add').execute());
    assert.deepEqual(events, [{ action: 'arrangement.direction_add', actor: 'cli' }]);
  });
});
