import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../domain/errors.js';
import { bruteForceCriticalNodes } from './brute-force-critical.js';
import { analyzeCriticalNodes, criticalNodesOf } from './critical-nodes.js';
import { networkToCsr } from './network-to-csr.js';
import type { NetworkIssue } from './validate-network.js';
import { parseWillemsCsv } from './willems-csv.js';
import { willemsChain } from '../../testing/willems-fixtures.js';

const readChain = willemsChain;

const HEADER =
  '/@company,/@company/#agg,/@companyIdentifier,/@sicCode,/@sicDescription,/arcs/arc/@from,/arcs/arc/@to,/stages/stage/@avgDemand,' +
  '/stages/stage/@relDepth,/stages/stage/@stageClassification,/stages/stage/@stageCost,/stages/stage/@stageName,/stages/stage/@stageTime,' +
  '/stages/stage/@StageTime_1_p,/stages/stage/@StageTime_1_v,/stages/stage/@StageTime_2_p,/stages/stage/@StageTime_2_v,/stages/stage/@xPos,/stages/stage/@yPos';
const COMPANY = '9,,Company Identifier,SIC Code,SIC Description';
//            from        to          dem rel class     cost name        time  p1  v1  p2  v2  x   y
const ROWS = [
  `${COMPANY},Part_0001,Manuf_0001,,2,Parts,12,Part_0001,28,0.4,20,0.6,30,32,32`, // arc and stage on one row
  `${COMPANY},Part_0002,Manuf_0001,,,,,,,,,,,,`,
  `${COMPANY},Manuf_0001,Retail_0001,,1,Manuf,39,Manuf_0001,10,,,,,176,32`,
  `${COMPANY},,,,2,Part,5,Part_0002,15,,,,,32,96`,
  `${COMPANY},,,253,0,Retail,0,Retail_0001,0,,,,,304,32`,
];
const csv = (rows: string[], eol = '\n') => `\uFEFF/chain${','.repeat(18)}${eol}${HEADER}${eol}${rows.join(eol)}${eol}`;

function issuesOf(run: () => unknown): NetworkIssue[] {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, 'VALIDATION_FAILED');
    return error.extra['issues'] as NetworkIssue[];
  }
  assert.fail('expected VALIDATION_FAILED');
}

