// Types of the SOSA Desk HTTP API (/api/v1), as the server presents them.

export type Urgency = 'routine' | 'emergency' | 'armed_conflict';
export type Visibility = 'shared' | 'internal';
export type Tone = 'primary' | 'neutral' | 'danger';

export interface Organisation {
  id: string;
  name: string;
  kind: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  nation: string;
  organisation: Organisation;
  roles: string[];
}

export interface AdminUser extends User {
  active: boolean;
}

export interface OrganisationDetail {
  id: string;
  name: string;
  shortName: string;
  kind: string;
  nation: string;
  codeOfConductSince: string | null;
}

export interface Nation {
  code: string;
  name: string;
}

export interface Direction {
  fromNation: string;
  toNation: string;
  workflowId: string;
}

export interface Arrangement {
  id: string;
  name: string;
  nationA: string;
  nationB: string;
  signed: string;
  directions: Direction[];
}

export interface Program {
  id: string;
  name: string;
  nation: string;
}

export interface Company {
  id: string;
  name: string;
  shortName: string;
  nation: string;
  codeOfConductSince: string | null;
}

export interface WorkflowState {
  id: string;
  label: string;
  terminal: boolean;
  waitingOn?: string;
}

export interface StepFieldLabel {
  name: string;
  label: string;
  type: FieldType;
  optionLabels?: Record<string, string>;
}

export interface Workflow {
  id: string;
  name: string;
  states: WorkflowState[];
  /** Each step's label and fields, for reading the history in words. */
  steps?: Record<string, { label: string; fields: StepFieldLabel[] }>;
}

export interface Reference {
  nations: Nation[];
  arrangements: Arrangement[];
  programs: Program[];
  companies: Company[];
  urgencies: Urgency[];
  classifications: string[];
  workflows: Record<string, Workflow>;
}

export interface NextDeadline {
  kind: string;
  label: string;
  dueAt: string;
  overdue: boolean;
}

export interface RequestSummary {
  id: string;
  reference: string;
  title: string;
  fromNation: string;
  toNation: string;
  state: string;
  stateLabel: string;
  urgency: Urgency;
  programId: string;
  requiredBy: string;
  createdAt: string;
  updatedAt: string;
  waitingOn: string | null;
  /** The request waits on the caller: a step forward is theirs (escapes such as withdraw do not count). */
  waitingOnYou?: boolean;
  nextDeadline: NextDeadline | null;
  actions: string[];
}

export type FieldType = 'text' | 'date' | 'enum' | 'rating' | 'company' | 'companies' | 'integer' | 'boolean' | 'line_items';

export interface FieldSpec {
  name: string;
  label: string;
  type: FieldType;
  required?: boolean;
  requiredWhen?: { field: string; in: string[] };
  options?: string[];
  /** Words for the options ("cannot_meet_date" → "Cannot meet the required delivery date …"). */
  optionLabels?: Record<string, string>;
  min?: number;
  max?: number;
  maxLength?: number;
  help?: string;
  /** The value the form starts from, taken from the request (its program, its line items). */
  default?: unknown;
}

export interface ActionSpec {
  action: string;
  label: string;
  tone: Tone;
  rule?: string;
  /** internal: the step stays within the acting nation. */
  visibility?: 'shared' | 'internal';
  /** The step is the work the request waits on; false for escapes and side steps (withdraw, deny, return). */
  pending?: boolean;
  /** The earlier step's field this step answers (the question of a return for information). */
  answers?: { action: string; field: string };
  fields: FieldSpec[];
}

export interface LineItem {
  lineNo: number;
  partNumber: string;
  nsn: string | null;
  description: string;
  quantity: number;
  unit: string;
  requiredDeliveryDate: string;
}

export interface DeadlineBasis {
  rule?: string;
  policy?: string;
  timeZone?: string;
  citation?: string;
  [key: string]: unknown;
}

export interface Deadline {
  id: string;
  kind: string;
  label: string;
  nation: string;
  startedAt: string;
  dueAt: string;
  workingDays: number | null;
  hours: number | null;
  basis: DeadlineBasis;
  stoppedAt: string | null;
  stoppedBy: string | null;
  overdueAt: string | null;
  escalated: boolean;
  /** Counted through a year whose holiday list is not loaded; null when final. */
  provisional?: { nation: string; years: number[]; reason: string } | null;
}

