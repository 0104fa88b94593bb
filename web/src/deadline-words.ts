// A deadline in one plain sentence: who must do what, by when (date, time and the deciding
// nation's zone), and why that date — "The supplier must accept or reject by 14 Dec 2026, 23:59
// (Eastern Time) — 15 working days from receipt on 23 Nov 2026 (US calendar, 15 CFR 700.13(d))".
// Built from the deadline's recorded figures, never from its stored technical text.
import type { Deadline, Urgency } from './api/types.js';
import { formatDate, plural, zoneLongName } from './format.js';

const DUTY: Record<string, string> = {
  acknowledgement: 'The SOSA office must acknowledge receipt by',
  review: 'The SOSA office must finish its review by',
  program_determination: 'DoD must make the program determination by',
  rating_authorization: 'Commerce must decide on the rating by',
  order_placement: 'The rated order must be placed by',
  supplier_acceptance: 'The supplier must accept or reject by',
  delivery: 'Delivery is due by',
  company_response: 'The companies asked must commit or decline by',
  rerouting: 'The SOSA cell must route the request again or deny it by',
};

const URGENCY_WORDS: Record<Urgency, string> = { routine: 'a routine request', emergency: 'an emergency request', armed_conflict: 'a request in armed conflict' };

export interface DeadlineContext {
  /** The requesting nation's name ("India"), for a deadline that follows the date it asked for. */
  requesterName: string;
  urgency: string;
}

/** "14 Dec 2026, 23:59 (Eastern Time)" in the deadline's own zone, in the user's locale. */
export function dueWhen(dueIso: string, timeZone: string | undefined): string {
  const d = new Date(dueIso);
  const date = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(d);
  const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(d);
  const zone = zoneLongName(timeZone, d);
  return `${date}, ${time}${zone ? ` (${zone})` : ''}`;
}

/** The rule a deadline follows, as cited ("15 CFR 700.13(d)"), without its explanation. */
function citation(d: Deadline): string | null {
  const c = typeof d.basis.citation === 'string' ? d.basis.citation : typeof d.basis.rule === 'string' && d.basis.rule.startsWith('15 CFR') ? d.basis.rule : '';
  const head = c.split(':')[0]?.trim();
  return head ? head : null;
}

/** Why the date is what it is. */
export function deadlineReason(d: Deadline, ctx: DeadlineContext): string {
  const received = typeof d.basis.receivedDate === 'string' ? ` on ${formatDate(d.basis.receivedDate)}` : '';
  const cite = citation(d);
  if (d.hours !== null && d.hours !== undefined) {
    return `${plural(d.hours, 'hour')} from receipt, as the emergency order states${cite ? ` (${cite})` : ''}`;
  }
  if (d.workingDays !== null && d.workingDays !== undefined) {
    const span = d.workingDays === 0 ? 'the same working day as receipt' : `${plural(d.workingDays, 'working day')} from receipt${received}`;
    const why = cite ? `${d.nation} calendar, ${cite}` : `${d.nation} calendar; the arrangement’s service level for ${URGENCY_WORDS[ctx.urgency as Urgency] ?? 'this request'}`;
    return `${span} (${why})`;
  }
  // A date-based deadline: the date the requesting nation asked for (older rows name no field).
  const field = typeof d.basis.field === 'string' ? d.basis.field : 'required_by';
  if (field === 'required_by') return `the date ${ctx.requesterName} asked for`;
  if (field === 'required_delivery_date') return 'the required delivery date on the rated order';
  return 'the date on the request';
}

export function deadlineSentence(d: Deadline, ctx: DeadlineContext): string {
  const tz = typeof d.basis.timeZone === 'string' ? d.basis.timeZone : undefined;
  const duty = DUTY[d.kind] ?? `${d.label}: due by`;
  return `${duty} ${dueWhen(d.dueAt, tz)} — ${deadlineReason(d, ctx)}`;
}
