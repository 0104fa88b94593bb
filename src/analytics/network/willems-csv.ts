// Willems (2008) chains, CSV export (fixtures/willems-2008/README.md) → the supply network model (§1).
//
// Format: UTF-8 with BOM; line 1 `/chain`; line 2 the column names (XPath-like, e.g.
// `/arcs/arc/@from`, `/stages/stage/@stageTime`); data from line 3. A row may carry an arc, a
// stage, or both; empty cells mean "not given". Mapping (data README):
//   - every arc u → v is a required input of v (guaranteed-service model: assembly, AND) with
//     one source (the data give no alternatives) and quantity 1; its part is u's output;
//   - a stage with @avgDemand given is a demand stage → an end item (and its own program);
//     class Part/Parts → kind part; Manuf, Trans, Dist, Retail → site;
//   - leadTimeDays = @stageTime, demandPerDay = @avgDemand, and every stage attribute is kept in
//     `willems` (stageTime, stageCost, relDepth, xPos/yPos, …; chain 19 spells one class "Parts").
//   - our extension (issue #15): optional stage columns `/stages/stage/@latitude` and
//     `/stages/stage/@longitude` (WGS 84 degrees) give the site's coordinates; xPos/yPos stay
//     drawing positions, not places.
// No I/O: the caller reads the file. Errors carry the 1-based line (row) and column.
import { WILLEMS_CLASSES, type NetworkEdge, type NetworkNode, type SupplyNetwork, type WillemsClass, type WillemsStageAttributes } from './network-model.js';
import { networkValidationError, validateNetwork, type NetworkIssue } from './validate-network.js';

export interface WillemsChain {
  /** The `/@company` value (the chain number in this export), or null. */
  chain: string | null;
  sicCode: string | null;
  sicDescription: string | null;
  network: SupplyNetwork;
  stageCount: number;
  arcCount: number;
  demandStageCount: number;
  /** Stages per normalised class. */
  classCounts: Record<WillemsClass, number>;
  /** Columns not used by the import. */
  ignoredColumns: string[];
}

export interface ParseWillemsOptions {
  /** Network name (default `Willems chain <n>`). */
  name?: string;
  /** Passed to validateNetwork (default 2,000,000). */
  maxNodes?: number;
}

const ARC_FROM = '/arcs/arc/@from';
const ARC_TO = '/arcs/arc/@to';
const STAGE = '/stages/stage/@';
const STAGE_NAME = `${STAGE}stageName`;
const STAGE_CLASS = `${STAGE}stageClassification`;
const LATITUDE = `${STAGE}latitude`;
const LONGITUDE = `${STAGE}longitude`;
const COMPANY = ['/@company', '/@company/#agg', '/@companyIdentifier', '/@sicCode', '/@sicDescription'];

/** Numeric stage attributes: column → key, and whether negative values are refused. */
type NumericKey = 'stageTime' | 'stageCost' | 'avgDemand' | 'stDevDemand' | 'serviceLevel' | 'maxServiceTime' | 'relDepth' | 'xPos' | 'yPos' | 'stDevStageTime';
const NUMERIC: ReadonlyArray<{ key: NumericKey; nonNegative: boolean }> = [
  { key: 'stageTime', nonNegative: true },
  { key: 'stageCost', nonNegative: true },
  { key: 'avgDemand', nonNegative: true },
  { key: 'stDevDemand', nonNegative: true },
  { key: 'serviceLevel', nonNegative: true },
  { key: 'maxServiceTime', nonNegative: true },
  { key: 'relDepth', nonNegative: false },
  { key: 'xPos', nonNegative: false },
  { key: 'yPos', nonNegative: false },
  { key: 'stDevStageTime', nonNegative: true },
];
const DISTRIBUTION = /^\/stages\/stage\/@StageTime_(\d+)_([pv])$/;

interface CsvRow {
  line: number;
  cells: string[];
}

