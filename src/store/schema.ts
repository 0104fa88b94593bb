import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = Record<string, unknown>> = ColumnType<T, string, string>;

export interface NationsTable {
  code: string;
  name: string;
}

export interface CalendarsTable {
  nation: string;
  time_zone: string;
  weekend: number[];
  close_of_business: string | null;
  library_country: string | null;
  library_types: string[];
  updated_at: Timestamp;
}

export interface CalendarHolidaysTable {
  nation: string;
  date: string;
  kind: 'added' | 'removed';
  name: string;
  created_at: Timestamp;
}

export interface WorkflowsTable {
  id: string;
  definition: Json<unknown>;
  updated_at: Timestamp;
}

export interface ArrangementsTable {
  id: string;
  name: string;
  nation_a: string;
  nation_b: string;
  signed: string | null;
  signed_on: string | null;
  notes: string;
}

export interface ArrangementDirectionsTable {
  arrangement_id: string;
  from_nation: string;
  to_nation: string;
  workflow_id: string;
}

export interface OrganisationsTable {
  id: string;
  nation: string;
  kind: 'ministry' | 'agency' | 'company';
  name: string;
  short_name: string;
  code_of_conduct_since: string | null;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  nation: string;
  organisation_id: string;
  roles: string[];
  active: Generated<boolean>;
  created_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface ProgramsTable {
  id: string;
  nation: string;
  name: string;
  description: string;
  dpas_program_symbol: string | null;
}

export interface RequestsTable {
  id: string;
  reference: string;
  arrangement_id: string;
  from_nation: string;
  to_nation: string;
  workflow_id: string;
  state: string;
  urgency: string;
  title: string;
  program_id: string;
  justification: string;
  classification: string;
  required_by: string;
  fields: Json;
  supplier_organisation_id: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface RequestItemsTable {
  request_id: string;
  line_no: number;
  part_number: string;
  nsn: string | null;
  description: string;
  quantity: number;
  unit: string;
  required_delivery_date: string;
}

export interface RequestAssignmentsTable {
  request_id: string;
  organisation_id: string;
  status: string;
  details: Json;
  created_at: Timestamp;
  decided_at: Timestamp | null;
}

export interface RequestEventsTable {
  id: Generated<number>;
  request_id: string;
  at: Timestamp;
  actor_id: string;
  actor_nation: string;
  action: string;
  from_state: string | null;
  to_state: string;
  fields: Json;
  visibility: 'shared' | 'internal';
}

export interface CommentsTable {
  id: string;
  request_id: string;
  author_id: string;
  nation: string;
  visibility: 'shared' | 'internal';
  body: string;
  created_at: Timestamp;
}

export interface AttachmentsTable {
  id: string;
  request_id: string;
  uploaded_by: string;
  nation: string;
  visibility: 'shared' | 'internal';
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  created_at: Timestamp;
}

export interface DeadlinesTable {
  id: string;
  request_id: string;
  kind: string;
  label: string;
  nation: string;
  started_at: Timestamp;
  due_at: Timestamp;
  working_days: number | null;
  hours: number | null;
  basis: Json;
  stopped_at: Timestamp | null;
  stopped_by: string | null;
  overdue_at: Timestamp | null;
}

export interface EscalationsTable {
  deadline_id: string;
  request_id: string;
  escalated_at: Timestamp;
  escalated_to: string;
}

export interface AuditEventsTable {
  seq: number;
  at: Timestamp;
  actor_id: string | null;
  actor: string;
  nation: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  data: Json;
  prev_hash: string;
  hash: string;
}

export interface ProductionResourcesTable {
  id: string;
  organisation_id: string;
  name: string;
  capacity_per_day: number;
  created_at: Generated<Date>;
}

export interface SupplierOrdersTable {
  id: string;
  organisation_id: string;
  order_number: string;
  customer: string;
  /** A DPAS rating such as DO-A1; null for an unrated order. */
  rating: string | null;
  priority: 'DX' | 'DO' | 'unrated';
  /** Null until the supplier plans the order on a line; the schedule plans only lines' orders. */
  resource_id: string | null;
  quantity: number;
  required_delivery_date: string;
  received_at: Timestamp;
  accepted: boolean;
  /** The SOSA request a rated order came from, if any. */
  request_id: string | null;
  created_at: Generated<Date>;
  /** 700.15: the customer's rated order this sub-order fills. */
  parent_order_id: Generated<string | null>;
  customer_organisation_id: Generated<string | null>;
  /** 700.13(d) deadline for the decision. */
  acceptance_due_at: Generated<Timestamp | null>;
  decision: Generated<'accepted' | 'rejected' | null>;
  decided_at: Generated<Timestamp | null>;
  decided_by: Generated<string | null>;
  decision_reasons: Generated<string | null>;
  /** 700.13(b)(1): earliest date offered with a rejection. */
  offered_delivery_date: Generated<string | null>;
  cancelled_at: Generated<Timestamp | null>;
  updated_at: Generated<Timestamp>;
}

export interface SupplyNetworksTable {
  id: string;
  nation: string;
  name: string;
  program: Generated<string>;
  description: Generated<string>;
  source_format: 'json' | 'willems';
  node_count: number;
  edge_count: number;
  end_item_count: number;
  countries_of_concern: Generated<string[]>;
  /** The validated SupplyNetwork (src/analytics/network/network-model.ts). */
  model: Json<unknown>;
  created_by: string;
  created_at: Generated<Date>;
}

export type AnalysisStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface NetworkAnalysesTable {
  id: string;
  network_id: string;
  nation: string;
  kind: 'structural' | 'scenario';
  scenario: Json<unknown> | null;
  parameters: Json<Record<string, unknown>>;
  status: AnalysisStatus;
  progress: Generated<number>;
  result: Json<unknown> | null;
  error: string | null;
  created_by: string;
  created_at: Generated<Date>;
  started_at: Timestamp | null;
  heartbeat_at: Timestamp | null;
  finished_at: Timestamp | null;
  cancel_requested: Generated<boolean>;
}

export interface NetworkScenariosTable {
  id: string;
  nation: string;
  name: string;
  description: Generated<string>;
  definition: Json<unknown>;
  created_by: string;
  created_at: Generated<Date>;
}

export interface Database {
  nations: NationsTable;
  calendars: CalendarsTable;
  calendar_holidays: CalendarHolidaysTable;
  workflows: WorkflowsTable;
  arrangements: ArrangementsTable;
  arrangement_directions: ArrangementDirectionsTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  programs: ProgramsTable;
  requests: RequestsTable;
  request_items: RequestItemsTable;
  request_assignments: RequestAssignmentsTable;
  request_events: RequestEventsTable;
  comments: CommentsTable;
  attachments: AttachmentsTable;
  deadlines: DeadlinesTable;
  escalations: EscalationsTable;
  audit_events: AuditEventsTable;
  production_resources: ProductionResourcesTable;
  supplier_orders: SupplierOrdersTable;
  supply_networks: SupplyNetworksTable;
  network_analyses: NetworkAnalysesTable;
  network_scenarios: NetworkScenariosTable;
}

export type UserRow = Selectable<UsersTable>;
export type RequestRow = Selectable<RequestsTable>;
export type NewRequest = Insertable<RequestsTable>;
export type DeadlineRow = Selectable<DeadlinesTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type ProductionResourceRow = Selectable<ProductionResourcesTable>;
export type SupplierOrderRow = Selectable<SupplierOrdersTable>;
export type SupplyNetworkRow = Selectable<SupplyNetworksTable>;
export type NetworkAnalysisRow = Selectable<NetworkAnalysesTable>;
export type NetworkScenarioRow = Selectable<NetworkScenariosTable>;