describe('Willems CSV: format (data README)', () => {
  test('BOM, /chain line, shared arc/stage rows, empty cells, "Parts"', () => {
    const chain = parseWillemsCsv(csv(ROWS));
    assert.equal(chain.chain, '9');
    assert.equal(chain.stageCount, 4);
    assert.equal(chain.arcCount, 3);
    assert.equal(chain.demandStageCount, 1);
    assert.deepEqual(chain.classCounts, { Part: 2, Manuf: 1, Trans: 0, Dist: 0, Retail: 1 });
    const byId = Object.fromEntries(chain.network.nodes.map((n) => [n.id, n]));
    assert.equal(byId['Part_0001']!.kind, 'part');
    assert.equal(byId['Manuf_0001']!.kind, 'site');
    assert.equal(byId['Retail_0001']!.kind, 'endItem');
    assert.equal(byId['Retail_0001']!.demandPerDay, 253);
    assert.deepEqual(byId['Part_0001']!.willems, {
      classification: 'Part',
      classificationRaw: 'Parts',
      stageTime: 28,
      stageCost: 12,
      relDepth: 2,
      xPos: 32,
      yPos: 32,
      stageTimeDistribution: [
        { probability: 0.4, value: 20 },
        { probability: 0.6, value: 30 },
      ],
    });
    assert.equal(byId['Part_0001']!.leadTimeDays, 28);
    assert.deepEqual(byId['Part_0001']!.source, { row: 3, column: 12, columnName: '/stages/stage/@stageName' });
    // Every arc: AND input with one source, quantity 1, its part = the supplier's output.
    assert.deepEqual(
      chain.network.edges.map((e) => [e.from, e.to, e.quantity, e.part]),
      [
        ['Part_0001', 'Manuf_0001', 1, undefined],
        ['Part_0002', 'Manuf_0001', 1, undefined],
        ['Manuf_0001', 'Retail_0001', 1, undefined],
      ],
    );
    const csr = networkToCsr(chain.network);
    const m = csr.ids!.indexOf('Manuf_0001');
    assert.equal(csr.groupStart[m + 1]! - csr.groupStart[m]!, 2, 'two input parts (AND), one source each');
  });

  test('CRLF and no BOM parse the same', () => {
    const a = parseWillemsCsv(csv(ROWS));
    const b = parseWillemsCsv(csv(ROWS, '\r\n').slice(1));
    assert.deepEqual(b.network, a.network);
  });

  test('quoted cells (RFC 4180) are read as one cell', () => {
    const rows = [...ROWS.slice(0, 4), `9,,"Company, Inc.","SIC ""Code""",SIC Description,,,253,0,Retail,0,Retail_0001,0,,,,,304,32`];
    assert.equal(parseWillemsCsv(csv(rows)).stageCount, 4);
  });

  test('errors carry the row and column', () => {
    const cases: Array<[string[] | string, Partial<NetworkIssue>]> = [
      ['/chan\n' + HEADER + '\n', { code: 'CSV_FORMAT', row: 1, column: 1 }],
      [[...ROWS, `${COMPANY},Manuf_0001,Retail_0009,,,,,,,,,,,,`], { code: 'DANGLING_REFERENCE', row: 8, column: 7, columnName: '/arcs/arc/@to' }],
      [[...ROWS, `${COMPANY},Manuf_0001,,,,,,,,,,,,,`], { code: 'DANGLING_REFERENCE', row: 8, column: 7 }],
      [[...ROWS.slice(0, 3), `${COMPANY},,,,2,Part,5,Part_0002,fast,,,,,32,96`, ROWS[4]!], { code: 'INVALID_NUMBER', row: 6, column: 13, columnName: '/stages/stage/@stageTime' }],
      [[...ROWS.slice(0, 3), `${COMPANY},,,,2,Part,-5,Part_0002,15,,,,,32,96`, ROWS[4]!], { code: 'NEGATIVE_VALUE', row: 6, column: 11 }],
      [[...ROWS, `${COMPANY},,,,2,Part,5,Part_0002,15,,,,,32,96`], { code: 'DUPLICATE_ID', row: 8, column: 12 }],
      [[...ROWS.slice(0, 3), `${COMPANY},,,,2,Widget,5,Part_0002,15,,,,,32,96`, ROWS[4]!], { code: 'UNKNOWN_KIND', row: 6, column: 10 }],
      [[...ROWS, `${COMPANY},,`], { code: 'CSV_FORMAT', row: 8 }],
      [[...ROWS, `${COMPANY},,,,3,,,,,,,,,,`], { code: 'MISSING_ID', row: 8 }],
    ];
    for (const [input, expected] of cases) {
      const issues = issuesOf(() => parseWillemsCsv(Array.isArray(input) ? csv(input) : input));
      assert.equal(issues.length, 1, JSON.stringify(issues));
      for (const [key, value] of Object.entries(expected)) assert.equal(issues[0]![key as keyof NetworkIssue], value, `${key} in ${JSON.stringify(issues[0])}`);
      assert.match(issues[0]!.message, new RegExp(`(row|line) ${expected.row}`));
    }
  });

  test('a cycle between stages is refused, naming its rows', () => {
    const issues = issuesOf(() => parseWillemsCsv(csv([...ROWS, `${COMPANY},Retail_0001,Part_0001,,,,,,,,,,,,`])));
    assert.equal(issues[0]!.code, 'CYCLE');
    assert.deepEqual([...issues[0]!.cycle!].sort(), ['Manuf_0001', 'Part_0001', 'Retail_0001']);
    assert.match(issues[0]!.message, /rows \d, \d, \d/);
  });

  test('the node-count limit applies to imports', () => {
    const issues = issuesOf(() => parseWillemsCsv(csv(ROWS), { maxNodes: 3 }));
    assert.equal(issues[0]!.code, 'TOO_MANY_NODES');
    assert.match(issues[0]!.message, /limit is 3/);
  });
});