export interface Actor {
  username: string;
  displayName: string;
  nation: string;
}

export interface HistoryEvent {
  id: string;
  at: string;
  actor: Actor;
  action: string;
  actionLabel: string;
  fromState: string | null;
  toState: string;
  toStateLabel: string;
  fields: Record<string, unknown>;
  visibility: Visibility;
}

export interface Comment {
  id: string;
  author: Actor;
  nation: string;
  visibility: Visibility;
  body: string;
  createdAt: string;
}

export interface Attachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  visibility: Visibility;
  createdAt: string;
}

export interface Assignment {
  organisation: { id: string; name: string };
  status: string;
  details: Record<string, unknown> | null;
}

export interface RequestDetail extends Omit<RequestSummary, 'actions'> {
  arrangementId: string;
  workflowId: string;
  justification: string;
  classification: string;
  fields: Record<string, unknown>;
  /** The name of the program the request cites (null on older servers). */
  programName?: string | null;
  supplier: { id: string; name: string } | null;
  assignments: Assignment[];
  items: LineItem[];
  deadlines: Deadline[];
  history: HistoryEvent[];
  comments: Comment[];
  attachments: Attachment[];
  actions: ActionSpec[];
  /** Names of companies the visible history refers to by id. */
  organisationNames?: Record<string, string>;
  version: number;
}

export interface NewLineItem {
  partNumber: string;
  nsn?: string;
  description: string;
  quantity: number;
  unit: string;
  requiredDeliveryDate: string;
}

export interface NewRequest {
  toNation: string;
  title: string;
  programId: string;
  justification: string;
  urgency: Urgency;
  classification: string;
  requiredBy: string;
  items: NewLineItem[];
}

export interface RequestFilters {
  state?: string;
  urgency?: string;
  direction?: 'incoming' | 'outgoing' | '';
  q?: string;
  overdue?: boolean;
  queue?: 'mine';
  limit?: number;
  offset?: number;
}

export interface Holiday {
  date: string;
  name: string;
  source: 'library' | 'added' | 'removed';
}

export interface Calendar {
  nation: string;
  timeZone: string;
  weekend: number[];
  closeOfBusiness: string;
  holidays: Holiday[];
  /** The nation enters its holidays by hand (no library computes them). */
  keepsHolidaysByHand: boolean;
  /** Years from this one on, up to the last a running deadline reaches, with no holiday entered. */
  missingYears: number[];
  /** Running deadlines counted through a missing year. */
  provisionalDeadlines: number;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  organisationId: string;
  roles: string[];
}

export type OrderPriority = 'DX' | 'DO' | 'unrated';

export interface ProductionResource {
  id: string;
  name: string;
  capacityPerDay: number;
}

export interface OrderDelay {
  text: string;
  displacedBy: string[];
  aheadByPrecedence: string[];
  rules: readonly string[];
  notifyCustomer: boolean;
}

export interface BookOrder {
  id: string;
  orderNumber: string;
  customer: string;
  rating: string | null;
  priority: OrderPriority;
  resource: { id: string; name: string };
  quantity: number;
  requiredDeliveryDate: string;
  receivedDate: string;
  accepted: boolean;
  requestId: string | null;
  /** The first day the line works on it, as the preferential schedule plans it from today. */
  plannedStartDate: string;
  projectedCompletionDate: string;
  daysLate: number;
  delay: OrderDelay | null;
}

export interface UnscheduledOrder {
  id: string;
  orderNumber: string;
  customer: string;
  rating: string | null;
  priority: OrderPriority;
  resource: { id: string; name: string } | null;
  quantity: number;
  requiredDeliveryDate: string;
  requestId: string | null;
  reason: 'no_line' | 'out_of_range';
  message: string;
}

export interface BookConflict {
  resource: string;
  priority: 'DO' | 'DX';
  precedence: string[];
  delayed: string[];
  rules: string[];
  suggestion: string;
}

export interface CompanySchedule {
  today: string;
  calendar: { nation: string; timeZone: string };
  orders: BookOrder[];
  conflicts: BookConflict[];
  unscheduled: UnscheduledOrder[];
}