/** RFC 4180 rows (quotes, "" escapes, CRLF or LF), each with the line it starts on. */
export function parseCsvRows(text: string): { rows: CsvRow[]; error?: { line: number; message: string } } {
  const rows: CsvRow[] = [];
  const len = text.length;
  let line = 1;
  let i = 0;
  while (i < len) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let cell: string;
      if (text.charCodeAt(i) === 34 /* " */) {
        cell = '';
        let from = ++i;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote < 0) return { rows, error: { line: start, message: 'a quoted cell is not closed' } };
          for (let k = from; k < quote; k++) if (text.charCodeAt(k) === 10) line++;
          cell += text.slice(from, quote);
          if (text.charCodeAt(quote + 1) === 34) {
            cell += '"';
            from = quote + 2;
            continue;
          }
          i = quote + 1;
          break;
        }
        // Anything between the closing quote and the delimiter is kept, as most readers do.
        let j = i;
        while (j < len) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break;
          j++;
        }
        cell += text.slice(i, j);
        i = j;
      } else {
        let j = i;
        while (j < len) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break;
          j++;
        }
        cell = text.slice(i, j);
        i = j;
      }
      cells.push(cell);
      if (i < len && text.charCodeAt(i) === 44 /* , */) {
        i++;
        continue;
      }
      // End of line (or of text).
      if (i < len && text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) i++;
      i++;
      line++;
      break;
    }
    rows.push({ line: start, cells });
  }
  return { rows };
}

