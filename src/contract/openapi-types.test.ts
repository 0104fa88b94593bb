// One store: a check of the source tree and the contract, not of a store.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CONTRACT_TYPES, generateContractTypes } from '../../scripts/contract.js';

describe('the generated API types', () => {
  it('are those of the document the API serves (run `npm run contract` after changing a route)', () => {
    assert.ok(readFileSync(CONTRACT_TYPES, 'utf8') === generateContractTypes(), 'src/contract/openapi.d.ts is stale: run `npm run contract`');
  });
});
