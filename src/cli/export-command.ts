import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { AppError } from '../domain/errors.js';
import { apiTargetFromEnv, typedCall } from './api-client.js';

/**
 * `sosa export <register>`: a register as CSV through the running server's API (SOSA_TOKEN), so
 * the export obeys the same access rules as the UI. Each register is an API path and its columns;
 * other registers join by adding entries to the map passed to {@link registerExportCommand}.
 */
export interface ExportRegister {
  description: string;
  /** API path returning { items: [...] }. */
  path: string;
  columns: Array<[header: string, value: (row: Record<string, any>) => unknown]>;
}

/** The registers' list routes (GET, no path parameter, answering { items }). */
type RegisterPath = '/points-of-contact' | '/action-items' | '/logistics/orders' | '/code-of-conduct/subscribers' | '/liaison-officers' | '/programs';

export const PARTNERSHIP_EXPORTS: Record<string, ExportRegister> = {
  'points-of-contact': {
    description: 'SOSA points of contact of your nation and its arrangement partners',
    path: '/points-of-contact',
    columns: [['nation', (r) => r.nation], ['function', (r) => r.function], ['name', (r) => r.name], ['title', (r) => r.title], ['organisation', (r) => r.organisation], ['email', (r) => r.email], ['phone', (r) => r.phone], ['notes', (r) => r.notes]],
  },
  'working-groups': {
    description: 'action items of every working group you see, with owner, due date and escalation',
    path: '/action-items',
    columns: [['working_group', (r) => r.groupName], ['action_item', (r) => r.title], ['owner', (r) => r.ownerName], ['owner_nation', (r) => r.ownerNation], ['due_date', (r) => r.dueDate], ['status', (r) => r.status], ['overdue', (r) => r.overdue], ['escalated_at', (r) => r.escalatedAt]],
  },
  logistics: {
    description: 'LEMOA/ACSA logistics orders with amounts settled (confirmed by the supplying nation), claimed (awaiting its confirmation) and open (decimal strings, never floats)',
    path: '/logistics/orders',
    columns: [['reference', (r) => r.reference], ['supplying_nation', (r) => r.supplyingNation], ['receiving_nation', (r) => r.receivingNation], ['class', (r) => r.supportClass], ['description', (r) => r.description], ['occasion', (r) => r.occasion], ['delivered_on', (r) => r.deliveredOn], ['currency', (r) => r.currency], ['amount', (r) => r.amount], ['settled', (r) => r.settled], ['claimed', (r) => r.claimed], ['open', (r) => r.open], ['settlement_method', (r) => r.settlementMethod], ['settle_by', (r) => r.settleBy], ['status', (r) => r.status], ['overdue', (r) => r.overdue]],
  },
};

/**
 * OWASP "CSV Injection": a cell that begins with =, +, -, @, a tab or a carriage return (or their
 * full-width forms, which some spreadsheets fold to them) could run as a formula when the file is
 * opened. Such a cell is written with a leading apostrophe and quoted, whatever it holds. There
 * is no exception for phone numbers or negative amounts: "+91 11 2301 1234" is written as
 * '+91 11 2301 1234 — still a phone number to a reader, never a formula to a spreadsheet (strip
 * one leading apostrophe when loading the file into another system).
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : String(value);
}

/** RFC 4180 through csv-stringify (CRLF, quotes doubled, quoted when needed), with the formula rule above. */
function stringifyRows(rows: unknown[][]): string {
  return stringify(
    rows.map((row) => row.map(cellText)),
    {
      record_delimiter: 'windows',
      // A lone \n or \r inside a cell is quoted too (the library only does so by default when it
      // picks the record delimiter itself).
      quote_record_delimiter: true,
      // The library's own escape_formulas adds the apostrophe but does not quote the cell; the
      // cast does both, for every cell (all cells are strings by now).
      cast: { string: (value) => (FORMULA_START.test(value) ? { value: `'${value}`, quoted: true } : value) },
    },
  );
}

/** One cell as it appears in the file (tests and one-off uses). */
export function csvField(value: unknown): string {
  return stringifyRows([[value]]).replace(/\r\n$/, '');
}

export function toCsv(register: ExportRegister, rows: ReadonlyArray<Record<string, unknown>>): string {
  return stringifyRows([register.columns.map(([h]) => h), ...rows.map((row) => register.columns.map(([, value]) => value(row)))]);
}

export function registerExportCommand(program: Command, registers: Record<string, ExportRegister>): void {
  const names = Object.keys(registers).sort();
  program
    .command('export <register>')
    .description(`a register as CSV on stdout, through the running server (as the user of “sosa login”, or SOSA_TOKEN): ${names.join(', ')}`)
    .option('--url <url>', 'server URL (default SOSA_URL or http://127.0.0.1:3000)')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (name: string, opts: { url?: string; out?: string }) => {
      const register = registers[name];
      if (!register) throw new AppError('VALIDATION_FAILED', { detail: `No register "${name}". Registers: ${names.join(', ')}.` });
      const { items } = await typedCall(apiTargetFromEnv(opts.url), (api) => api.GET(register.path as RegisterPath));
      const csv = toCsv(register, items);
      if (opts.out) {
        writeFileSync(opts.out, csv);
        console.error(`Wrote ${items.length} rows to ${opts.out}.`);
      } else process.stdout.write(csv);
    });
}
