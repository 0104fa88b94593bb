import { sql, type Kysely } from 'kysely';

// Flow-down of ratings (15 CFR 700.15, 700.17) and Special Priorities Assistance (700.50–700.55).
//
// placed_sub_orders: the placing company's record of each rated sub-order it sent to its own
// supplier to fill one of its rated orders. When the sub-supplier is a company in the system (of
// the same nation) the order also lands in that company's book as a supplier_orders row
// (child_order_id, whose parent_order_id is the placing company's order); an external
// sub-supplier is recorded by name only. Kept, never deleted (700.91).
//
// spa_requests (+ their orders and events): Form BIS-999 requests a supplier files about its own
// orders, and their review by the SOSA office / DoD and Commerce.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table placed_sub_orders (
      id uuid primary key,
      parent_order_id uuid not null references supplier_orders(id),
      placed_by_organisation_id uuid not null references organisations(id),
      supplier_organisation_id uuid references organisations(id),
      supplier_name text not null check (length(supplier_name) between 1 and 200),
      child_order_id uuid unique references supplier_orders(id),
      order_number text not null check (length(order_number) between 1 and 100),
      purpose text not null check (purpose in ('incorporated', 'packaging', 'services', 'mro', 'inventory_replacement')),
      rating text not null check (rating ~ '^D[OX]-[A-Z][0-9]$'),
      quantity int not null check (quantity > 0),
      description text not null check (length(description) between 1 and 1000),
      required_delivery_date date not null,
      -- 700.17(b): an inventory replacement names the day of use; the order date is placed_at.
      inventory_used_on date,
      acceptance_due_at timestamptz,
      acceptance_rule text not null,
      rating_basis text not null,
      placed_at timestamptz not null,
      placed_by uuid not null references users(id),
      unique (placed_by_organisation_id, order_number),
      -- An in-system sub-supplier always has its book row; an external one never.
      check ((supplier_organisation_id is null) = (child_order_id is null)),
      check ((supplier_organisation_id is null) = (acceptance_due_at is null)),
      check ((purpose = 'inventory_replacement') = (inventory_used_on is not null)),
      -- 700.17(b): a replacement order is never DX.
      check (purpose <> 'inventory_replacement' or rating like 'DO-%'),
      -- 700.17(a)(4): MRO carries H7.
      check (purpose <> 'mro' or rating like '%-H7')
    );
    create index placed_sub_orders_parent on placed_sub_orders (parent_order_id);

    create sequence spa_reference_seq;
    create table spa_requests (
      id uuid primary key,
      reference text not null unique,
      organisation_id uuid not null references organisations(id),
      nation text not null references nations(code),
      status text not null check (status in ('draft', 'submitted', 'under_review', 'forwarded_to_commerce', 'resolved', 'denied', 'withdrawn')),
      requester_name text not null,
      requester_title text,
      requester_email text not null,
      requester_phone text,
      customer text,
      supplier_organisation_id uuid references organisations(id),
      supplier_name text not null,
      supplier_contact text,
      program text not null,
      problem text not null,
      attempts_made text not null,
      action_requested text not null,
      outcome_note text,
      created_by uuid not null references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      submitted_at timestamptz,
      forwarded_at timestamptz,
      closed_at timestamptz,
      version int not null default 1,
      check (status = 'draft' or status = 'withdrawn' or submitted_at is not null),
      check (status <> 'forwarded_to_commerce' or forwarded_at is not null),
      check ((status in ('resolved', 'denied', 'withdrawn')) = (closed_at is not null))
    );
    create index spa_requests_nation on spa_requests (nation, status);
    create index spa_requests_org on spa_requests (organisation_id);

    create table spa_request_orders (
      spa_request_id uuid not null references spa_requests(id),
      line_no int not null check (line_no >= 1),
      order_id uuid references supplier_orders(id),
      order_number text not null,
      rating text not null check (rating ~ '^D[OX]-[A-Z][0-9]$'),
      items text not null,
      quantity int not null check (quantity > 0),
      required_delivery_date date not null,
      promised_delivery_date date,
      primary key (spa_request_id, line_no)
    );
    create index spa_request_orders_order on spa_request_orders (order_id) where order_id is not null;

    create table spa_request_events (
      id bigserial primary key,
      spa_request_id uuid not null references spa_requests(id),
      at timestamptz not null,
      actor_id uuid not null references users(id),
      actor_nation text not null,
      action text not null,
      from_status text,
      to_status text not null,
      note text
    );
    create index spa_request_events_spa on spa_request_events (spa_request_id, id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table spa_request_events; drop table spa_request_orders; drop table spa_requests; drop table placed_sub_orders; drop sequence spa_reference_seq;`.execute(db);
}
