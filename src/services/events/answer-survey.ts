import type { Actor } from '../../domain/access/actor.js';
import { AppError } from '../../domain/errors.js';
import { statusFromAnswer } from '../../domain/events/site-status.js';
import { checkAnswer, type SurveyAnswer } from '../../domain/events/survey-answer.js';
import { auditAs } from '../../store/audit.repository.js';
import { findCompanySurveyRow, insertSiteStatusRows, lockEvent, setSurveyAnswer } from '../../store/event-surveys.repository.js';
import type { AppContext } from '../context.js';
import { currentStatus, loadEventFacts, type SurveySiteRef } from './site-facts.js';
import { surveyNotFound } from './survey-access.js';
import { toCompanySurveyView, type CompanySurveyView } from './survey-view.js';
import { isUuid } from '../../domain/uuid.js';

/**
 * A company answers its survey (again, while the event is open: the latest answer counts). The
 * answer replaces the modelled assumptions of its sites in the event's impact, and moves each
 * site to Confirmed or No impact where it may (site-status.ts). Audited, with the answer.
 */
export async function answerSurvey(ctx: AppContext, { actor, id, answer }: { actor: Actor; id: string; answer: SurveyAnswer }): Promise<CompanySurveyView> {
  if (!isUuid(id)) throw surveyNotFound();
  await ctx.store.db.transaction().execute(async (trx) => {
    const survey = await findCompanySurveyRow(trx, actor.organisationId, id);
    if (!survey) throw surveyNotFound();
    // The event's lock first, then the survey's: the order every writer of an event's surveys takes.
    const event = await lockEvent(trx, survey.nation, survey.event_id);
    if (!event) throw surveyNotFound();
    if (event.status !== 'open') throw new AppError('ACTION_NOT_ALLOWED_IN_STATE', { detail: 'The event is closed: the survey takes no more answers.' });
    await findCompanySurveyRow(trx, actor.organisationId, id, true);
    const startedAt = new Date(event.started_at).toISOString();
    const errors = checkAnswer(answer, survey.sites as SurveySiteRef[], startedAt);
    if (errors.length > 0) throw new AppError('VALIDATION_FAILED', { detail: 'The answer has invalid fields.', errors });
    const now = ctx.now();
    await setSurveyAnswer(trx, id, answer, actor.userId, now);
    const { history } = await loadEventFacts(trx, survey.nation, { id: survey.event_id, startedAt });
    const moves = answer.sites.flatMap((site) => {
      const from = currentStatus(history, site.networkId, site.nodeId);
      const to = statusFromAnswer(from, site.affected);
      return to ? [{ site, from, to }] : [];
    });
    await insertSiteStatusRows(
      trx,
      moves.map(({ site, to }) => ({ event_id: survey.event_id, network_id: site.networkId, node_id: site.nodeId, status: to, note: `${survey.short_name}'s answer`, set_by: actor.userId, set_at: now, survey_id: id })),
    );
    await auditAs(trx, actor, {
      action: survey.answer ? 'event.survey_reanswered' : 'event.survey_answered',
      entityType: 'event_survey',
      entityId: id,
      data: { eventId: survey.event_id, company: survey.short_name, answer, statuses: moves.map((m) => ({ nodeId: m.site.nodeId, from: m.from, to: m.to })) },
    });
  });
  const row = await findCompanySurveyRow(ctx.store.db, actor.organisationId, id);
  return toCompanySurveyView(row!);
}
