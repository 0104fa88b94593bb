import { nextSiteStatuses, type SiteStatus } from '../../domain/events/site-status.js';
import type { SurveyAnswer } from '../../domain/events/survey-answer.js';
import type { CompanySurveyRow, SurveyRow } from '../../store/event-surveys.repository.js';
import type { EventKind } from '../../domain/events/event-model.js';
import type { StatusChange, SurveySiteRef } from './site-facts.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A survey as the nation's analysts, SOSA officers and auditors see it on the event page. */
export interface EventSurveyView {
  id: string;
  company: { id: string; shortName: string; name: string };
  sentAt: string;
  sentBy: string;
  sites: SurveySiteRef[];
  state: 'open' | 'answered';
  answeredAt: string | null;
  answeredBy: string | null;
  answer: SurveyAnswer | null;
}

export function toEventSurveyView(row: SurveyRow): EventSurveyView {
  return {
    id: row.id,
    company: { id: row.organisation_id, shortName: row.short_name, name: row.organisation_name },
    sentAt: iso(row.sent_at)!,
    sentBy: row.sent_by_username,
    sites: row.sites as SurveySiteRef[],
    state: row.answer ? 'answered' : 'open',
    answeredAt: iso(row.answered_at),
    answeredBy: row.answered_by_username,
    answer: (row.answer as SurveyAnswer | null) ?? null,
  };
}

/** A struck site on the event page: its company, status, history and the moves the actor may make. */
export interface EventSiteView {
  networkId: string;
  networkName: string;
  nodeId: string;
  part: string;
  owner: string | null;
  company: { id: string; shortName: string; name: string } | null;
  /** Why no survey can go to this site's company, when none can. */
  unreachable: 'noLink' | 'notACompanyOfTheNation' | null;
  status: SiteStatus;
  history: StatusChange[];
  actions: SiteStatus[];
}

export function siteActions(status: SiteStatus, mayWrite: boolean): SiteStatus[] {
  return mayWrite ? [...nextSiteStatuses(status)] : [];
}

/**
 * A survey as the company sees it. Only what it needs to answer for its own sites: the kind of
 * event and its start, its sites (node id and part), the state, its own answer. Not the event's
 * title, description, places or sources (written for the nation, they may name other companies),
 * not the programs or networks its parts feed, not who else was asked — DESIGN.md's sovereignty
 * rule: a company sees only its own company's business, nothing of the nation's deliberation.
 */
export interface CompanySurveyView {
  id: string;
  nation: string;
  eventKind: EventKind;
  eventStartedAt: string;
  /** A closed event takes no answers. */
  eventOpen: boolean;
  sentAt: string;
  sites: SurveySiteRef[];
  state: 'open' | 'answered';
  answeredAt: string | null;
  answeredBy: string | null;
  answer: SurveyAnswer | null;
  actions: Array<'answer'>;
}

export function toCompanySurveyView(row: CompanySurveyRow): CompanySurveyView {
  const open = row.event_status === 'open';
  return {
    id: row.id,
    nation: row.nation,
    eventKind: row.event_kind as EventKind,
    eventStartedAt: iso(row.event_started_at)!,
    eventOpen: open,
    sentAt: iso(row.sent_at)!,
    sites: row.sites as SurveySiteRef[],
    state: row.answer ? 'answered' : 'open',
    answeredAt: iso(row.answered_at),
    answeredBy: row.answered_by_username,
    answer: (row.answer as SurveyAnswer | null) ?? null,
    actions: open ? ['answer'] : [],
  };
}
