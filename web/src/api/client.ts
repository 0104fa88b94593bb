// Typed fetch client for /api/v1. Sends the session cookie, echoes the sosa_csrf cookie as
// X-CSRF-Token on writes, and turns RFC 9457 problem documents into ApiError.
import type {
  AdminUser,
  BookOrder,
  Calendar,
  CompanySchedule,
  NewRequest,
  NewUser,
  OrderPriority,
  OrganisationDetail,
  ProductionResource,
  Reference,
  RequestDetail,
  RequestFilters,
  RequestSummary,
  User,
} from './types.js';

import { humanFieldMessage } from '../field-messages.js';

const BASE = '/api/v1';

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[];
  /** The whole problem document, with its extension members (e.g. earliestDeliveryDate). */
  readonly problem: Problem & Record<string, unknown>;

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.title = problem.title ?? `Request failed (${status})`;
    this.detail = problem.detail;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.problem = problem as Problem & Record<string, unknown>;
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

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body; // the browser sets the multipart boundary
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET') {
    const csrf = readCookie('sosa_csrf');
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(BASE + path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { title: 'Network error', detail: 'The server could not be reached. Check your connection and try again.' });
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  const data: unknown = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    if (response.status === 401 && path !== '/session' && onUnauthorized) onUnauthorized();
    const problem: Problem = data && typeof data === 'object' ? (data as Problem) : { title: response.statusText };
    throw new ApiError(response.status, problem);
  }
  return data as T;
}

export function query(params: Record<string, string | number | boolean | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === '' || v === false) continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const api = {
  login: (username: string, password: string) =>
    request<{ token: string; csrfToken: string; user: User }>('POST', '/session', { username, password }),
  logout: () => request<void>('DELETE', '/session'),
  /** Who is signed in (null: nobody); answers 200 either way, so the sign-in page logs no 401. */
  session: () => request<{ user: User | null }>('GET', '/session'),
  me: async () => {
    const data = await request<User | { user: User }>('GET', '/me');
    return 'user' in data ? data.user : data;
  },
  reference: () => request<Reference>('GET', '/reference'),

  listRequests: (f: RequestFilters) =>
    request<{ items: RequestSummary[]; total: number }>(
      'GET',
      `/requests${query({ state: f.state, urgency: f.urgency, direction: f.direction, q: f.q, overdue: f.overdue ? 'true' : undefined, queue: f.queue, limit: f.limit, offset: f.offset })}`,
    ),
  getRequest: (id: string) => request<RequestDetail>('GET', `/requests/${encodeURIComponent(id)}`),
  createRequest: (body: NewRequest) => request<RequestDetail>('POST', '/requests', body),
  transition: (id: string, action: string, fields: Record<string, unknown>) =>
    request<RequestDetail>('POST', `/requests/${encodeURIComponent(id)}/transitions`, { ...fields, action }),
  addComment: (id: string, body: string, visibility: 'shared' | 'internal') =>
    request<unknown>('POST', `/requests/${encodeURIComponent(id)}/comments`, { body, visibility }),
  uploadAttachment: (id: string, file: File, visibility: 'shared' | 'internal') => {
    const form = new FormData();
    form.set('file', file);
    form.set('visibility', visibility);
    return request<unknown>('POST', `/requests/${encodeURIComponent(id)}/attachments`, form);
  },
  attachmentUrl: (id: string, attachmentId: string) =>
    `${BASE}/requests/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachmentId)}`,

  listUsers: () => request<{ items: AdminUser[] }>('GET', '/users'),
  createUser: (body: NewUser) => request<{ id: string }>('POST', '/users', body),
  updateUser: (id: string, body: { active?: boolean; roles?: string[] }) =>
    request<{ id: string }>('PATCH', `/users/${encodeURIComponent(id)}`, body),
  listOrganisations: () => request<{ items: OrganisationDetail[] }>('GET', '/organisations'),

  listResources: () => request<{ items: ProductionResource[] }>('GET', '/resources'),
  createResource: (body: { name: string; capacityPerDay: number }) => request<ProductionResource>('POST', '/resources', body),
  importOrderBook: (csv: string) => request<{ imported: number; orders: Array<{ id: string; orderNumber: string }> }>('POST', '/rated-orders/import', { csv }),
  listRatedOrders: (f: { priority?: OrderPriority | ''; late?: boolean }) =>
    request<{ items: BookOrder[] }>('GET', `/rated-orders${query({ priority: f.priority, late: f.late ? 'true' : undefined })}`),
  mySchedule: () => request<CompanySchedule>('GET', '/schedules/mine'),

  calendar: (nation: string, year: number) =>
    request<Calendar>('GET', `/calendars/${encodeURIComponent(nation)}${query({ year })}`),
  addHoliday: (nation: string, date: string, name: string) =>
    request<unknown>('POST', `/calendars/${encodeURIComponent(nation)}/holidays`, { date, name }),
  removeHoliday: (nation: string, date: string) =>
    request<void>('DELETE', `/calendars/${encodeURIComponent(nation)}/holidays/${encodeURIComponent(date)}`),
};
