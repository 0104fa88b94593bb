// The after report of a closed event (issue #15, "After"): gathers the facts — the event's dates,
// the requests drafted from it and what became of them, the struck sites' status histories — and
// the three analyses the comparison needs (event-impact-runner.ts: computed in the background and
// cached like the event's own impact), then builds the report (src/domain/events/after-report.ts).
import { siteKey } from '../../analytics/events/apply-answers.js';
import type { NetworkImpact, PartnerSupply } from '../../analytics/events/event-impact.js';
import type { Actor } from '../../domain/access/actor.js';
import { buildAfterReport, type AfterReport, type AnalysisLosses } from '../../domain/events/after-report.js';
import { AppError } from '../../domain/errors.js';
import type { EventPlace } from '../../domain/events/event-model.js';
import { listEventRequestOutcomes } from '../../store/event-report.repository.js';
import type { AppContext } from '../context.js';
import type { DraftBasis } from './draft-content.js';
import { readEventImpact, type EventImpactView } from './event-impact-runner.js';
import { impactEventOf, loadEvent } from './load-event.js';
import { loadEventFacts } from './site-facts.js';
import { listStruckSites } from './struck-sites.js';
import type { ApiSchema } from '../../contract/api-schema.js';

const DAY_MS = 86_400_000;
/** The partner took the request on: a company committed or a rated order was accepted (in performance), or it delivered. */
const ACCEPTED_STATES = new Set(['in_performance', 'delivered', 'closed']);

/**
 * What the report says of each line the partner was asked for, and whether the "with action"
 * analysis counted it: `arrivesOn` is the delivery date recorded, else the line's required date;
 * `note` says why a line is not counted. The route's declared shape (events.schema.ts), written once (issue #12).
 */
export type SupplyLine = ApiSchema<'EventAfterReport'>['supply'][number];

export interface EventAfterReport extends AfterReport {
  event: { id: string; title: string; kind: string; startedAt: string; recordedAt: string; closedAt: string; closingNote: string };
  supply: SupplyLine[];
  /** How "avoided" is defined: every export prints it. */
  method: string;
}

export const AFTER_REPORT_METHOD =
  'Lost output is modelled by the time-to-survive analysis (supply-resilience.md §4) over the event’s window, not measured. ' +
  'No action: the event as first modelled, without the companies’ answers, the sites’ statuses or any supply from the partner. ' +
  'With the answers: the companies’ answers and the sites’ statuses in place. ' +
  'With action: the answers plus the parts the partner accepted to supply (request in performance, delivered or closed), as stock ' +
  'arriving on the delivery date recorded, else on the line’s required delivery date; a line arriving after the window is not counted. ' +
  'Avoided = no action − with action; by the partner’s supply = with the answers − with action.';

function losses(view: EventImpactView): AnalysisLosses {
  if (view.status !== 'ready') return { status: view.status };
  return { status: 'ready', programs: view.networks.flatMap((n) => n.programs.map((p) => ({ networkId: n.networkId, networkName: n.networkName, currency: n.currency, program: p.program, lostUnits: p.lostUnits, lostValue: p.lostValue }))) };
}

export async function getAfterReport(ctx: AppContext, { actor, eventId }: { actor: Actor; eventId: string }): Promise<EventAfterReport> {
  const row = await loadEvent(ctx.store.db, actor, eventId);
  if (row.status !== 'closed' || !row.closed_at) throw new AppError('CONFLICT', { detail: 'The event is still open: its after report is made once it is closed.' });
  const event = impactEventOf(row);
  const [outcomes, struck, { history }] = await Promise.all([
    listEventRequestOutcomes(ctx.store.db, row.id),
    listStruckSites(ctx.store.db, actor.nation, row.places as EventPlace[]),
    loadEventFacts(ctx.store.db, actor.nation, { id: row.id, startedAt: event.startedAt }),
  ]);

  const supply: PartnerSupply[] = [];
  const lines: Array<SupplyLine & { networkId: string | null; afterDays: number }> = [];
  for (const o of outcomes) {
    const basis = o.basis as DraftBasis;
    const accepted = ACCEPTED_STATES.has(o.state);
    for (const item of o.items) {
      const line = basis.lines.find((l) => l.part.slice(0, 100) === item.part_number);
      const arrivesOn = o.deliveredOn ?? item.required_delivery_date;
      const afterDays = (Date.parse(`${arrivesOn}T00:00:00Z`) - Date.parse(event.startedAt)) / DAY_MS;
      const note = !accepted ? 'not accepted by the partner' : !line || line.causeNodes.length === 0 ? 'not a part the analysis names' : null;
      if (note === null) supply.push({ networkId: basis.networkId, nodeId: line!.causeNodes[0]!, part: line!.part, units: Number(item.quantity), arrivesAfterDays: afterDays });
      lines.push({ reference: o.reference, state: o.state, part: item.part_number, quantity: Number(item.quantity), unit: item.unit, arrivesOn, arrival: o.deliveredOn ? 'delivered' : 'requiredBy', counted: note === null, note, networkId: basis.networkId, afterDays });
    }
  }

  const [withAnswers, noAction] = await Promise.all([readEventImpact(ctx, event), readEventImpact(ctx, event, { kind: 'noAction' })]);
  // Without supply, "with action" is the analysis with the answers: no third run.
  const withAction = supply.length === 0 ? withAnswers : await readEventImpact(ctx, event, { kind: 'withSupply', supply });
  const windowOf = new Map((withAction.networks as NetworkImpact[]).map((n) => [n.networkId, n.durationDays]));
  for (const l of lines) {
    const window = l.networkId ? windowOf.get(l.networkId) : undefined;
    if (l.counted && window !== undefined && l.afterDays > window) {
      l.counted = false;
      l.note = `arrives after the ${window}-day window analysed`;
    }
  }

  const report = buildAfterReport({
    event: { startedAt: event.startedAt, recordedAt: new Date(row.created_at).toISOString(), closedAt: new Date(row.closed_at).toISOString() },
    firstRequestSubmittedAt: outcomes.length > 0 ? new Date(outcomes[0]!.created_at).toISOString() : null,
    sites: struck.map((s) => ({ networkId: s.networkId, nodeId: s.nodeId, part: s.part, history: (history.get(siteKey(s.networkId, s.nodeId)) ?? []).map((h) => ({ status: h.status as Exclude<typeof h.status, 'potential'>, setAt: h.setAt })) })),
    noAction: losses(noAction),
    withAnswers: losses(withAnswers),
    withAction: losses(withAction),
  });
  return {
    event: { id: row.id, title: row.title, kind: row.kind, startedAt: event.startedAt, recordedAt: new Date(row.created_at).toISOString(), closedAt: new Date(row.closed_at).toISOString(), closingNote: row.closing_note ?? '' },
    ...report,
    supply: lines.map(({ networkId: _n, afterDays: _d, ...l }) => l),
    method: AFTER_REPORT_METHOD,
  };
}
