// The web UI's client of /api/v1: an openapi-fetch client typed by the generated contract
// (./contract.ts). Sends the session cookie, echoes the sosa_csrf cookie as X-CSRF-Token on
// writes, and turns RFC 9457 problem documents into ApiError.
import createClient, { type Middleware } from 'openapi-fetch';
import type { Body, paths, Query, Schema } from './contract.js';
import type { NewUser, OrderPriority, RequestFilters, User } from './types.js';

import { humanFieldMessage } from '../field-messages.js';

const BASE = '/api/v1';

/** An RFC 9457 problem document, as the server sends it. */
export type Problem = Schema<'Problem'>;
export type FieldError = NonNullable<Problem['errors']>[number];
/** A problem the UI may also make itself (no answer, or a check before sending): any member may lack. */
type ProblemLike = Partial<Problem>;

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[];
  /** The whole problem document, with its extension members (e.g. earliestDeliveryDate). */
  readonly problem: ProblemLike & Record<string, unknown>;

  constructor(status: number, problem: ProblemLike) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.title = problem.title ?? `Request failed (${status})`;
    this.detail = problem.detail;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.problem = problem as ProblemLike & Record<string, unknown>;
  }

  /** Field errors keyed by field path ("items/0/quantity"); a field with several keeps the first. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors) if (e.field && !(e.field in out)) out[normaliseField(e.field)] = humanFieldMessage(normaliseField(e.field), e.message);
    return out;
  }
}

/** Accepts "items/0/quantity", "/items/0/quantity" or "items.0.quantity" and returns "items/0/quantity". */
export function normaliseField(field: string): string {
  return field.replace(/^\/+/, '').replace(/\./g, '/');
}

let onUnauthorized: (() => void) | null = null;
/** Called when a request other than login answers 401 (the session has ended). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

const session: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET') {
      const csrf = readCookie('sosa_csrf');
      if (csrf) request.headers.set('X-CSRF-Token', csrf);
    }
    return request;
  },
  onResponse({ response, schemaPath }) {
    if (response.status === 401 && schemaPath !== '/session' && schemaPath !== '/session/second-factor' && onUnauthorized) onUnauthorized();
    return undefined;
  },
};

/** The typed client: each call's path, parameters, body and answer are checked against the contract. */
export const client = createClient<paths>({ baseUrl: BASE, credentials: 'same-origin', headers: { Accept: 'application/json' } });
client.use(session);

type Result<D> = { data?: D; error?: unknown; response: Response };

/** The answer of a call through `client`, or an ApiError carrying the problem document. */
export async function call<D>(pending: Promise<Result<D>>): Promise<D> {
  let result: Result<D>;
  try {
    result = await pending;
  } catch {
    throw new ApiError(0, { title: 'Network error', detail: 'The server could not be reached. Check your connection and try again.' });
  }
  const { response } = result;
  if (!response.ok) {
    const problem: ProblemLike = result.error && typeof result.error === 'object' ? (result.error as ProblemLike) : { title: response.statusText };
    throw new ApiError(response.status, problem);
  }
  return result.data as D;
}

/** Query parameters as the UI sends them: no empty text, unticked box or unset value. */
export function query<Q extends Record<string, unknown>>(params: Q): Q {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === '' || v === false) continue;
    out[k] = v;
  }
  return out as Q;
}

