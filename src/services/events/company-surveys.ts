import type { Actor } from '../../domain/access/actor.js';
import { findCompanySurveyRow, listCompanySurveyRows } from '../../store/event-surveys.repository.js';
import type { AppContext } from '../context.js';
import { surveyNotFound } from './survey-access.js';
import { toCompanySurveyView, type CompanySurveyView } from './survey-view.js';
import { isUuid } from '../../domain/uuid.js';

/** The surveys put to the actor's company, newest first (its own only). */
export async function listCompanySurveys(ctx: AppContext, { actor }: { actor: Actor }): Promise<CompanySurveyView[]> {
  return (await listCompanySurveyRows(ctx.store.db, actor.organisationId)).map(toCompanySurveyView);
}

/** One survey of the actor's company; another company's or nation's, or a missing one: 404 alike. */
export async function getCompanySurvey(ctx: AppContext, { actor, id }: { actor: Actor; id: string }): Promise<CompanySurveyView> {
  if (!isUuid(id)) throw surveyNotFound();
  const row = await findCompanySurveyRow(ctx.store.db, actor.organisationId, id);
  if (!row) throw surveyNotFound();
  return toCompanySurveyView(row);
}
