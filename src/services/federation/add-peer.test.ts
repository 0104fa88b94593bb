import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../config.js';
import { createLogger } from '../../logger.js';
import type { Store } from '../../store/database.js';
import { createContext } from '../context.js';
import { findPeer } from '../../store/federation-peers.repository.js';
import { openTestStore } from '../../testing/test-store.js';
import { seedReferenceData } from '../reference/seed-reference-data.js';
import { addPeer, checkPeerDescriptor } from './add-peer.js';
import { exportDescriptor } from './export-descriptor.js';
import { generateSigningKey, rotateSigningKey } from './key-store.js';

// Issue #13: once a partner is trusted, a new descriptor of it must descend from the trusted one.
let store: Store;
let root: string;
before(async () => {
  store = await openTestStore();
  await seedReferenceData(store.db);
  root = await mkdtemp(join(tmpdir(), 'sosa-peer-'));
});
after(async () => {
  await store.close();
  await rm(root, { recursive: true, force: true });
});

const india = (keyDir: string, day: number) => exportDescriptor({ nation: 'IN', baseUrl: 'https://sosa.mod.gov.in', arrangements: ['US-IN'], keyDir, now: new Date(Date.UTC(2026, 11, day)) });
const add = async (jws: string, replaceTrust = false) => addPeer({ ctx: createContext(store, { ...loadConfig({}), nation: 'US', keyDir: join(root, 'us-keys') }, createLogger('silent')), checked: await checkPeerDescriptor(jws, 'US'), replaceTrust });

describe('a known peer’s keys change only by a descriptor that descends from the trusted one (issue #13)', () => {
  it('takes a rotation, refuses a stranger’s keys and a replayed older descriptor, and takes a declared replacement', async () => {
    const dir = join(root, 'india');
    const first = await generateSigningKey(dir, new Date(Date.UTC(2026, 11, 1)));
    const v1 = await india(dir, 1);
    assert.equal((await add(v1.jws)).replaced, false);

    await rotateSigningKey(dir, new Date(Date.UTC(2026, 11, 2)));
    const v2 = await india(dir, 2);
    assert.equal((await add(v2.jws)).replaced, true, 'the rotated descriptor lists the old key as retired');

    await assert.rejects(add(v1.jws), /not newer than the one trusted/);

    const stranger = join(root, 'stranger');
    await generateSigningKey(stranger, new Date(Date.UTC(2026, 11, 3)));
    const forged = await india(stranger, 3);
    await assert.rejects(add(forged.jws), /lists none of the keys trusted for it: compare the fingerprint with the partner again, then add it with --replace-trust/);
    const kept = await findPeer(store.db, 'IN');
    assert.ok(kept!.keys.some((k) => k.kid === first.kid), 'the refused descriptor changed nothing');

    await add(forged.jws, true);
    assert.deepEqual((await findPeer(store.db, 'IN'))!.keys.map((k) => k.kid), forged.descriptor.keys.map((k) => k.kid));
  });
});