export const api = {
  /** A session ({ user, … }), or, for an account with a second factor, the challenge of the code step. */
  login: (username: string, password: string) => call(client.POST('/session', { body: { username, password } })),
  loginSecondFactor: (challenge: string, code: string) => call(client.POST('/session/second-factor', { body: { challenge, code } })),
  loginPasskey: (challenge: string, passkey: Body<'postSessionSecondFactor'>['passkey']) => call(client.POST('/session/second-factor', { body: { challenge, passkey } })),
  passkeyOptions: () => call(client.POST('/me/second-factor/passkeys/options')),
  registerPasskey: (body: Body<'postMeSecondFactorPasskeys'>) => call(client.POST('/me/second-factor/passkeys', { body })),
  removePasskey: (id: string, password: string) => call(client.POST('/me/second-factor/passkeys/{id}/remove', { params: { path: { id } }, body: { password } })),
  removeTotp: (password: string) => call(client.POST('/me/second-factor/totp/remove', { body: { password } })),
  resetSecondFactor: (userId: string) => call(client.DELETE('/users/{id}/second-factor', { params: { path: { id: userId } } })),
  setSecondFactorRequired: (organisationId: string, required: boolean) => call(client.PUT('/organisations/{id}/second-factor-required', { params: { path: { id: organisationId } }, body: { required } })),
  secondFactorStatus: () => call(client.GET('/me/second-factor')),
  startTotpEnrolment: () => call(client.POST('/me/second-factor/totp')),
  confirmTotpEnrolment: (code: string) => call(client.POST('/me/second-factor/totp/confirm', { body: { code } })),
  logout: () => call(client.DELETE('/session')),
  /** Who is signed in (null: nobody); answers 200 either way, so the sign-in page logs no 401. */
  // The document states the null user as `SessionUser & (Record<string, never> | null)`, which reads as never null.
  session: () => call(client.GET('/session')) as Promise<{ user: User | null }>,
  me: () => call(client.GET('/me')),
  /** The organisations' single sign-on providers: a "Sign in with …" button each. */
  signInProviders: () => call(client.GET('/session/oidc')),
  reference: () => call(client.GET('/reference')),

  listRequests: (f: RequestFilters) =>
    call(client.GET('/requests', { params: { query: query({ state: f.state, urgency: (f.urgency || undefined) as Query<'getRequests'>['urgency'], direction: f.direction || undefined, q: f.q, overdue: f.overdue ? ('true' as const) : undefined, queue: f.queue, limit: f.limit, offset: f.offset }) } })),
  getRequest: (id: string) => call(client.GET('/requests/{id}', { params: { path: { id } } })),
  /** Only whether each partner instance has the request's latest change (what getRequest says in partnerDelivery). */
  getRequestDelivery: (id: string) => call(client.GET('/requests/{id}/delivery', { params: { path: { id } } })),
  createRequest: (body: Body<'postRequests'>) => call(client.POST('/requests', { body })),
  transition: (id: string, action: string, fields: Record<string, unknown>) =>
    call(client.POST('/requests/{id}/transitions', { params: { path: { id } }, body: { ...fields, action } as Body<'postRequestsByIdTransitions'> })),
  addComment: (id: string, body: string, visibility: 'shared' | 'internal') =>
    call(client.POST('/requests/{id}/comments', { params: { path: { id } }, body: { body, visibility } })),
  uploadAttachment: (id: string, file: File, visibility: 'shared' | 'internal') => {
    const form = new FormData();
    form.set('file', file);
    form.set('visibility', visibility);
    // A multipart form, which the document does not describe as a body; the browser sets the boundary.
    return call(client.POST('/requests/{id}/attachments', { params: { path: { id } }, body: form as never }));
  },
  attachmentUrl: (id: string, attachmentId: string) =>
    `${BASE}/requests/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachmentId)}`,

  listUsers: () => call(client.GET('/users')),
  createUser: (body: NewUser) => call(client.POST('/users', { body })),
  updateUser: (id: string, body: Body<'patchUsersById'>) => call(client.PATCH('/users/{id}', { params: { path: { id } }, body })),
  listOrganisations: () => call(client.GET('/organisations')),

  listResources: () => call(client.GET('/resources')),
  createResource: (body: Body<'postResources'>) => call(client.POST('/resources', { body })),
  importOrderBook: (csv: string) => call(client.POST('/rated-orders/import', { body: { csv } })),
  listRatedOrders: (f: { priority?: OrderPriority | ''; late?: boolean }) =>
    call(client.GET('/rated-orders', { params: { query: query({ priority: f.priority || undefined, late: f.late ? ('true' as const) : undefined }) } })),
  mySchedule: () => call(client.GET('/schedules/mine')),

  calendar: (nation: string, year: number) =>
    call(client.GET('/calendars/{nation}', { params: { path: { nation }, query: { year } } })),
  addHoliday: (nation: string, date: string, name: string) =>
    call(client.POST('/calendars/{nation}/holidays', { params: { path: { nation } }, body: { date, name } })),
  removeHoliday: (nation: string, date: string) =>
    call(client.DELETE('/calendars/{nation}/holidays/{date}', { params: { path: { nation, date } } })),
};
