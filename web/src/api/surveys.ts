// Impact surveys and site status of disruption events (issue #15): API calls and their types.
import { call, client } from './client.js';
import type { Schema } from './contract.js';

export type EventSurveys = Schema<'EventSurveys'>;
export type EventSite = Schema<'EventSite'>;
export type EventSurvey = Schema<'EventSurvey'>;
export type CompanySurvey = Schema<'CompanySurvey'>;
export type SurveyAnswerBody = Schema<'AnswerEventSurvey'>;
export type SiteAssumption = Schema<'EventSiteAssumption'>;
export type SiteStatus = EventSite['status'];
export type SettableStatus = Schema<'SetEventSiteStatus'>['status'];

export const SITE_STATUS_LABELS: Record<SiteStatus, string> = { potential: 'Potential', confirmed: 'Confirmed', noImpact: 'No impact', recovering: 'Recovering', restored: 'Restored' };

export const surveysApi = {
  ofEvent: (id: string) => call(client.GET('/events/{id}/surveys', { params: { path: { id } } })),
  send: (id: string) => call(client.POST('/events/{id}/surveys', { params: { path: { id } }, body: {} })),
  setStatus: (id: string, body: Schema<'SetEventSiteStatus'>) => call(client.POST('/events/{id}/sites/status', { params: { path: { id } }, body })),
  mine: () => call(client.GET('/surveys')),
  get: (id: string) => call(client.GET('/surveys/{id}', { params: { path: { id } } })),
  answer: (id: string, body: SurveyAnswerBody) => call(client.POST('/surveys/{id}/answer', { params: { path: { id } }, body })),
};
