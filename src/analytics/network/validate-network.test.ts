import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../domain/errors.js';
import type { NetworkEdge, NetworkNode, SupplyNetwork } from './network-model.js';
import { networkToCsr } from './network-to-csr.js';
import { assertValidNetwork, validateNetwork, type NetworkIssue } from './validate-network.js';

const node = (id: string, extra: Partial<NetworkNode> = {}): NetworkNode => ({ id, kind: 'site', ...extra });
const edge = (from: string, to: string, extra: Partial<NetworkEdge> = {}): NetworkEdge => ({ from, to, quantity: 1, ...extra });
const codes = (issues: NetworkIssue[]) => issues.map((i) => i.code);

describe('validateNetwork (§1 model, §2 "a cycle in the BOM is an input error")', () => {
  test('a valid network has no issues', () => {
    const net: SupplyNetwork = { nodes: [node('A'), node('B'), node('E', { kind: 'endItem', demandPerDay: 3 })], edges: [edge('A', 'B'), edge('B', 'E', { quantity: 2 })] };
    assert.deepEqual(validateNetwork(net), []);
  });

  test('duplicate ids name both nodes and the first row', () => {
    const net: SupplyNetwork = { nodes: [node('A', { source: { row: 3 } }), node('B'), node('A', { source: { row: 9 } })], edges: [] };
    const [issue] = validateNetwork(net);
    assert.equal(issue?.code, 'DUPLICATE_ID');
    assert.equal(issue?.nodeId, 'A');
    assert.equal(issue?.nodeIndex, 2);
    assert.equal(issue?.row, 9);
    assert.match(issue!.message, /nodes 0 and 2 \(first at row 3\)/);
  });

  test('dangling references name the edge index and which end', () => {
    const net: SupplyNetwork = { nodes: [node('A')], edges: [edge('A', 'A2'), edge('GHOST', 'A', { source: { row: 7, column: 6 } })] };
    const issues = validateNetwork(net);
    assert.deepEqual(codes(issues), ['DANGLING_REFERENCE', 'DANGLING_REFERENCE']);
    assert.equal(issues[0]!.edgeIndex, 0);
    assert.equal(issues[0]!.field, 'edges/0/to');
    assert.equal(issues[1]!.field, 'edges/1/from');
    assert.equal(issues[1]!.row, 7);
    assert.equal(issues[1]!.column, 6);
    assert.match(issues[1]!.message, /"GHOST" is not a node \(row 7, column 6\)/);
  });

  test('negative quantities, capacities, inventories and TTR; zero and non-finite quantities', () => {
    const net: SupplyNetwork = {
      nodes: [node('A', { capacityPerDay: -5 }), node('B', { ttrDays: Number.NaN, inventory: { unit: 'days', amount: -1 } })],
      edges: [edge('A', 'B', { quantity: -2 }), edge('A', 'B', { part: 'X', quantity: 0 }), edge('A', 'B', { part: 'Y', quantity: Infinity })],
    };
    const issues = validateNetwork(net);
    assert.deepEqual(
      issues.map((i) => [i.code, i.field]),
      [
        ['NEGATIVE_VALUE', 'nodes/0/capacityPerDay'],
        ['INVALID_NUMBER', 'nodes/1/ttrDays'],
        ['NEGATIVE_VALUE', 'nodes/1/inventory/amount'],
        ['NEGATIVE_VALUE', 'edges/0/quantity'],
        ['INVALID_NUMBER', 'edges/1/quantity'],
        ['INVALID_NUMBER', 'edges/2/quantity'],
      ],
    );
    assert.equal(issues[0]!.nodeId, 'A');
    assert.equal(issues[3]!.edgeIndex, 0);
  });

  test('a cycle is named in consumption order with its edges and rows', () => {
    const net: SupplyNetwork = {
      nodes: ['S', 'A', 'B', 'C', 'E'].map((id) => node(id)),
      edges: [
        edge('S', 'A', { source: { row: 3 } }),
        edge('A', 'B', { source: { row: 4 } }),
        edge('B', 'C', { source: { row: 5 } }),
        edge('C', 'A', { source: { row: 6 } }),
        edge('C', 'E', { source: { row: 7 } }),
      ],
    };
    const issues = validateNetwork(net);
    assert.deepEqual(codes(issues), ['CYCLE']);
    const cycle = issues[0]!.cycle!;
    // Any rotation of A → B → C → A.
    const start = cycle.indexOf('A');
    assert.deepEqual([...cycle.slice(start), ...cycle.slice(0, start)], ['A', 'B', 'C']);
    assert.equal(issues[0]!.cycleEdges!.length, 3);
    assert.deepEqual([...issues[0]!.cycleEdges!].sort(), [1, 2, 3]);
    assert.match(issues[0]!.message, /cycle: .* → .* → .* → /);
    assert.match(issues[0]!.message, /rows \d, \d, \d/);
  });

  test('a self-loop is a cycle of one', () => {
    const issues = validateNetwork({ nodes: [node('A')], edges: [edge('A', 'A')] });
    assert.deepEqual(codes(issues), ['CYCLE']);
    assert.deepEqual(issues[0]!.cycle, ['A']);
    assert.deepEqual(issues[0]!.cycleEdges, [0]);
  });

  test('the same source twice for the same part is a duplicate edge; for another part it is not', () => {
    const net: SupplyNetwork = { nodes: [node('A'), node('B')], edges: [edge('A', 'B'), edge('A', 'B', { part: 'OTHER' }), edge('A', 'B', { part: 'A' })] };
    const issues = validateNetwork(net);
    assert.deepEqual(codes(issues), ['DUPLICATE_EDGE']);
    assert.equal(issues[0]!.edgeIndex, 2);
    assert.match(issues[0]!.message, /repeats edge 0/);
  });

  test('unknown kinds and bad program lists', () => {
    const net = { nodes: [{ id: 'A', kind: 'factory' }, { id: 'E', kind: 'endItem', programs: [''] }], edges: [] } as unknown as SupplyNetwork;
    assert.deepEqual(codes(validateNetwork(net)), ['UNKNOWN_KIND', 'INVALID_PROGRAM']);
  });

  test('the node-count limit is refused with the limit named, before anything else', () => {
    const net: SupplyNetwork = { nodes: ['A', 'B', 'C', 'D'].map((id) => node(id)), edges: [edge('A', 'ZZ')] };
    const issues = validateNetwork(net, { maxNodes: 3 });
    assert.deepEqual(codes(issues), ['TOO_MANY_NODES']);
    assert.equal(issues[0]!.message, 'the network has 4 nodes; the limit is 3 (maxNodes)');
    assert.deepEqual(validateNetwork(net, { maxNodes: 4 }).map((i) => i.code), ['DANGLING_REFERENCE']);
  });

  test('issues beyond maxIssues are counted, not listed', () => {
    const net: SupplyNetwork = { nodes: [node('A')], edges: Array.from({ length: 12 }, (_, i) => edge('A', `X${i}`)) };
    const issues = validateNetwork(net, { maxIssues: 5 });
    assert.equal(issues.length, 6);
    assert.equal(issues[5]!.code, 'MORE_ISSUES');
    assert.equal(issues[5]!.message, '… and 7 more issues');
  });

  test('assertValidNetwork and networkToCsr throw VALIDATION_FAILED with every issue', () => {
    const net: SupplyNetwork = { nodes: [node('A'), node('A')], edges: [edge('A', 'B')] };
    for (const run of [() => assertValidNetwork(net), () => networkToCsr(net)]) {
      assert.throws(run, (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'VALIDATION_FAILED');
        assert.deepEqual(
          error.errors.map((e) => e.field),
          ['nodes/1/id', 'edges/0/to'],
        );
        assert.equal((error.extra['issues'] as NetworkIssue[]).length, 2);
        return true;
      });
    }
  });
});

describe('site coordinates (issue #15)', () => {
  test('both or neither, in range; a valid pair passes', () => {
    const net = (extra: Partial<NetworkNode>): SupplyNetwork => ({ nodes: [{ id: 'a', kind: 'site', ...extra }, { id: 'b', kind: 'endItem' }], edges: [{ from: 'a', to: 'b', quantity: 1 }] });
    assert.deepEqual(validateNetwork(net({ latitude: 18.7, longitude: 82.8 })), []);
    assert.deepEqual(validateNetwork(net({ latitude: 18.7 })).map((i) => i.field), ['nodes/0/longitude']);
    assert.deepEqual(validateNetwork(net({ latitude: 95, longitude: 200 })).map((i) => i.field), ['nodes/0/latitude', 'nodes/0/longitude']);
  });
});
