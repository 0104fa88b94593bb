import { sql, type Kysely } from 'kysely';

// The partnership desk (issue #5): the SOSA points-of-contact directory, working groups with
// meetings, attendance and action items (dpas-sosa-sources.md §2.1: SOSAs "institute working
// groups, establish communication mechanisms"), and the LEMOA / ACSA reciprocal logistics
// support ledger with its settlements (§3.2; 10 USC 2344–2345). Money is integer minor units.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table points_of_contact (
      id uuid primary key,
      nation text not null references nations(code),
      function text not null check (function in ('sosa_lead', 'dpas_priorities', 'industrial_base', 'logistics', 'legal', 'other')),
      name text not null check (length(name) > 0),
      title text not null default '',
      organisation text not null check (length(organisation) > 0),
      email text,
      phone text,
      notes text not null default '',
      active boolean not null default true,
      created_by uuid not null references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (email is not null or phone is not null)
    );
    create index points_of_contact_nation on points_of_contact (nation, function);

    create table working_groups (
      id uuid primary key,
      arrangement_id text not null references arrangements(id),
      name text not null check (length(name) > 0),
      purpose text not null default '',
      -- A co-production program (another branch's table): no foreign key on purpose.
      program_id uuid,
      status text not null default 'active' check (status in ('active', 'closed')),
      created_by uuid not null references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (arrangement_id, name)
    );

    -- A member is a user of either nation, or a named external member (no account).
    create table working_group_members (
      id uuid primary key,
      group_id uuid not null references working_groups(id),
      nation text not null references nations(code),
      user_id uuid references users(id),
      name text not null check (length(name) > 0),
      organisation text not null default '',
      email text,
      chair boolean not null default false,
      created_at timestamptz not null default now(),
      unique (group_id, user_id)
    );
    create index working_group_members_user on working_group_members (user_id) where user_id is not null;

    create table working_group_meetings (
      id uuid primary key,
      group_id uuid not null references working_groups(id),
      title text not null check (length(title) > 0),
      starts_at timestamptz not null,
      time_zone text not null,
      location text not null default '',
      agenda text not null default '',
      minutes text not null default '',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index working_group_meetings_group on working_group_meetings (group_id, starts_at);

    create table working_group_attendance (
      meeting_id uuid not null references working_group_meetings(id),
      member_id uuid not null references working_group_members(id),
      present boolean not null,
      primary key (meeting_id, member_id)
    );

    create table working_group_action_items (
      id uuid primary key,
      group_id uuid not null references working_groups(id),
      meeting_id uuid references working_group_meetings(id),
      title text not null check (length(title) > 0),
      -- An action item without an owner is refused (422 at the API, not null here).
      owner_member_id uuid not null references working_group_members(id),
      owner_nation text not null references nations(code),
      due_date date not null,
      due_at timestamptz not null,
      due_basis jsonb not null,
      status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
      closed_at timestamptz,
      overdue_at timestamptz,
      escalated_to text,
      created_by uuid not null references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((status = 'open') = (closed_at is null)),
      check ((overdue_at is null) = (escalated_to is null))
    );
    create index working_group_action_items_group on working_group_action_items (group_id, due_at);
    create index working_group_action_items_due on working_group_action_items (due_at) where status = 'open' and overdue_at is null;

    create sequence logistics_order_reference_seq;
    create table logistics_orders (
      id uuid primary key,
      reference text not null unique,
      arrangement_id text not null references arrangements(id),
      supplying_nation text not null references nations(code),
      receiving_nation text not null references nations(code),
      support_class text not null check (support_class in ('fuel', 'rations', 'berthing', 'spare_parts', 'transportation', 'services')),
      description text not null check (length(description) > 0),
      occasion text not null default '',
      delivered_on date not null,
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      amount_minor bigint not null check (amount_minor > 0),
      settled_minor bigint not null default 0,
      settlement_method text not null check (settlement_method in ('cash', 'replacement_in_kind', 'equal_value_exchange')),
      settle_by date not null,
      created_by uuid not null references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (supplying_nation <> receiving_nation),
      check (settled_minor >= 0 and settled_minor <= amount_minor),
      check (settle_by >= delivered_on)
    );
    create index logistics_orders_supplying on logistics_orders (supplying_nation, delivered_on desc);
    create index logistics_orders_receiving on logistics_orders (receiving_nation, delivered_on desc);

    create table logistics_settlements (
      id uuid primary key,
      order_id uuid not null references logistics_orders(id),
      settled_on date not null,
      method text not null check (method in ('cash', 'replacement_in_kind', 'equal_value_exchange')),
      amount_minor bigint not null check (amount_minor > 0),
      note text not null default '',
      created_by uuid not null references users(id),
      created_at timestamptz not null default now()
    );
    create index logistics_settlements_order on logistics_settlements (order_id, settled_on);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table logistics_settlements; drop table logistics_orders; drop sequence logistics_order_reference_seq;
    drop table working_group_action_items; drop table working_group_attendance; drop table working_group_meetings;
    drop table working_group_members; drop table working_groups; drop table points_of_contact;
  `.execute(db);
}
