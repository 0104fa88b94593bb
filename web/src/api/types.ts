// Types of the SOSA Desk HTTP API (/api/v1), as the server presents them: named aliases of the
// generated contract (./contract.ts).
import type { api } from './client.js';
import type { Answer, Body, Query, Schema } from './contract.js';

type ReferenceData = Schema<'Reference'>;
type Request = Schema<'RequestDetail'>;

export type Urgency = ReferenceData['urgencies'][number];
export type Visibility = Request['comments'][number]['visibility'];
export type Tone = 'primary' | 'neutral' | 'danger';

export type User = Schema<'SessionUser'>;
export type Organisation = User['organisation'];

export type Nation = ReferenceData['nations'][number];
export type Arrangement = ReferenceData['arrangements'][number];
export type Direction = Arrangement['directions'][number];
export type Program = ReferenceData['programs'][number];
export type Company = ReferenceData['companies'][number];
export type Workflow = ReferenceData['workflows'][string];
export type WorkflowState = Workflow['states'][number];
export type StepFieldLabel = Workflow['steps'][string]['fields'][number];
export type Reference = ReferenceData;

export type RequestSummary = Answer<'getRequests'>['items'][number];
export type NextDeadline = NonNullable<RequestSummary['nextDeadline']>;
export type RequestDetail = Request;
export type ActionSpec = Request['actions'][number];
export type FieldSpec = ActionSpec['fields'][number];
export type FieldType = FieldSpec['type'];
export type LineItem = Request['items'][number];
export type Deadline = Request['deadlines'][number];
export type DeadlineBasis = Deadline['basis'];
export type HistoryEvent = Request['history'][number];
export type Actor = HistoryEvent['actor'];
export type Comment = Request['comments'][number];
export type Attachment = Request['attachments'][number];
export type Assignment = Request['assignments'][number];

/** The answer of a step: the request after it, or { accessEnded } when the step closed the caller's line. */
export type TransitionResult = Awaited<ReturnType<typeof api.transition>>;

export type NewRequest = Body<'postRequests'>;
export type NewLineItem = NewRequest['items'][number];

/** The filters of the requests list, as the page holds them ('' and false: not set). */
export type RequestFilters = Omit<Query<'getRequests'>, 'urgency' | 'direction' | 'overdue'> & { urgency?: string; direction?: Query<'getRequests'>['direction'] | ''; overdue?: boolean };

export type OrderPriority = Schema<'DeskOrder'>['priority'];
export type ProductionResource = Schema<'ProductionResource'>;

export type CompanySchedule = Answer<'getSchedulesMine'>;
export type BookOrder = CompanySchedule['orders'][number];
export type OrderDelay = NonNullable<BookOrder['delay']>;
export type UnscheduledOrder = CompanySchedule['unscheduled'][number];
export type BookConflict = CompanySchedule['conflicts'][number];

/** GET /users: a user as the admin sees them. */
export type AdminUser = Schema<'User'>;

/** GET /organisations. */
export type OrganisationDetail = Schema<'Organisation'>;

/** POST /users: its body is declared. */
export type NewUser = Body<'postUsers'>;

/** GET /calendars/{nation}. */
export type Calendar = Schema<'Calendar'>;
export type Holiday = Calendar['holidays'][number];
