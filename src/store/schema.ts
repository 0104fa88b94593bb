import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { FileFetchState } from '../domain/federation/delivery.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
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

/** Issue #13: what this instance sends to each peer (a transactional outbox, numbered per peer). */
export type OutboundState = 'pending' | 'delivered' | 'refused';

export interface FederationOutboxTable {
  id: string;
  peer_nation: string;
  /** Updatable only for a pending message that a restored sender renumbers (renumber-outbound.ts). */
  seq: ColumnType<number, number, number>;
  kind: string;
  object_type: string;
  object_id: string;
  object_version: number;
  answers_hash: string | null;
  jws: string;
  message_hash: string;
  /** 'refused': the peer took the message in, refused it and signed that (migration 0032): the queue moved on. */
  state: ColumnType<OutboundState, OutboundState | undefined, OutboundState>;
  refusal_reason: ColumnType<string | null, string | null | undefined, string | null>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: ColumnType<Date, Date, Date>;
  last_error: string | null;
  unreachable_since: ColumnType<Date | null, Date | null | undefined, Date | null>;
  receipt: string | null;
  delivered_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: ColumnType<Date, Date, never>;
}

/** Issue #13: what this instance received from its peers, keyed by message id (exactly once). */
export interface FederationInboxTable {
  message_id: string;
  sender_nation: string;
  seq: ColumnType<number, number, never>;
  kind: string;
  object_type: string;
  object_id: string;
  object_version: number;
  jws: string;
  message_hash: string;
  /** When the message was taken in: applied, or (outcome 'refused') recorded and refused. */
  applied_at: ColumnType<Date, Date, never>;
  receipt: string;
  /** Migration 0032: an authentic, in-sequence message refused for its content takes its number but applies nothing. */
  outcome: ColumnType<'applied' | 'refused', 'applied' | 'refused' | undefined, never>;
  refusal_reason: ColumnType<string | null, string | null | undefined, never>;
}

/** Issue #13: the partner's view of a shared object, as its last applied message carried it. */
export interface FederationMirrorsTable {
  peer_nation: string;
  object_type: string;
  object_id: string;
  object_version: number;
  body: ColumnType<Record<string, unknown>, string, string>;
  message_id: string;
  updated_at: ColumnType<Date, Date, Date>;
  /** The `request.step` this instance sent about its copy and the holder has not answered yet (migration 0036). */
  step_sent_message_id: Generated<string | null>;
  /** The user of this instance who sent that step (migration 0043): its answer tells the others, not them. */
  step_sent_by: Generated<string | null>;
}

export interface FederationPeersTable {
  nation: string;
  base_url: string;
  /** JSON array of arrangement ids shared with this peer, e.g. ["US-IN"]. */
  arrangements: ColumnType<string[], string, string>;
  /** JSON array of the descriptor's keys (kid, public JWK, status, createdAt). */
  keys: ColumnType<unknown[], string, string>;
  fingerprint: string;
  descriptor: string;
  added_at: ColumnType<Date, Date, Date>;
  updated_at: ColumnType<Date, Date, Date>;
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
  /** Its local accounts must enrol a second factor (migration 0022). */
  second_factor_required: Generated<boolean>;
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
  /** For e-mail notifications; null → in-app only. */
  email: Generated<string | null>;
}

/** The OpenID Connect identity (issuer, subject) an account is bound to (migration 0024). */
export interface UserSsoLinksTable {
  issuer: string;
  subject: string;
  user_id: string;
  linked_by: 'provisioning' | 'admin' | 'migration';
  created_at: Generated<Timestamp>;
}

/** A user's TOTP second factor (migration 0022); confirmed_at null while enrolment is pending. */
export interface UserTotpTable {
  user_id: string;
  secret: string;
  confirmed_at: NullableTimestamp;
  /** A bigint: the driver may read it as a string; compared in SQL only. */
  last_step: ColumnType<string | number | null, number | null | undefined, number | null>;
  created_at: Generated<Timestamp>;
}