export function parseWillemsCsv(text: string, options: ParseWillemsOptions = {}): WillemsChain {
  const issues: NetworkIssue[] = [];
  const issue = (row: number, column: number | undefined, columnName: string | undefined, code: NetworkIssue['code'], message: string) => {
    const out: NetworkIssue = { code, field: column === undefined ? `rows/${row}` : `rows/${row}/columns/${column}`, row, message };
    if (column !== undefined) out.column = column;
    if (columnName !== undefined) out.columnName = columnName;
    issues.push(out);
  };
  const fail = (): never => {
    throw networkValidationError(
      issues,
      `Willems CSV: ${issues.length} problem${issues.length === 1 ? '' : 's'}: ${issues[0]!.message}${issues.length > 1 ? ' …' : ''}`,
    );
  };

  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = parseCsvRows(body);
  if (parsed.error) {
    issue(parsed.error.line, undefined, undefined, 'CSV_FORMAT', `line ${parsed.error.line}: ${parsed.error.message}`);
    fail();
  }
  const rows = parsed.rows;
  if (rows.length === 0 || rows[0]!.cells[0] !== '/chain') {
    issue(1, 1, undefined, 'CSV_FORMAT', `line 1 must start with "/chain", found "${rows[0]?.cells[0] ?? ''}"`);
    fail();
  }
  const header = rows[1]?.cells ?? [];
  const col = new Map<string, number>();
  header.forEach((name, i) => {
    if (name !== '' && col.has(name)) issue(2, i + 1, name, 'CSV_FORMAT', `line 2: column "${name}" appears twice (columns ${col.get(name)! + 1} and ${i + 1})`);
    col.set(name, i);
  });
  for (const required of [ARC_FROM, ARC_TO, STAGE_NAME, STAGE_CLASS]) {
    if (!col.has(required)) issue(2, undefined, required, 'CSV_FORMAT', `line 2: the header has no "${required}" column`);
  }
  if (issues.length > 0) fail();

  const used = new Set<string>([ARC_FROM, ARC_TO, STAGE_NAME, STAGE_CLASS, ...COMPANY, ...NUMERIC.map((f) => STAGE + f.key), LATITUDE, LONGITUDE]);
  const distribution: Array<{ k: number; kind: 'p' | 'v'; index: number }> = [];
  header.forEach((name, index) => {
    const match = DISTRIBUTION.exec(name);
    if (match) {
      distribution.push({ k: Number(match[1]), kind: match[2] as 'p' | 'v', index });
      used.add(name);
    }
  });
  const ignoredColumns = header.filter((name) => name !== '' && !used.has(name));
  const stageColumns = header.map((name, i) => ({ name, i })).filter(({ name }) => name.startsWith(STAGE) && name !== STAGE_NAME);

  const cellOf = (row: CsvRow, name: string): string => {
    const i = col.get(name);
    return i === undefined ? '' : (row.cells[i] ?? '').trim();
  };
  const numberAt = (row: CsvRow, name: string, nonNegative: boolean): number | undefined => {
    const raw = cellOf(row, name);
    if (raw === '') return undefined;
    const value = Number(raw);
    const column = col.get(name)! + 1;
    if (!Number.isFinite(value)) {
      issue(row.line, column, name, 'INVALID_NUMBER', `row ${row.line}, column ${column} (${name}): "${raw}" is not a number`);
      return undefined;
    }
    if (nonNegative && value < 0) {
      issue(row.line, column, name, 'NEGATIVE_VALUE', `row ${row.line}, column ${column} (${name}): ${value} is negative`);
      return undefined;
    }
    return value;
  };

  const nodes: NetworkNode[] = [];
  const stageRow = new Map<string, number>();
  const arcs: Array<{ from: string; to: string; line: number }> = [];
  const classCounts = Object.fromEntries(WILLEMS_CLASSES.map((c) => [c, 0])) as Record<WillemsClass, number>;
  let chain: string | null = null;
  let sicCode: string | null = null;
  let sicDescription: string | null = null;
  const fromColumn = col.get(ARC_FROM)! + 1;
  const toColumn = col.get(ARC_TO)! + 1;
  const nameColumn = col.get(STAGE_NAME)! + 1;
  const classColumn = col.get(STAGE_CLASS)! + 1;

  for (const row of rows.slice(2)) {
    if (row.cells.every((c) => c.trim() === '')) continue; // blank line
    if (row.cells.length !== header.length) {
      issue(row.line, undefined, undefined, 'CSV_FORMAT', `row ${row.line}: ${row.cells.length} cells, the header has ${header.length}`);
      continue;
    }
    chain ??= cellOf(row, '/@company') || null;
    sicCode ??= cellOf(row, '/@sicCode') || null;
    sicDescription ??= cellOf(row, '/@sicDescription') || null;

    // The arc part of the row.
    const from = cellOf(row, ARC_FROM);
    const to = cellOf(row, ARC_TO);
    if (from !== '' && to !== '') arcs.push({ from, to, line: row.line });
    else if (from !== '' || to !== '') {
      const [column, name] = from === '' ? [fromColumn, ARC_FROM] : [toColumn, ARC_TO];
      issue(row.line, column, name, 'DANGLING_REFERENCE', `row ${row.line}, column ${column} (${name}): the arc has no ${from === '' ? 'from' : 'to'} stage`);
    }

    // The stage part of the row.
    const name = cellOf(row, STAGE_NAME);
    if (name === '') {
      let stray: { name: string; i: number } | undefined;
      for (const column of stageColumns) {
        if ((row.cells[column.i] ?? '').trim() !== '') {
          stray = column;
          break;
        }
      }
      if (stray) issue(row.line, nameColumn, STAGE_NAME, 'MISSING_ID', `row ${row.line}: stage attributes (${stray.name}) without a ${STAGE_NAME}`);
      continue;
    }
    const firstRow = stageRow.get(name);
    if (firstRow !== undefined) {
      issue(row.line, nameColumn, STAGE_NAME, 'DUPLICATE_ID', `row ${row.line}, column ${nameColumn}: stage "${name}" is already defined on row ${firstRow}`);
      continue;
    }
    stageRow.set(name, row.line);
    const raw = cellOf(row, STAGE_CLASS);
    const classification: WillemsClass | undefined = raw === 'Parts' ? 'Part' : (WILLEMS_CLASSES as readonly string[]).includes(raw) ? (raw as WillemsClass) : undefined;
    if (classification === undefined) {
      issue(row.line, classColumn, STAGE_CLASS, 'UNKNOWN_KIND', `row ${row.line}, column ${classColumn} (${STAGE_CLASS}): stage "${name}" has class "${raw}", expected one of ${WILLEMS_CLASSES.join(', ')} (or Parts)`);
      continue;
    }
    classCounts[classification]++;
    const willems: { -readonly [K in keyof WillemsStageAttributes]: WillemsStageAttributes[K] } = { classification, classificationRaw: raw };
    for (const { key, nonNegative } of NUMERIC) {
      const value = numberAt(row, STAGE + key, nonNegative);
      if (value !== undefined) willems[key] = value;
    }
    const points = new Map<number, { probability?: number; value?: number }>();
    for (const d of distribution) {
      const value = numberAt(row, header[d.index]!, d.kind === 'p');
      if (value === undefined) continue;
      const point = points.get(d.k) ?? {};
      if (d.kind === 'p') point.probability = value;
      else point.value = value;
      points.set(d.k, point);
    }
    const stageTimeDistribution = [...points.entries()]
      .sort(([a], [b]) => a - b)
      .filter(([, pt]) => pt.probability !== undefined && pt.value !== undefined)
      .map(([, pt]) => ({ probability: pt.probability!, value: pt.value! }));
    if (stageTimeDistribution.length > 0) willems.stageTimeDistribution = stageTimeDistribution;

    const node: NetworkNode = {
      id: name,
      kind: willems.avgDemand !== undefined ? 'endItem' : classification === 'Part' ? 'part' : 'site',
      willems,
      source: { row: row.line, column: nameColumn, columnName: STAGE_NAME },
    };
    const latitude = numberAt(row, LATITUDE, false);
    const longitude = numberAt(row, LONGITUDE, false);
    for (const [value, columnName, limit] of [[latitude, LATITUDE, 90], [longitude, LONGITUDE, 180]] as const) {
      if (value === undefined) continue;
      const column = col.get(columnName)! + 1;
      if (Math.abs(value) > limit) issue(row.line, column, columnName, 'INVALID_NUMBER', `row ${row.line}, column ${column} (${columnName}): ${value} is not between -${limit} and ${limit}`);
    }
    if ((latitude === undefined) !== (longitude === undefined)) {
      const [columnName, present] = latitude === undefined ? [LATITUDE, LONGITUDE] : [LONGITUDE, LATITUDE];
      const column = col.has(columnName) ? col.get(columnName)! + 1 : undefined;
      issue(row.line, column, columnName, 'INVALID_NUMBER', `row ${row.line}: stage "${name}" has a ${present.slice(STAGE.length)} but no ${columnName.slice(STAGE.length)}; give both or neither`);
    } else if (latitude !== undefined && longitude !== undefined && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180) {
      node.latitude = latitude;
      node.longitude = longitude;
    }
    if (willems.stageTime !== undefined) node.leadTimeDays = willems.stageTime;
    if (willems.avgDemand !== undefined) node.demandPerDay = willems.avgDemand;
    nodes.push(node);
  }

  const edges: NetworkEdge[] = [];
  for (const arc of arcs) {
    let ok = true;
    for (const [end, column, columnName] of [
      ['from', fromColumn, ARC_FROM],
      ['to', toColumn, ARC_TO],
    ] as const) {
      if (!stageRow.has(arc[end])) {
        ok = false;
        issue(arc.line, column, columnName, 'DANGLING_REFERENCE', `row ${arc.line}, column ${column} (${columnName}): stage "${arc[end]}" is not defined in the file`);
      }
    }
    if (ok) edges.push({ from: arc.from, to: arc.to, quantity: 1, source: { row: arc.line, column: fromColumn, columnName: ARC_FROM } });
  }
  if (issues.length > 0) fail();

  const network: SupplyNetwork = { name: options.name ?? `Willems chain ${chain ?? '?'}`, nodes, edges };
  const validation = validateNetwork(network, options.maxNodes === undefined ? {} : { maxNodes: options.maxNodes });
  if (validation.length > 0) {
    issues.push(...validation);
    fail();
  }
  return {
    chain,
    sicCode,
    sicDescription,
    network,
    stageCount: nodes.length,
    arcCount: edges.length,
    demandStageCount: nodes.filter((node) => node.kind === 'endItem').length,
    classCounts,
    ignoredColumns,
  };
}
