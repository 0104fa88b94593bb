// Special Priorities Assistance (15 CFR 700.50–700.55, Form BIS-999): API calls and types.
import { SPA_ACTION_WORDS, SPA_STATUS_WORDS } from '../../../src/contract/words.js';
import { call, client, query } from './client.js';
import type { Answer, Body, Schema } from './contract.js';

export const SPA_STATUSES = ['draft', 'submitted', 'under_review', 'forwarded_to_commerce', 'resolved', 'denied', 'withdrawn'] as const;
export type SpaStatus = (typeof SPA_STATUSES)[number];

export const SPA_STATUS_LABEL: Readonly<Record<SpaStatus, string>> = SPA_STATUS_WORDS;

export const SPA_ACTION_LABEL: Readonly<Record<SpaAction, string>> = { ...SPA_ACTION_WORDS, submit: 'Submit to the SOSA office / DoD' };

/** Steps that need a note giving the reasons. */
export const SPA_NOTE_REQUIRED: readonly SpaAction[] = ['forward_to_commerce', 'resolve', 'deny'];

export type SpaDetail = Schema<'SpaRequest'>;
export type SpaAction = SpaDetail['actions'][number];
export type SpaListItem = Answer<'getSpaRequests'>['items'][number];
export type NewSpaRequest = Body<'postSpaRequests'>;
export type SpaOrderInput = NewSpaRequest['orders'][number];
export type SpaTransition = Body<'postSpaRequestsByIdTransitions'>;

export const spaApi = {
  list: (status?: SpaStatus | '') => call(client.GET('/spa-requests', { params: { query: query({ status: status || undefined }) } })),
  get: (id: string) => call(client.GET('/spa-requests/{id}', { params: { path: { id } } })),
  create: (body: NewSpaRequest) => call(client.POST('/spa-requests', { body })),
  transition: (id: string, body: SpaTransition) => call(client.POST('/spa-requests/{id}/transitions', { params: { path: { id } }, body })),
};
