/**
 * `sosa export <register>`: the partnership registers as CSV (RFC 4180: fields with a comma, a
 * quote or a line break are quoted, quotes doubled; CRLF line ends). A field that begins with
 * =, +, - or @ is prefixed with ' so that a spreadsheet does not run it as a formula.
 */
export const EXPORTABLE_REGISTERS = ['coc-subscribers', 'liaison-officers', 'programs'] as const;
export type ExportableRegister = (typeof EXPORTABLE_REGISTERS)[number];

export const REGISTER_PATHS: Record<ExportableRegister, string> = {
  'coc-subscribers': '/code-of-conduct/subscribers',
  'liaison-officers': '/liaison-officers',
  programs: '/programs',
};

export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

type Item = Record<string, any>;

export function registerCsv(register: ExportableRegister, items: readonly Item[]): string {
  switch (register) {
    case 'coc-subscribers':
      return toCsv(
        ['company', 'short_name', 'subscribed_on', 'signed_by', 'signed_by_title', 'status', 'status_since', 'fsc_classes', 'sectors', 'capabilities', 'contacts', 'requests_received', 'committed', 'declined', 'delivered', 'delivered_on_time'],
        items.map((s) => [
          s.organisation.name,
          s.organisation.shortName,
          s.subscribedOn,
          s.signedBy.name,
          s.signedBy.title,
          s.status,
          s.statusSince,
          [...new Set(s.capabilities.map((c: Item) => c.fsc).filter(Boolean))].join(' '),
          [...new Set(s.capabilities.map((c: Item) => c.sector))].join(' '),
          s.capabilities.map((c: Item) => c.description).join('; '),
          s.contacts.map((c: Item) => [c.name, c.role, c.email].filter(Boolean).join(', ')).join('; '),
          s.stats.received,
          s.stats.committed,
          s.stats.declined,
          s.stats.delivered,
          s.stats.deliveredOnTime,
        ]),
      );
    case 'liaison-officers':
      return toCsv(
        ['officer', 'rank', 'service_number', 'sending_nation', 'host_nation', 'host_command', 'location', 'start_date', 'end_date', 'status', 'days_to_end', 'host_poc', 'host_poc_email', 'documents'],
        items.map((p) => [
          p.officer.name,
          p.officer.rank,
          p.officer.serviceNumber,
          p.sendingNation,
          p.hostNation,
          p.hostCommand,
          p.location,
          p.startDate,
          p.endDate,
          p.status,
          p.daysToEnd,
          p.hostPoc.name,
          p.hostPoc.email,
          p.documents.map((d: Item) => [d.title, d.number, d.issuedOn].filter(Boolean).join(' ')).join('; '),
        ]),
      );
    case 'programs':
      return toCsv(
        ['id', 'name', 'lead_nation', 'partner_nations', 'status', 'start_date', 'dpas_program_symbol', 'next_milestone', 'next_milestone_due', 'open_risks', 'network_id', 'working_group_id'],
        items.map((p) => [p.id, p.name, p.leadNation, p.partnerNations.join(' '), p.status, p.startDate, p.dpasProgramSymbol, p.nextMilestone?.title, p.nextMilestone?.dueOn, p.openRisks, p.networkId, p.workingGroupId]),
      );
  }
}
