// Impact surveys and per-site status of disruption events (issue #15, "Ask the suppliers"): the
// nation's side on the event (/events/{id}/surveys, /events/{id}/sites/status) and the company's
// own desk (/surveys).
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { answerSurvey } from '../../services/events/answer-survey.js';
import { getCompanySurvey, listCompanySurveys } from '../../services/events/company-surveys.js';
import { EVENT_READERS, EVENT_WRITERS } from '../../services/events/event-access.js';
import { listEventSurveys } from '../../services/events/list-event-surveys.js';
import { sendSurveys } from '../../services/events/send-surveys.js';
import { setSiteStatus } from '../../services/events/set-site-status.js';
import { SURVEY_ANSWERERS } from '../../services/events/survey-access.js';
import type { HttpEnv } from '../http-env.js';
import { pathParams } from '../path-params.js';
import { jsonRequestBody } from '../request-body.js';
import { jsonResponse } from '../responses.js';
import { mount } from '../route.js';
import { jsonBody } from '../validation.js';
import { presentCompanySurvey, presentEventSurveys } from './surveys.presenter.js';
import { answerSurveySchema, companySurveyListSchema, companySurveySchema, eventSurveysSchema, sendSurveysSchema, setSiteStatusSchema } from './surveys.schema.js';

const tags = ['events'];
const eventParam = pathParams({ id: 'The event' });
const surveyParam = pathParams({ id: 'The survey' });

export function surveyRoutes(app: OpenAPIHono<HttpEnv>): void {
  mount(
    app,
    createRoute({ method: 'get', path: '/events/{id}/surveys', tags, summary: "An event's struck sites (company, status and its history) and the impact surveys sent with their answers", request: { params: eventParam }, responses: { 200: jsonResponse('Sites and surveys', eventSurveysSchema) } }),
    [...EVENT_READERS],
    async (c, user) => c.json(presentEventSurveys(await listEventSurveys(c.get('ctx'), { actor: user, eventId: c.req.param('id')! }))),
  );
  mount(
    app,
    createRoute({
      method: 'post',
      path: '/events/{id}/surveys',
      tags,
      summary: 'Send an impact survey to each company of the nation whose sites the event strikes and that has none yet (or to the companies named)',
      description: 'No body, or {} : every company not asked yet. 409 when there is nobody to ask.',
      request: { params: eventParam, ...jsonRequestBody(sendSurveysSchema, { required: false }) },
      responses: { 201: jsonResponse('Sites and surveys after sending', eventSurveysSchema) },
    }),
    [...EVENT_WRITERS],
    async (c, user) => {
      const body = (await c.req.raw.clone().text()) === '' ? {} : await jsonBody(c, sendSurveysSchema);
      return c.json(presentEventSurveys(await sendSurveys(c.get('ctx'), { actor: user, eventId: c.req.param('id')!, companies: body.companies })), 201);
    },
  );
  mount(
    app,
    createRoute({
      method: 'post',
      path: '/events/{id}/sites/status',
      tags,
      summary: "Move a struck site's status (Potential → Confirmed / No impact → Recovering → Restored), with a note",
      request: { params: eventParam, ...jsonRequestBody(setSiteStatusSchema) },
      responses: { 200: jsonResponse('Sites and surveys after the change', eventSurveysSchema) },
    }),
    [...EVENT_WRITERS],
    async (c, user) => {
      const body = await jsonBody(c, setSiteStatusSchema);
      return c.json(presentEventSurveys(await setSiteStatus(c.get('ctx'), { actor: user, eventId: c.req.param('id')!, ...body })));
    },
  );
  mount(
    app,
    createRoute({ method: 'get', path: '/surveys', tags, summary: "The impact surveys put to the caller's company, newest first", responses: { 200: jsonResponse('{ items }', companySurveyListSchema) } }),
    [...SURVEY_ANSWERERS],
    async (c, user) => c.json({ items: (await listCompanySurveys(c.get('ctx'), { actor: user })).map(presentCompanySurvey) }),
  );
  mount(
    app,
    createRoute({ method: 'get', path: '/surveys/{id}', tags, summary: "One impact survey of the caller's company", request: { params: surveyParam }, responses: { 200: jsonResponse('The survey', companySurveySchema) } }),
    [...SURVEY_ANSWERERS],
    async (c, user) => c.json(presentCompanySurvey(await getCompanySurvey(c.get('ctx'), { actor: user, id: c.req.param('id')! }))),
  );
  mount(
    app,
    createRoute({
      method: 'post',
      path: '/surveys/{id}/answer',
      tags,
      summary: 'Answer the survey for each of its sites: affected or not, stock on hand, expected recovery date, alternative capacity; a comment',
      description: 'Answering again replaces the answer while the event is open. Errors name the field: sites/1/expectedRecoveryOn.',
      request: { params: surveyParam, ...jsonRequestBody(answerSurveySchema) },
      responses: { 200: jsonResponse('The survey with its answer', companySurveySchema) },
    }),
    [...SURVEY_ANSWERERS],
    async (c, user) => {
      const body = await jsonBody(c, answerSurveySchema);
      return c.json(presentCompanySurvey(await answerSurvey(c.get('ctx'), { actor: user, id: c.req.param('id')!, answer: body })));
    },
  );
}
