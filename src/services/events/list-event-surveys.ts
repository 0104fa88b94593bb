import type { Actor } from '../../domain/access/actor.js';
import type { EventPlace } from '../../domain/events/event-model.js';
import { siteKey } from '../../analytics/events/apply-answers.js';
import { findEventRow } from '../../store/disruption-events.repository.js';
import type { AppContext } from '../context.js';
import { EVENT_WRITERS, eventNotFound } from './event-access.js';
import { currentStatus, loadEventFacts } from './site-facts.js';
import { listStruckSites } from './struck-sites.js';
import { siteActions, toEventSurveyView, type EventSiteView, type EventSurveyView } from './survey-view.js';
import { isUuid } from '../../domain/uuid.js';

export interface EventSurveysView {
  eventId: string;
  sites: EventSiteView[];
  surveys: EventSurveyView[];
  /** Companies with struck sites that have no survey yet (a send would ask them). */
  toAsk: Array<{ id: string; shortName: string; name: string }>;
  actions: Array<'send'>;
}

/** The event page's survey panel: struck sites with company and status history, the surveys and their answers. Nation only (404 otherwise). */
export async function listEventSurveys(ctx: AppContext, { actor, eventId }: { actor: Actor; eventId: string }): Promise<EventSurveysView> {
  if (!isUuid(eventId)) throw eventNotFound();
  const event = await findEventRow(ctx.store.db, actor.nation, eventId);
  if (!event) throw eventNotFound();
  const startedAt = new Date(event.started_at).toISOString();
  const [struck, facts] = await Promise.all([listStruckSites(ctx.store.db, actor.nation, event.places as EventPlace[]), loadEventFacts(ctx.store.db, actor.nation, { id: eventId, startedAt })]);
  const mayWrite = actor.roles.some((r) => EVENT_WRITERS.includes(r)) && event.status === 'open';
  const surveys = facts.surveys.map(toEventSurveyView);
  const asked = new Set(surveys.map((s) => s.company.id));
  const toAsk = new Map<string, { id: string; shortName: string; name: string }>();
  for (const s of struck) if (s.company && !asked.has(s.company.id)) toAsk.set(s.company.id, s.company);
  return {
    eventId,
    sites: struck.map((s) => {
      const status = currentStatus(facts.history, s.networkId, s.nodeId);
      return {
        networkId: s.networkId,
        networkName: s.networkName,
        nodeId: s.nodeId,
        part: s.part,
        owner: s.owner,
        company: s.company,
        unreachable: s.company ? null : s.link === null ? 'noLink' : 'notACompanyOfTheNation',
        status,
        history: facts.history.get(siteKey(s.networkId, s.nodeId)) ?? [],
        actions: siteActions(status, mayWrite),
      };
    }),
    surveys,
    toAsk: [...toAsk.values()],
    actions: mayWrite && toAsk.size > 0 ? ['send'] : [],
  };
}
