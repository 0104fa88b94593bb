import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../domain/errors.js';
import { apiTargetFromEnv, callApi } from './api-client.js';

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
    description: 'LEMOA/ACSA logistics orders with amounts settled and open (decimal strings, never floats)',
    path: '/logistics/orders',
    columns: [['reference', (r) => r.reference], ['supplying_nation', (r) => r.supplyingNation], ['receiving_nation', (r) => r.receivingNation], ['class', (r) => r.supportClass], ['description', (r) => r.description], ['occasion', (r) => r.occasion], ['delivered_on', (r) => r.deliveredOn], ['currency', (r) => r.currency], ['amount', (r) => r.amount], ['settled', (r) => r.settled], ['open', (r) => r.open], ['settlement_method', (r) => r.settlementMethod], ['settle_by', (r) => r.settleBy], ['status', (r) => r.status], ['overdue', (r) => r.overdue]],
  },
};

/**
 * RFC 4180: a field with a comma, a double quote or a line break is quoted, its quotes doubled.
 * A field a spreadsheet would run as a formula (=, @, or + / - not followed by a digit: phone
 * numbers such as +91 and negative amounts stay as they are) is prefixed with '.
 */
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=@]|^[+-][^\d\s.]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(register: ExportRegister, rows: ReadonlyArray<Record<string, unknown>>): string {
  const lines = [register.columns.map(([h]) => csvField(h)).join(',')];
  for (const row of rows) lines.push(register.columns.map(([, value]) => csvField(value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function registerExportCommand(program: Command, registers: Record<string, ExportRegister>): void {
  const names = Object.keys(registers).sort();
  program
    .command('export <register>')
    .description(`a register as CSV on stdout, through the running server (SOSA_TOKEN): ${names.join(', ')}`)
    .option('--url <url>', 'server URL (default SOSA_URL or http://127.0.0.1:3000)')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (name: string, opts: { url?: string; out?: string }) => {
      const register = registers[name];
      if (!register) throw new AppError('VALIDATION_FAILED', { detail: `No register "${name}". Registers: ${names.join(', ')}.` });
      const { items } = await callApi<{ items: Array<Record<string, unknown>> }>(apiTargetFromEnv(opts.url), 'GET', register.path);
      const csv = toCsv(register, items);
      if (opts.out) {
        writeFileSync(opts.out, csv);
        console.error(`Wrote ${items.length} rows to ${opts.out}.`);
      } else process.stdout.write(csv);
    });
}
