import type { SurveyAnswer } from '../../domain/events/survey-answer.js';
import type { EventSurveysView } from '../../services/events/list-event-surveys.js';
import type { SurveySiteRef } from '../../services/events/site-facts.js';
import type { CompanySurveyView } from '../../services/events/survey-view.js';
import type { CompanySurveyResponse, EventSurveysResponse } from './surveys.schema.js';

// The declared shapes of surveys.schema.ts, field by field: nothing the use case carries beyond them crosses.

const site = (s: SurveySiteRef) => ({ networkId: s.networkId, nodeId: s.nodeId, part: s.part });
const company = (c: { id: string; shortName: string; name: string }) => ({ id: c.id, shortName: c.shortName, name: c.name });

function answer(a: SurveyAnswer | null) {
  if (!a) return null;
  return {
    sites: a.sites.map((s) => ({
      networkId: s.networkId,
      nodeId: s.nodeId,
      affected: s.affected,
      ...(s.stockUnits !== undefined ? { stockUnits: s.stockUnits } : {}),
      ...(s.expectedRecoveryOn !== undefined ? { expectedRecoveryOn: s.expectedRecoveryOn } : {}),
      ...(s.alternativeCapacityPerDay !== undefined ? { alternativeCapacityPerDay: s.alternativeCapacityPerDay } : {}),
    })),
    comment: a.comment,
  };
}

/** The survey's sites and answer (surveyFields of surveys.schema.ts), the same to both sides. */
function surveyState(s: Pick<CompanySurveyView, 'sites' | 'state' | 'answeredAt' | 'answeredBy' | 'answer'>) {
  return { sites: s.sites.map(site), state: s.state, answeredAt: s.answeredAt, answeredBy: s.answeredBy, answer: answer(s.answer) };
}

export function presentEventSurveys(v: EventSurveysView): EventSurveysResponse {
  return {
    eventId: v.eventId,
    sites: v.sites.map((s) => ({
      networkId: s.networkId,
      networkName: s.networkName,
      nodeId: s.nodeId,
      part: s.part,
      owner: s.owner,
      company: s.company ? company(s.company) : null,
      unreachable: s.unreachable,
      status: s.status,
      history: s.history.map((h) => ({ status: h.status, note: h.note, setBy: h.setBy, setAt: h.setAt, via: h.via })),
      actions: s.actions,
    })),
    surveys: v.surveys.map((s) => ({ id: s.id, company: company(s.company), sentAt: s.sentAt, sentBy: s.sentBy, ...surveyState(s) })),
    toAsk: v.toAsk.map(company),
    actions: v.actions,
  };
}

export function presentCompanySurvey(v: CompanySurveyView): CompanySurveyResponse {
  return {
    id: v.id,
    nation: v.nation,
    eventKind: v.eventKind,
    eventStartedAt: v.eventStartedAt,
    eventOpen: v.eventOpen,
    sentAt: v.sentAt,
    ...surveyState(v),
    actions: v.actions,
  };
}
