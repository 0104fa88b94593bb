// Impact surveys and per-site status of disruption events (issue #15, "Ask the suppliers"): the
// nation's side on the event (/events/{id}/surveys, /events/{id}/sites/status) and the company's
// own desk (/surveys).
import type { OpenAPIHono } from '@hono/zod-openapi';
import { answerSurvey } from '../../services/events/answer-survey.js';
import { getCompanySurvey, listCompanySurveys } from '../../services/events/company-surveys.js';
import { EVENT_READERS, EVENT_WRITERS } from '../../services/events/event-access.js';
import { listEventSurveys } from '../../services/events/list-event-surveys.js';
import { sendSurveys } from '../../services/events/send-surveys.js';
import { setSiteStatus } from '../../services/events/set-site-status.js';
import { SURVEY_ANSWERERS } from '../../services/events/survey-access.js';
import type { HttpEnv } from '../http-env.js';
import { declareRoutes } from '../declare-route.js';
import { pathParams } from '../path-params.js';
import { jsonBody } from '../validation.js';
import { presentCompanySurvey, presentEventSurveys } from './surveys.presenter.js';
import { answerSurveySchema, companySurveyListSchema, companySurveySchema, eventSurveysSchema, sendSurveysSchema, setSiteStatusSchema } from './surveys.schema.js';

const tags = ['events'];
const eventParam = pathParams({ id: 'The event' });
const surveyParam = pathParams({ id: 'The survey' });

export function surveyRoutes(app: OpenAPIHono<HttpEnv>): void {
  const route = declareRoutes(app, tags);
  route({ method: 'get', path: '/events/{id}/surveys', access: [...EVENT_READERS], summary: "An event's struck sites (company, status and its history) and the impact surveys sent with their answers", params: eventParam, ok: [200, 'Sites and surveys', eventSurveysSchema] }, async (c, user) => c.json(presentEventSurveys(await listEventSurveys(c.get('ctx'), { actor: user, eventId: c.req.param('id')! }))));
  route({
    method: 'post', path: '/events/{id}/surveys', access: [...EVENT_WRITERS],
    summary: 'Send an impact survey to each company of the nation whose sites the event strikes and that has none yet (or to the companies named)',
    description: 'No body, or {} : every company not asked yet. 409 when there is nobody to ask.',
    params: eventParam, optionalBody: sendSurveysSchema, ok: [201, 'Sites and surveys after sending', eventSurveysSchema],
  }, async (c, user) => {
    const body = (await c.req.raw.clone().text()) === '' ? {} : await jsonBody(c, sendSurveysSchema);
    return c.json(presentEventSurveys(await sendSurveys(c.get('ctx'), { actor: user, eventId: c.req.param('id')!, companies: body.companies })), 201);
  });
  route({
    method: 'post', path: '/events/{id}/sites/status', access: [...EVENT_WRITERS],
    summary: "Move a struck site's status (Potential → Confirmed / No impact → Recovering → Restored), with a note",
    params: eventParam, body: setSiteStatusSchema, ok: [200, 'Sites and surveys after the change', eventSurveysSchema],
  }, async (c, user) => {
    const body = await jsonBody(c, setSiteStatusSchema);
    return c.json(presentEventSurveys(await setSiteStatus(c.get('ctx'), { actor: user, eventId: c.req.param('id')!, ...body })));
  });
  route({ method: 'get', path: '/surveys', access: [...SURVEY_ANSWERERS], summary: "The impact surveys put to the caller's company, newest first", ok: [200, '{ items }', companySurveyListSchema] }, async (c, user) => c.json({ items: (await listCompanySurveys(c.get('ctx'), { actor: user })).map(presentCompanySurvey) }));
  route({ method: 'get', path: '/surveys/{id}', access: [...SURVEY_ANSWERERS], summary: "One impact survey of the caller's company", params: surveyParam, ok: [200, 'The survey', companySurveySchema] }, async (c, user) => c.json(presentCompanySurvey(await getCompanySurvey(c.get('ctx'), { actor: user, id: c.req.param('id')! }))));
  route({
    method: 'post', path: '/surveys/{id}/answer', access: [...SURVEY_ANSWERERS],
    summary: 'Answer the survey for each of its sites: affected or not, stock on hand, expected recovery date, alternative capacity; a comment',
    description: 'Answering again replaces the answer while the event is open. Errors name the field: sites/1/expectedRecoveryOn.',
    params: surveyParam, body: answerSurveySchema, ok: [200, 'The survey with its answer', companySurveySchema],
  }, async (c, user) => {
    const body = await jsonBody(c, answerSurveySchema);
    return c.json(presentCompanySurvey(await answerSurvey(c.get('ctx'), { actor: user, id: c.req.param('id')!, answer: body })));
  });
}