export interface UserRecoveryCodesTable {
  user_id: string;
  lookup: string;
  code_hash: string;
  used_at: NullableTimestamp;
}

export interface SecondFactorChallengesTable {
  token_hash: string;
  user_id: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  /** The WebAuthn challenge of this sign-in (migration 0023); null once an assertion took it. */
  webauthn_challenge: Generated<string | null>;
}

/** A WebAuthn credential registered as a second factor (migration 0023). */
export interface UserPasskeysTable {
  id: string;
  user_id: string;
  /** base64url, as the browser reports it. */
  credential_id: string;
  /** The COSE public key, base64url. */
  public_key: string;
  /** A bigint: the driver may read it as a string. */
  counter: ColumnType<string | number, number, number>;
  transports: string[];
  name: string;
  device_type: string;
  backed_up: boolean;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
}

/** A passkey registration in progress: one challenge per user (migration 0023). */
export interface PasskeyRegistrationsTable {
  user_id: string;
  challenge: string;
  expires_at: Timestamp;
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
  /** Co-production partners besides the lead nation (migration 0008). */
  partner_nations: Generated<string[]>;
  status: Generated<ProgramStatus>;
  start_date: string | null;
  network_id: string | null;
  working_group_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** A change this instance's officer made on a copy of a peer's working group, sent to the holder and not yet answered (migration 0041). */
export interface WorkingGroupChangesSentTable {
  message_id: string;
  group_id: string;
  kind: string;
  summary: string;
  sent_by: string | null;
  sent_at: Timestamp;
}

export type ProgramStatus = 'proposed' | 'active' | 'paused' | 'completed' | 'cancelled';
export type SubscriptionStatus = 'active' | 'lapsed' | 'withdrawn';
export type PostingStatus = 'planned' | 'active' | 'ended';

export interface CocSubscriptionsTable {
  id: string;
  organisation_id: string;
  nation: string;
  subscribed_on: string;
  signed_by_name: string;
  signed_by_title: string;
  status: SubscriptionStatus;
  status_since: string;
  notes: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface CocStatusHistoryTable {
  id: string;
  subscription_id: string;
  at: Timestamp;
  actor_id: string | null;
  from_status: SubscriptionStatus | null;
  to_status: SubscriptionStatus;
  effective_on: string;
  reason: string;
}

export interface CocCapabilitiesTable {
  id: string;
  subscription_id: string;
  fsc: string | null;
  sector: string;
  description: string;
  part_numbers: string[];
}

export interface CocContactsTable {
  id: string;
  subscription_id: string;
  name: string;
  role: string;
  email: string;
  phone: string;
}

export interface LiaisonPostingsTable {
  id: string;
  officer_name: string;
  officer_rank: string;
  service_number: string;
  sending_nation: string;
  host_nation: string;
  host_command: string;
  location: string;
  start_date: string;
  end_date: string | null;
  status: PostingStatus;
  host_poc_name: string;
  host_poc_email: string;
  notes: string;
  /** Null for a posting the sending nation's instance sent here as `posting.set` (migration 0037). */
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface LiaisonDocumentsTable {
  id: string;
  posting_id: string;
  title: string;
  number: string;
  issued_on: string | null;
}

export interface ProgramMilestonesTable {
  id: string;
  program_id: string;
  position: number;
  title: string;
  due_on: string;
  status: 'planned' | 'on_track' | 'at_risk' | 'done' | 'missed';
  completed_on: string | null;
}

export interface ProgramRisksTable {
  id: string;
  program_id: string;
  position: number;
  title: string;
  likelihood: number;
  impact: number;
  owner: string;
  mitigation: string;
  status: 'open' | 'mitigated' | 'closed';
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
  /** Null for a request submitted on a peer's instance (migration 0035): its submitter is named below. */
  created_by: string | null;
  submitted_by_name: Generated<string | null>;
  submitted_by_organisation: Generated<string | null>;
  submitted_message_id: Generated<string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
  posture: Generated<string>;
  /** The earliest due time of the request's running deadlines (null with none), kept by the deadlines' triggers (migration 0034): the work queue's order. */
  next_due_at: Generated<Timestamp | null>;
}

/**
 * How many requests each workflow, state and pair of nations holds (migration 0034): the totals as
 * of the last compaction, and (the same columns) the +1/-1 of every change since, written by the
 * requests' triggers. The dashboard's counts are the sum of both.
 */
export interface RequestStateCountsTable {
  workflow_id: string;
  state: string;
  from_nation: string;
  to_nation: string;
  n: ColumnType<number, number, number>;
}

/** The requests with a running deadline marked overdue, with their nations (migration 0034, kept by the deadlines' triggers): the dashboard's overdue count. */
export interface RequestOverdueTable {
  request_id: string;
  from_nation: string;
  to_nation: string;
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
  /** Null for a step taken on a peer's instance (migration 0035): its official is named in actor_name. */
  actor_id: string | null;
  actor_name: Generated<string | null>;
  actor_organisation: Generated<string | null>;
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
  /** Null for a comment written on a peer's partner copy (migration 0052): `author_name` names its writer. */
  author_id: string | null;
  nation: string;
  visibility: 'shared' | 'internal';
  body: string;
  created_at: Timestamp;
  author_name: ColumnType<string | null, string | null | undefined, string | null>;
  author_organisation: ColumnType<string | null, string | null | undefined, string | null>;
  /** The peer's message it came in (federation_inbox), for a comment from a partner copy. */
  message_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AttachmentsTable {
  id: string;
  request_id: string;
  /** Null for a file attached on a peer's partner copy (migration 0052): `uploader_name` names who attached it. */
  uploaded_by: string | null;
  uploader_name: ColumnType<string | null, string | null | undefined, string | null>;
  uploader_organisation: ColumnType<string | null, string | null | undefined, string | null>;
  /** The peer's message it came in (federation_inbox), for a file from a partner copy. */
  message_id: ColumnType<string | null, string | null | undefined, string | null>;
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
  /** Years without a hand-kept holiday list the count ran through (migration 0015); empty = final. */
  provisional_years: Generated<number[]>;
}

export interface EscalationsTable {
  deadline_id: string;
  request_id: string;
  escalated_at: Timestamp;
  escalated_to: string;
}

/** What an audit event says: who did what to which object, and when (hashed into the chain). */
interface AuditEventContent {
  at: Timestamp;
  actor_id: string | null;
  actor: string;
  nation: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  data: Json;
}

export interface AuditEventsTable extends AuditEventContent {
  seq: number;
  prev_hash: string;
  hash: string;
  /** Nations whose auditors read the event ('*': every auditor of the instance); null on rows older than migration 0012. */
  parties: string[] | null;
  /** When the sequencer gave the event its position (not hashed; null before migration 0017). */
  sequenced_at: ColumnType<Date | null, Date | string | undefined, never>;
}

/** Audit events written by committed changes that the sequencer has not chained yet (migration 0017). */
export interface AuditQueueTable extends AuditEventContent {
  id: Generated<number>;
  parties: string[];
}

export interface LoginThrottleTable {
  /** "pair:<username>|<address>" or "addr:<address>". */
  key: string;
  failures: number;
  last_failure_at: NullableTimestamp;
  last_success_at: NullableTimestamp;
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
  acceptance_due_at: NullableTimestamp;
  decision: Generated<'accepted' | 'rejected' | null>;
  decided_at: NullableTimestamp;
  decided_by: Generated<string | null>;
  decision_reasons: Generated<string | null>;
  /** 700.13(b)(1): earliest date offered with a rejection. */
  offered_delivery_date: Generated<string | null>;
  cancelled_at: NullableTimestamp;
  updated_at: Timestamp;
  /** 700.12(a)(3)-(4): the authorized signer and the certification (0005). */
  signed_by: Generated<string | null>;
  certified: Generated<boolean | null>;
  /** 700.13: emergency preparedness orders state their response time in hours. */
  emergency_basis: Generated<'hazard_occurred' | 'imminent_hazard' | null>;
  emergency_response_hours: Generated<number | null>;
  destination: Generated<string | null>;
  /** The receipt the 700.13 clock counts from: a significant change restarts it (700.16(c)). */
  rated_as_of: NullableTimestamp;
  rejection_ground: Generated<string | null>;
  /** The supplier's promise at acceptance, moved by a 700.13(d) delay notice (0014). */
  promised_delivery_date: Generated<string | null>;
  delay_reported_at: NullableTimestamp;
  delivered_on: Generated<string | null>;
  closed_at: NullableTimestamp;
}

/** 700.16 / 700.91: every decision and change of a supplier order, never updated or deleted (0005). */
export interface OrderHistoryTable {
  id: string;
  seq: Generated<number>;
  order_id: string;
  at: Timestamp;
  actor_id: string | null;
  kind: 'received' | 'decision' | 'change' | 'cancel' | 'plan' | 'delay' | 'delivered' | 'closed';
  change_kind: string | null;
  new_rated_order: Generated<boolean>;
  before: Json;
  after: Json;
  reasons: string | null;
  rule: string | null;
}

// ——— partnership desk (0009): points of contact, working groups, LEMOA logistics ledger ———

export interface PointsOfContactTable {
  id: string;
  nation: string;
  function: string;
  name: string;
  title: string;
  organisation: string;
  email: string | null;
  phone: string | null;
  notes: string;
  active: Generated<boolean>;
  /** Null for an entry of a peer's nation, received as `contact.set` (migration 0037). */
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Counts each change of the entry; `contact.set` carries it (migration 0037). */
  version: Generated<number>;
}

export interface WorkingGroupsTable {
  id: string;
  arrangement_id: string;
  name: string;
  purpose: string;
  /** The code of a co-production program (programs.id) the group works on. */
  program_id: string | null;
  status: Generated<'active' | 'closed'>;
  /** Null for a group a peer's instance holds, received as `working_group.set` (migration 0039). */
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The nation whose instance holds the group, when it is a peer's (a read-only copy); null when held here. */
  held_by: Generated<string | null>;
  /** Counts each change of the group, its members, meetings and action items; `working_group.set` carries it. */
  version: Generated<number>;
}

export interface WorkingGroupMembersTable {
  id: string;
  group_id: string;
  nation: string;
  user_id: string | null;
  name: string;
  organisation: string;
  email: string | null;
  chair: boolean;
  created_at: Timestamp;
}

export interface WorkingGroupMeetingsTable {
  id: string;
  group_id: string;
  title: string;
  starts_at: Timestamp;
  time_zone: string;
  location: string;
  agenda: string;
  minutes: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkingGroupAttendanceTable {
  meeting_id: string;
  member_id: string;
  present: boolean;
}

export interface WorkingGroupActionItemsTable {
  id: string;
  group_id: string;
  meeting_id: string | null;
  title: string;
  owner_member_id: string;
  owner_nation: string;
  due_date: string;
  due_at: Timestamp;
  due_basis: Json;
  status: Generated<'open' | 'done' | 'cancelled'>;
  closed_at: Timestamp | null;
  overdue_at: Timestamp | null;
  escalated_to: string | null;
  /** Null for an item of a group a peer's instance holds (migration 0039). */
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Money: bigint minor units (cents, paise), read back as a number (database.ts parses int8; amounts stay below 2^53). */
type Minor = ColumnType<number, number, number>;

export interface LogisticsOrdersTable {
  id: string;
  reference: string;
  arrangement_id: string;
  supplying_nation: string;
  receiving_nation: string;
  support_class: string;
  description: string;
  occasion: string;
  delivered_on: string;
  currency: string;
  amount_minor: Minor;
  /** Confirmed settlements (by the creditor, or recorded by it). */
  settled_minor: Minor;
  /** Settlements the debtor recorded that the creditor has not yet confirmed or disputed. */
  claimed_minor: ColumnType<number, number | undefined, number>;
  settlement_method: string;
  settle_by: string;
  /** Null for an order the supplying nation's instance sent here as `logistics_order.set` (migration 0040). */
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Counts each change of the order (created, settled, a claim decided); `logistics_order.set` carries it (migration 0040). */
  version: ColumnType<number, number | undefined, number>;
  /** The peer whose instance keeps the order, when it is a received copy; null for an order kept here (migration 0040). */
  received_from: ColumnType<string | null, string | null | undefined, string | null>;
  /** On a received copy: the outbox message of the claim this nation sent the keeper, until the keeper's answer arrives (migration 0042). */
  claim_sent_message_id: Generated<string | null>;
}

export interface LogisticsSettlementsTable {
  id: string;
  order_id: string;
  settled_on: string;
  method: string;
  amount_minor: Minor;
  note: string;
  /** Null for a settlement of an order received from a peer (migration 0040). */
  created_by: string | null;
  created_at: Timestamp;
  /** claimed: recorded by the debtor, awaiting the creditor; confirmed; disputed by the creditor. */
  status: 'claimed' | 'confirmed' | 'disputed';
  recorded_by_nation: string;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: Generated<string>;
}

/** Reference number series (e.g. LSO-USIN, SPA-US-2026): the last number handed out. */
export interface ReferenceCountersTable {
  series: string;
  last_value: ColumnType<number, number, number>;
}

export interface PlacedSubOrdersTable {
  id: string;
  /** 700.15: the placing company's rated order this sub-order fills. */
  parent_order_id: string;
  placed_by_organisation_id: string;
  /** The sub-supplier when it is a company in the system; null for an external one. */
  supplier_organisation_id: string | null;
  supplier_name: string;
  /** The row in the sub-supplier's book (in-system sub-suppliers only). */
  child_order_id: string | null;
  order_number: string;
  purpose: 'incorporated' | 'packaging' | 'services' | 'mro' | 'inventory_replacement';
  rating: string;
  quantity: number;
  description: string;
  required_delivery_date: string;
  inventory_used_on: string | null;
  acceptance_due_at: Timestamp | null;
  acceptance_rule: string;
  rating_basis: string;
  placed_at: Timestamp;
  placed_by: string;
}

export interface SpaRequestsTable {
  id: string;
  reference: string;
  organisation_id: string;
  nation: string;
  status: 'draft' | 'submitted' | 'under_review' | 'forwarded_to_commerce' | 'resolved' | 'denied' | 'withdrawn';
  requester_name: string;
  requester_title: string | null;
  requester_email: string;
  requester_phone: string | null;
  customer: string | null;
  supplier_organisation_id: string | null;
  supplier_name: string;
  supplier_contact: string | null;
  program: string;
  problem: string;
  attempts_made: string;
  action_requested: string;
  outcome_note: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  submitted_at: Timestamp | null;
  forwarded_at: Timestamp | null;
  closed_at: Timestamp | null;
  version: Generated<number>;
  /** Counts the changes of what partner nations read of it, the version `spa.set` carries (migration 0038). */
  partner_version: Generated<number>;
}

export interface SpaRequestOrdersTable {
  spa_request_id: string;
  line_no: number;
  order_id: string | null;
  order_number: string;
  rating: string;
  items: string;
  quantity: number;
  required_delivery_date: string;
  promised_delivery_date: string | null;
}

export interface SpaRequestEventsTable {
  id: Generated<number>;
  spa_request_id: string;
  at: Timestamp;
  actor_id: string;
  actor_nation: string;
  action: string;
  from_status: string | null;
  to_status: string;
  note: string | null;
}

export type ThreadSubjectKind = 'request' | 'working_group' | 'program' | 'general';
export type NotificationKind = 'mention' | 'thread_message' | 'request_assigned' | 'deadline_escalated' | 'request_waiting' | 'request_update' | 'rated_order_desk' | 'spa_request' | 'action_item' | 'calendar_missing' | 'event_survey';

export interface ThreadsTable {
  id: string;
  subject_kind: ThreadSubjectKind;
  subject_id: string | null;
  title: string;
  /** The nations party to the subject, fixed at creation; one nation → an internal thread. */
  nations: string[];
  arrangement_id: string | null;
  /** Null for a thread a peer's instance holds (migration 0039): `creator_name` names its creator. */
  created_by: string | null;
  created_nation: string;
  created_at: Timestamp;
  /** The nation whose instance holds the thread, when it is a peer's; null when held here. */
  held_by: Generated<string | null>;
  creator_name: Generated<string | null>;
}

export interface ThreadMessagesTable {
  id: string;
  thread_id: string;
  /** Null for a message written on a peer's instance (migration 0039): `author_name` names its author. */
  author_id: string | null;
  author_name: Generated<string | null>;
  author_organisation: Generated<string | null>;
  nation: string;
  visibility: 'shared' | 'internal';
  body: string;
  mentions: Generated<string[]>;
  created_at: Timestamp;
}

export interface ThreadFollowersTable {
  thread_id: string;
  user_id: string;
  following: Generated<boolean>;
  since: Timestamp;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: NotificationKind;
  title: string;
  body: Generated<string>;
  link: string;
  subject_kind: string;
  subject_id: string;
  event_key: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface NotificationPreferencesTable {
  user_id: string;
  channels: Json<Record<string, { inApp: boolean; email: boolean }>>;
  email_digest: 'off' | 'immediate';
  /** A daily e-mail of what is due in the next working days (migration 0015). */
  daily_digest: Generated<boolean>;
  updated_at: Timestamp;
}

export interface NotificationDigestsTable {
  user_id: string;
  /** The user's nation's local date the digest is for. */
  digest_date: string;
  created_at: Timestamp;
  items: number;
  mail_id: string | null;
}

export interface MailOutboxTable {
  id: string;
  notification_id: string | null;
  user_id: string;
  to_address: string;
  subject: string;
  body: string;
  created_at: Timestamp;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  claimed_until: Timestamp | null;
  sent_at: Timestamp | null;
  last_error: string | null;
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

/** A disruption event of one nation (issue #15; migration 0021). */
export interface DisruptionEventsTable {
  id: string;
  nation: string;
  title: string;
  kind: string;
  description: Generated<string>;
  /** The validated EventPlace[] (src/domain/events/event-model.ts). */
  places: Json<unknown>;
  started_at: Timestamp;
  expected_recovery_at: NullableTimestamp;
  confidence: string;
  sources: Json<unknown>;
  status: Generated<'open' | 'closed'>;
  origin: 'manual' | 'cap' | 'geojson';
  external_id: string | null;
  created_by: string;
  created_at: Generated<Date>;
  closed_at: NullableTimestamp;
  closed_by: string | null;
  closing_note: string | null;
}

/** A cached impact of an event (migration 0026), per digest of what the analysis read. */
export interface EventImpactsTable {
  event_id: string;
  inputs_key: string;
  status: 'computing' | 'done' | 'failed';
  result: ColumnType<unknown, string | null, string | null>;
  error: string | null;
  started_at: Date;
  heartbeat_at: Date;
  finished_at: Date | null;
}

/** A priority-support request drafted from an event's impact (migration 0026). */
export interface EventRequestDraftsTable {
  id: string;
  event_id: string;
  nation: string;
  status: 'draft' | 'submitted' | 'discarded';
  content: Json<unknown>;
  basis: Json<unknown>;
  request_id: string | null;
  created_by: string;
  created_at: Date;
  updated_by: string;
  updated_at: Date;
  version: Generated<number>;
}

/** One posture change of an arrangement (migration 0026); the latest is the current posture. */
export interface ArrangementPosturesTable {
  id: string;
  arrangement_id: string;
  posture: 'peacetime' | 'emergency' | 'armed_conflict';
  note: Generated<string>;
  /** The local user who set it; null for a change received from the peer (migration 0030). */
  set_by: string | null;
  set_by_nation: string;
  set_at: Date;
  seq: Generated<string>;
  /** A received change: the setter's name as the peer's message gave it, and that message. */
  set_by_name: string | null;
  message_id: string | null;
}

export interface EventSurveysTable {
  id: string;
  event_id: string;
  nation: string;
  organisation_id: string;
  /** [{networkId, nodeId, part}]: the struck sites asked about. */
  sites: Json<unknown>;
  sent_by: string;
  sent_at: Timestamp;
  /** The validated SurveyAnswer (src/domain/events/survey-answer.ts), null until answered. */
  answer: ColumnType<unknown | null, string | null | undefined, string | null>;
  answered_by: string | null;
  answered_at: NullableTimestamp;
}

export interface EventSiteStatusTable {
  seq: Generated<number>;
  event_id: string;
  network_id: string;
  node_id: string;
  status: 'confirmed' | 'noImpact' | 'recovering' | 'restored';
  note: Generated<string>;
  set_by: string;
  set_at: Timestamp;
  survey_id: string | null;
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
  result: ColumnType<unknown, string | null, string | null>;
  error: string | null;
  created_by: string;
  created_at: Generated<Date>;
  started_at: Timestamp | null;
  heartbeat_at: Timestamp | null;
  finished_at: Timestamp | null;
  cancel_requested: Generated<boolean>;
  /** Migration 0028: 'queue' when the run's jobs are in the pg-boss queue (issue #14). */
  runner: Generated<'local' | 'queue'>;
  job_plan: Json<unknown> | null;
  job_scenario_result: Json<unknown> | null;
}

/** Migration 0028: a chunk of a queued scenario run's open rows (issue #14). */
export interface NetworkAnalysisChunksTable {
  analysis_id: string;
  chunk: number;
  row_indexes: Json<number[]>;
  rows_total: number;
  rows_done: Generated<number>;
  solved: Json<unknown> | null;
  worker: string | null;
  tries: Generated<number>;
  started_at: Timestamp | null;
  done_at: Timestamp | null;
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

/**
 * What this nation's officials added on a partner copy (issue #13, migration 0052): a comment
 * (shared, sent to the holder; or internal, kept here) or a shared file, with the message it went in.
 */
export interface PartnerCopyContributionsTable {
  id: string;
  peer_nation: string;
  request_id: string;
  kind: 'comment' | 'attachment';
  visibility: 'shared' | 'internal';
  body: string | null;
  filename: string | null;
  content_type: string | null;
  size: number | null;
  sha256: string | null;
  content: Uint8Array | null;
  /** The outbox message it went to the holder in; null for an internal comment (never sent). */
  message_id: string | null;
  author_id: string;
  created_at: Timestamp;
  /** When the holder's answer to its message arrived: applied there. */
  applied_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** A shared attachment a peer sent about a request this instance holds a copy of (issue #13, migration 0046). */
export interface PartnerAttachmentsTable {
  id: string;
  peer_nation: string;
  request_id: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  uploader_name: string;
  uploader_nation: string;
  uploader_organisation: string | null;
  created_at: Timestamp;
  /** Null: listed, its content not held (larger than a signed message carries): see fetch_state. */
  content: Uint8Array | null;
  message_id: string;
  received_at: Timestamp;
  /** What became of its content (migration 0047, domain/federation/delivery.ts FILE_FETCH_STATES). */
  fetch_state: ColumnType<FileFetchState, FileFetchState | undefined, FileFetchState>;
  fetch_attempts: ColumnType<number, number | undefined, number>;
  /** When a pending fetch is next tried. */
  next_fetch_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Why the last fetch failed, or why the file was refused or is unavailable. */
  fetch_error: ColumnType<string | null, string | null | undefined, string | null>;
  fetched_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /**
   * Attached on the peer's copy of a request this instance holds (migration 0054): fetched from the
   * copy's instance, then kept among the request's attachments (its content is not kept here).
   */
  from_copy: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface Database {
  nations: NationsTable;
  calendars: CalendarsTable;
  calendar_holidays: CalendarHolidaysTable;
  workflows: WorkflowsTable;
  arrangements: ArrangementsTable;
  federation_peers: FederationPeersTable;
  federation_outbox: FederationOutboxTable;
  federation_inbox: FederationInboxTable;
  federation_mirrors: FederationMirrorsTable;
  partner_attachments: PartnerAttachmentsTable;
  partner_copy_contributions: PartnerCopyContributionsTable;
  arrangement_directions: ArrangementDirectionsTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  user_sso_links: UserSsoLinksTable;
  user_totp: UserTotpTable;
  user_recovery_codes: UserRecoveryCodesTable;
  second_factor_challenges: SecondFactorChallengesTable;
  user_passkeys: UserPasskeysTable;
  passkey_registrations: PasskeyRegistrationsTable;
  sessions: SessionsTable;
  programs: ProgramsTable;
  requests: RequestsTable;
  request_state_counts: RequestStateCountsTable;
  request_state_deltas: RequestStateCountsTable;
  request_overdue: RequestOverdueTable;
  request_items: RequestItemsTable;
  request_assignments: RequestAssignmentsTable;
  request_events: RequestEventsTable;
  comments: CommentsTable;
  attachments: AttachmentsTable;
  deadlines: DeadlinesTable;
  escalations: EscalationsTable;
  audit_events: AuditEventsTable;
  audit_queue: AuditQueueTable;
  login_throttle: LoginThrottleTable;
  production_resources: ProductionResourcesTable;
  supplier_orders: SupplierOrdersTable;
  order_history: OrderHistoryTable;
  points_of_contact: PointsOfContactTable;
  working_groups: WorkingGroupsTable;
  working_group_changes_sent: WorkingGroupChangesSentTable;
  working_group_members: WorkingGroupMembersTable;
  working_group_meetings: WorkingGroupMeetingsTable;
  working_group_attendance: WorkingGroupAttendanceTable;
  working_group_action_items: WorkingGroupActionItemsTable;
  logistics_orders: LogisticsOrdersTable;
  logistics_settlements: LogisticsSettlementsTable;
  reference_counters: ReferenceCountersTable;
  placed_sub_orders: PlacedSubOrdersTable;
  spa_requests: SpaRequestsTable;
  spa_request_orders: SpaRequestOrdersTable;
  spa_request_events: SpaRequestEventsTable;
  threads: ThreadsTable;
  thread_messages: ThreadMessagesTable;
  thread_followers: ThreadFollowersTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  mail_outbox: MailOutboxTable;
  notification_digests: NotificationDigestsTable;
  coc_subscriptions: CocSubscriptionsTable;
  coc_status_history: CocStatusHistoryTable;
  coc_capabilities: CocCapabilitiesTable;
  coc_contacts: CocContactsTable;
  liaison_postings: LiaisonPostingsTable;
  liaison_documents: LiaisonDocumentsTable;
  program_milestones: ProgramMilestonesTable;
  program_risks: ProgramRisksTable;
  supply_networks: SupplyNetworksTable;
  network_analyses: NetworkAnalysesTable;
  network_analysis_chunks: NetworkAnalysisChunksTable;
  network_scenarios: NetworkScenariosTable;
  disruption_events: DisruptionEventsTable;
  event_impacts: EventImpactsTable;
  event_request_drafts: EventRequestDraftsTable;
  arrangement_postures: ArrangementPosturesTable;
  event_surveys: EventSurveysTable;
  event_site_status: EventSiteStatusTable;
}

export type UserRow = Selectable<UsersTable>;
export type RequestRow = Selectable<RequestsTable>;
export type NewRequest = Insertable<RequestsTable>;
export type DeadlineRow = Selectable<DeadlinesTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type ProductionResourceRow = Selectable<ProductionResourcesTable>;
export type SupplierOrderRow = Selectable<SupplierOrdersTable>;
export type PlacedSubOrderRow = Selectable<PlacedSubOrdersTable>;
export type SpaRequestRow = Selectable<SpaRequestsTable>;
export type SpaRequestOrderRow = Selectable<SpaRequestOrdersTable>;
export type SupplyNetworkRow = Selectable<SupplyNetworksTable>;
export type NetworkAnalysisRow = Selectable<NetworkAnalysesTable>;
export type NetworkScenarioRow = Selectable<NetworkScenariosTable>;
export type DisruptionEventRow = Selectable<DisruptionEventsTable>;
