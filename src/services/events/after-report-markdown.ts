// The after report as a Markdown document (issue #15, "exportable as PDF or Markdown"): the
// milestones, then one table per program, then what the partner supplied and the method.
import type { EventKind } from '../../domain/events/event-model.js';
import type { EventAfterReport } from './after-report.js';

/** The event kinds in words, as the event page names them. */
export const EVENT_KIND_WORDS: Readonly<Record<EventKind, string>> = {
  siteIncident: 'site fire or accident',
  naturalHazard: 'natural hazard',
  portOrLaneClosure: 'port or sea-lane closure',
  exportRestriction: 'export restriction or embargo',
  cyber: 'cyber attack',
  supplierInsolvency: 'supplier insolvency',
  conflict: 'conflict',
};
export const kindWords = (kind: string) => EVENT_KIND_WORDS[kind as EventKind] ?? kind;

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const num = (x: number, digits = 1) => x.toLocaleString('en-US', { maximumFractionDigits: digits });
const money = (x: number, currency: string) => `${currency} ${x.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
const when = (iso: string | null) => (iso === null ? '—' : `${iso.slice(0, 16).replace('T', ' ')} UTC`);

export function afterReportMarkdown(r: EventAfterReport): string {
  const m = r.milestones;
  const out: string[] = [];
  out.push(`# After report: ${r.event.title}`, '');
  out.push(`Event ${r.event.id} (${kindWords(r.event.kind)}), closed ${when(r.event.closedAt)}.`);
  if (r.event.closingNote) out.push('', `> ${cell(r.event.closingNote)}`);
  out.push('', '## Milestones', '', '| Milestone | When | Since the start |', '|---|---|---|');
  const row = (label: string, x: { at: string | null; sinceStart: { text: string } }) => out.push(`| ${label} | ${when(x.at)} | ${cell(x.sinceStart.text || '—')} |`);
  row('Started', { at: m.started.at, sinceStart: { text: '—' } });
  row('Recorded', m.recorded);
  row('First request submitted', m.firstRequest);
  row(`All sites hit restored (${m.restored.sitesRestored} of ${m.restored.sitesHit})`, m.restored);
  row('Closed', m.closed);

  out.push('', '## Lost output: no action versus what happened', '');
  if (r.comparison.status !== 'ready') {
    out.push(r.comparison.status === 'computing' ? 'The analyses are still being computed: export the report again in a moment.' : 'An analysis failed; the error is in the server log.');
  } else if (r.comparison.programs.length === 0) {
    out.push('No program lost output in any analysis.');
  } else {
    for (const p of r.comparison.programs) {
      out.push(`### ${cell(p.program)} (${cell(p.networkName)})`, '', '| Analysis | Lost units | Lost value |', '|---|---:|---:|');
      out.push(`| No action | ${num(p.noAction.lostUnits)} | ${money(p.noAction.lostValue, p.currency)} |`);
      out.push(`| With the answers | ${num(p.withAnswers.lostUnits)} | ${money(p.withAnswers.lostValue, p.currency)} |`);
      out.push(`| With action | ${num(p.withAction.lostUnits)} | ${money(p.withAction.lostValue, p.currency)} |`);
      out.push(`| **Avoided** | **${num(p.avoided.lostUnits)}** | **${money(p.avoided.lostValue, p.currency)}** |`);
      out.push(`| of which by the partner's supply | ${num(p.avoidedBySupply.lostUnits)} | ${money(p.avoidedBySupply.lostValue, p.currency)} |`, '');
    }
    for (const t of r.comparison.totals) out.push(`Total (${t.currency}): ${money(t.noActionValue, t.currency)} lost with no action, ${money(t.withActionValue, t.currency)} with action, ${money(t.avoidedValue, t.currency)} avoided.`);
  }

  out.push('', '## Sites struck', '');
  if (r.sites.length === 0) out.push('None of the nation’s networks has a site the event strikes.');
  else {
    out.push('| Site | Part | Status at the close | Restored |', '|---|---|---|---|');
    for (const s of r.sites) out.push(`| ${cell(s.nodeId)} | ${cell(s.part)} | ${s.statusLabel} | ${when(s.restoredAt)} |`);
  }

  out.push('', '## Supplied by the partner', '');
  if (r.supply.length === 0) out.push('No request was submitted to the partner.');
  else {
    out.push('| Request | State | Part | Quantity | Arrives | Counted |', '|---|---|---|---:|---|---|');
    for (const l of r.supply) out.push(`| ${cell(l.reference)} | ${cell(l.state)} | ${cell(l.part)} | ${num(l.quantity, 3)} ${cell(l.unit)} | ${l.arrivesOn} (${l.arrival === 'delivered' ? 'delivered' : 'required by'}) | ${l.counted ? 'yes' : `no: ${cell(l.note ?? '')}`} |`);
  }
  out.push('', '## Method', '', r.method, '');
  return out.join('\n');
}
