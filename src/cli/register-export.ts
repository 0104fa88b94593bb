import type { ExportRegister } from './export-command.js';

type Item = Record<string, any>;
const joinSet = (values: unknown[], sep: string) => [...new Set(values.filter((v) => v !== null && v !== undefined && v !== ''))].join(sep);

/** `sosa export` of the partnership registers: the Code of Conduct registry, liaison postings, programs. */
export const REGISTRY_EXPORTS: Record<string, ExportRegister> = {
  'coc-subscribers': {
    description: 'Code of Conduct subscribers with capabilities, contacts and their record on requests',
    path: '/code-of-conduct/subscribers',
    columns: [
      ['company', (s) => s.organisation.name],
      ['short_name', (s) => s.organisation.shortName],
      ['subscribed_on', (s) => s.subscribedOn],
      ['signed_by', (s) => s.signedBy.name],
      ['signed_by_title', (s) => s.signedBy.title],
      ['status', (s) => s.status],
      ['status_since', (s) => s.statusSince],
      ['fsc_classes', (s) => joinSet(s.capabilities.map((c: Item) => c.fsc), ' ')],
      ['sectors', (s) => joinSet(s.capabilities.map((c: Item) => c.sector), ' ')],
      ['capabilities', (s) => s.capabilities.map((c: Item) => c.description).join('; ')],
      ['contacts', (s) => s.contacts.map((c: Item) => [c.name, c.role, c.email].filter(Boolean).join(', ')).join('; ')],
      ['requests_received', (s) => s.stats.received],
      ['committed', (s) => s.stats.committed],
      ['declined', (s) => s.stats.declined],
      ['delivered', (s) => s.stats.delivered],
      ['delivered_on_time', (s) => s.stats.deliveredOnTime],
    ],
  },
  'liaison-officers': {
    description: 'liaison officer postings your nation sends or hosts',
    path: '/liaison-officers',
    columns: [
      ['officer', (p) => p.officer.name],
      ['rank', (p) => p.officer.rank],
      ['service_number', (p) => p.officer.serviceNumber],
      ['sending_nation', (p) => p.sendingNation],
      ['host_nation', (p) => p.hostNation],
      ['host_command', (p) => p.hostCommand],
      ['location', (p) => p.location],
      ['start_date', (p) => p.startDate],
      ['end_date', (p) => p.endDate],
      ['status', (p) => p.status],
      ['days_to_end', (p) => p.daysToEnd],
      ['host_poc', (p) => p.hostPoc.name],
      ['host_poc_email', (p) => p.hostPoc.email],
      ['documents', (p) => p.documents.map((d: Item) => [d.title, d.number, d.issuedOn].filter(Boolean).join(' ')).join('; ')],
    ],
  },
  programs: {
    description: 'co-production programs with their next milestone and open risks',
    path: '/programs',
    columns: [
      ['id', (p) => p.id],
      ['name', (p) => p.name],
      ['lead_nation', (p) => p.leadNation],
      ['partner_nations', (p) => p.partnerNations.join(' ')],
      ['status', (p) => p.status],
      ['start_date', (p) => p.startDate],
      ['dpas_program_symbol', (p) => p.dpasProgramSymbol],
      ['next_milestone', (p) => p.nextMilestone?.title],
      ['next_milestone_due', (p) => p.nextMilestone?.dueOn],
      ['open_risks', (p) => p.openRisks],
      ['network_id', (p) => p.networkId],
      ['working_group_id', (p) => p.workingGroupId],
    ],
  },
};
