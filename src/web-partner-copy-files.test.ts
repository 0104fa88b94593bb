// One store: a check of a web UI helper (web/src/api/partner-copies.ts), not of a store.
// Issue #13: the "Shared files" panel of a partner copy says what became of each file's content:
// transferred, being fetched from the holder (a file larger than a signed message carries), or refused.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { copyFileState } from '../web/src/api/partner-copies.js';

const sha256 = 'ab'.repeat(32);

describe("a partner copy's shared files, as the panel words their state (issue #13)", () => {
  it('a transferred file needs no note; one being fetched says so, and why the last attempt failed', () => {
    assert.deepEqual(copyFileState({ state: 'transferred', stateDetail: null, sha256 }, 'the US'), { label: 'Transferred', tone: 'done', note: null });
    const first = copyFileState({ state: 'fetching', stateDetail: null, sha256 }, 'the US');
    assert.equal(first.label, 'Being fetched');
    assert.match(first.note ?? '', /fetching it from the US by its SHA-256/);
    assert.doesNotMatch(first.note ?? '', /Last attempt/);
    assert.match(copyFileState({ state: 'fetching', stateDetail: 'US unreachable: fetch failed', sha256 }, 'the US').note ?? '', /Last attempt: US unreachable: fetch failed\. It is tried again\./);
  });

  it('a refused or unavailable file tells the reader to ask the holder, with the hash to check', () => {
    const refused = copyFileState({ state: 'refused', stateDetail: 'US sent 10 bytes of SHA-256 00, not the file its signed message states', sha256 }, 'the US');
    assert.deepEqual([refused.label, refused.tone], ['Refused', 'warn']);
    assert.match(refused.note ?? '', new RegExp(`refused the content it was sent: US sent 10 bytes.*Ask the US for it and check its SHA-256: ${sha256}`));
    assert.match(copyFileState({ state: 'unavailable', stateDetail: 'US answered 404', sha256 }, 'the US').note ?? '', /^The US does not serve it to this desk \(US answered 404\)/);
  });
});
