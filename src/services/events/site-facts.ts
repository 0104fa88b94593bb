// What the nation learned about an event's struck sites — the companies' answers and each
// site's status history — loaded once for the impact (apply-answers.ts) and the survey panel.
import { siteKey, type SiteFact, type SiteStatusFact } from '../../analytics/events/apply-answers.js';
import type { SiteStatus } from '../../domain/events/site-status.js';
import { recoveryDays, type SurveyAnswer } from '../../domain/events/survey-answer.js';
import { listEventSurveyRows, listSiteStatusRows, type SiteStatusRow, type SurveyRow } from '../../store/event-surveys.repository.js';
import type { Db } from '../../store/executor.js';

export interface SurveySiteRef {
  networkId: string;
  nodeId: string;
  part: string;
}

export interface StatusChange {
  status: SiteStatus;
  note: string;
  setBy: string;
  setAt: string;
  via: 'answer' | 'analyst';
}

export interface EventFacts {
  surveys: SurveyRow[];
  statusRows: SiteStatusRow[];
  /** Per site (siteKey): the answer and the current status, for the impact. */
  facts: Map<string, SiteFact>;
  /** Per site (siteKey): every status change, oldest first. */
  history: Map<string, StatusChange[]>;
}

const iso = (d: Date | string) => new Date(d).toISOString();

export async function loadEventFacts(db: Db, nation: string, event: { id: string; startedAt: string }): Promise<EventFacts> {
  const [surveys, statusRows] = await Promise.all([listEventSurveyRows(db, nation, event.id), listSiteStatusRows(db, event.id)]);
  const facts = new Map<string, SiteFact>();
  const history = new Map<string, StatusChange[]>();
  const fact = (key: string) => {
    let f = facts.get(key);
    if (!f) facts.set(key, (f = {}));
    return f;
  };
  for (const survey of surveys) {
    if (!survey.answer || !survey.answered_at) continue;
    const answer = survey.answer as SurveyAnswer;
    for (const site of answer.sites) {
      fact(siteKey(site.networkId, site.nodeId)).answer = {
        company: survey.short_name,
        answeredAt: iso(survey.answered_at),
        affected: site.affected,
        stockUnits: site.stockUnits,
        expectedRecoveryOn: site.expectedRecoveryOn,
        recoveryDays: site.expectedRecoveryOn === undefined ? undefined : recoveryDays(event.startedAt, site.expectedRecoveryOn),
        alternativeCapacityPerDay: site.alternativeCapacityPerDay,
      };
    }
  }
  for (const row of statusRows) {
    const key = siteKey(row.network_id, row.node_id);
    const change: StatusChange = { status: row.status, note: row.note, setBy: row.username, setAt: iso(row.set_at), via: row.survey_id ? 'answer' : 'analyst' };
    const list = history.get(key);
    if (list) list.push(change);
    else history.set(key, [change]);
    const status: SiteStatusFact = { status: change.status, setBy: change.setBy, setAt: change.setAt, via: change.via };
    fact(key).status = status;
  }
  return { surveys, statusRows, facts, history };
}

/** The current status of a site: its latest change, or Potential. */
export function currentStatus(history: ReadonlyMap<string, StatusChange[]>, networkId: string, nodeId: string): SiteStatus {
  return history.get(siteKey(networkId, nodeId))?.at(-1)?.status ?? 'potential';
}
