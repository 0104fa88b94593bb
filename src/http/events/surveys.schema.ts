import { z } from '@hono/zod-openapi';
import { itemList } from '../item-list.js';
import { EVENT_KINDS } from '../../domain/events/event-model.js';
import { SITE_STATUSES } from '../../domain/events/site-status.js';
import { SURVEY_ANSWER_SCHEMA } from '../../domain/events/survey-answer.js';
import { namedOrNull } from '../responses.js';

// --- What the survey and site-status routes take ------------------------------------------------

export const sendSurveysSchema = z
  .strictObject({
    companies: z.array(z.string().max(100)).min(1, 'name at least one company, or send no body to ask them all').max(500).optional().openapi({ description: 'Organisation ids; absent: every company not asked yet' }),
  })
  .openapi('SendEventSurveys');

export const setSiteStatusSchema = z
  .strictObject({
    networkId: z.string().uuid('must be a network id'),
    nodeId: z.string().min(1, 'must not be empty').max(200, 'at most 200 characters'),
    status: z.enum(['confirmed', 'noImpact', 'recovering', 'restored']),
    note: z.string().trim().max(2000, 'at most 2,000 characters').default(''),
  })
  .openapi('SetEventSiteStatus');

/** The domain's answer schema, named (wrapped: see events.schema.ts on `.openapi()` and domain schemas). */
export const answerSurveySchema = z.lazy(() => SURVEY_ANSWER_SCHEMA).openapi('AnswerEventSurvey');

// --- What they send ------------------------------------------------------------------------------

const siteRef = z.strictObject({ networkId: z.string(), nodeId: z.string(), part: z.string() });
const siteAnswer = z.strictObject({
  networkId: z.string(),
  nodeId: z.string(),
  affected: z.boolean(),
  stockUnits: z.number().optional(),
  expectedRecoveryOn: z.string().optional(),
  alternativeCapacityPerDay: z.number().optional(),
});
const answerView = z.strictObject({ sites: z.array(siteAnswer), comment: z.string() }).openapi('EventSurveyAnswer');
const company = z.strictObject({ id: z.string(), shortName: z.string(), name: z.string() });
const status = z.enum(SITE_STATUSES);

/** A survey's sites and its answer, alike to the officials who sent it and to the company that answers it. */
const surveyFields = {
  sites: z.array(siteRef),
  state: z.enum(['open', 'answered']),
  answeredAt: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answer: namedOrNull(answerView),
};

const eventSurveySchema = z
  .strictObject({
    id: z.string(),
    company,
    sentAt: z.string(),
    sentBy: z.string(),
    ...surveyFields,
  })
  .openapi('EventSurvey');

const eventSiteSchema = z
  .strictObject({
    networkId: z.string(),
    networkName: z.string(),
    nodeId: z.string(),
    part: z.string(),
    owner: z.string().nullable(),
    company: company.nullable(),
    unreachable: z.enum(['noLink', 'notACompanyOfTheNation']).nullable().openapi({ description: "Why no survey can go to the site's company: the node names no organisation, or none of the nation's companies" }),
    status,
    history: z.array(z.strictObject({ status, note: z.string(), setBy: z.string(), setAt: z.string(), via: z.enum(['answer', 'analyst']) })),
    actions: z.array(status).openapi({ description: 'The statuses the caller may move the site to now' }),
  })
  .openapi('EventSite');

export const eventSurveysSchema = z
  .strictObject({
    eventId: z.string(),
    sites: z.array(eventSiteSchema),
    surveys: z.array(eventSurveySchema),
    toAsk: z.array(company),
    actions: z.array(z.enum(['send'])),
  })
  .openapi('EventSurveys');

export const companySurveySchema = z
  .strictObject({
    id: z.string(),
    nation: z.string(),
    eventKind: z.enum(EVENT_KINDS),
    eventStartedAt: z.string(),
    eventOpen: z.boolean(),
    sentAt: z.string(),
    ...surveyFields,
    actions: z.array(z.enum(['answer'])),
  })
  .openapi('CompanySurvey');
export const companySurveyListSchema = itemList(companySurveySchema);

export type EventSurveysResponse = z.infer<typeof eventSurveysSchema>;
export type CompanySurveyResponse = z.infer<typeof companySurveySchema>;