describe('Willems CSV: the 38 real chains in fixtures/willems-2008', () => {
  const chains = Array.from({ length: 38 }, (_, i) => parseWillemsCsv(readChain(i + 1)));

  test('all 38 parse; stage and arc counts span the published 8–2,025 stages and 10–16,225 arcs', () => {
    const stages = chains.map((c) => c.stageCount);
    const arcs = chains.map((c) => c.arcCount);
    assert.equal(Math.min(...stages), 8);
    assert.equal(Math.max(...stages), 2025);
    assert.equal(Math.min(...arcs), 10);
    assert.equal(Math.max(...arcs), 16225);
    assert.deepEqual(
      chains.map((c) => c.chain),
      Array.from({ length: 38 }, (_, i) => String(i + 1)),
    );
  });

  test('pinned counts: chains 01, 19 ("Parts"), 33 (zero demand) and 38', () => {
    const pick = (i: number) => {
      const c = chains[i - 1]!;
      return { stages: c.stageCount, arcs: c.arcCount, demand: c.demandStageCount, classes: c.classCounts };
    };
    assert.deepEqual(pick(1), { stages: 8, arcs: 10, demand: 3, classes: { Part: 3, Manuf: 2, Trans: 0, Dist: 0, Retail: 3 } });
    assert.deepEqual(pick(19), { stages: 156, arcs: 263, demand: 15, classes: { Part: 43, Manuf: 56, Trans: 42, Dist: 15, Retail: 0 } });
    assert.equal(chains[18]!.network.nodes.filter((n) => n.willems?.classificationRaw === 'Parts').length, 43);
    assert.deepEqual(pick(38), { stages: 2025, arcs: 16225, demand: 559, classes: { Part: 820, Manuf: 87, Trans: 559, Dist: 0, Retail: 559 } });
    // Chain 33: 332 demand stages, 122 of them with @avgDemand = 0 (still end items).
    assert.equal(chains[32]!.demandStageCount, 332);
    assert.equal(chains[32]!.network.nodes.filter((n) => n.kind === 'endItem' && n.demandPerDay === 0).length, 122);
  });

  test('chain 01: critical nodes per end item (all arcs AND, single-sourced: every ancestor is critical)', () => {
    const csr = networkToCsr(chains[0]!.network);
    const result = analyzeCriticalNodes(csr);
    const sets = Object.fromEntries([...result.endItems].map((k, j) => [csr.ids![k], [...criticalNodesOf(result, j)].map((x) => csr.ids![x]).sort()]));
    assert.deepEqual(sets, {
      Retail_0001: ['Manuf_0001', 'Part_0001', 'Part_0002', 'Part_0003', 'Retail_0001'],
      Retail_0002: ['Manuf_0001', 'Manuf_0002', 'Part_0001', 'Part_0002', 'Part_0003', 'Retail_0002'],
      Retail_0003: ['Manuf_0002', 'Part_0001', 'Part_0002', 'Part_0003', 'Retail_0003'],
    });
    assert.equal(result.critical.length, 16);
    let criticalSomewhere = 0;
    for (let x = 0; x < csr.nodeCount; x++) if (result.nodeEndItemStart[x + 1]! > result.nodeEndItemStart[x]!) criticalSomewhere++;
    assert.equal(criticalSomewhere, 8);
  });

  test('every chain: the fast analysis equals the brute force and each kill set is the ancestors (pure AND)', () => {
    const pairs: number[] = [];
    for (const chain of chains) {
      const csr = networkToCsr(chain.network);
      const fast = analyzeCriticalNodes(csr);
      const slow = bruteForceCriticalNodes(csr);
      assert.deepEqual(fast.critical, slow.critical, `chain ${chain.chain}`);
      assert.deepEqual(fast.criticalStart, slow.criticalStart, `chain ${chain.chain}`);
      // With one source per input, K(k) = {k} ∪ ancestors(k).
      for (let j = 0; j < fast.endItems.length; j += 7) {
        const seen = new Set<number>([fast.endItems[j]!]);
        const stack = [fast.endItems[j]!];
        while (stack.length > 0) {
          const v = stack.pop()!;
          for (let s = csr.sourceStart[csr.groupStart[v]!]!; s < csr.sourceStart[csr.groupStart[v + 1]!]!; s++) {
            const u = csr.sources[s]!;
            if (!seen.has(u)) {
              seen.add(u);
              stack.push(u);
            }
          }
        }
        assert.deepEqual([...criticalNodesOf(fast, j)], [...seen].sort((a, b) => a - b));
      }
      pairs.push(fast.critical.length);
    }
    assert.equal(pairs[0], 16);
    assert.equal(pairs[37], 98_762);
  });
});
