import { sql, type Kysely } from 'kysely';

// What the supplier's desk needs beyond the book of 0003: the 700.13 decision on each order and
// its clock, the 700.15 chain of rated sub-orders, and cancellations (700.16) that keep the row
// (700.91: records are kept, never deleted).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table supplier_orders
      -- An order can arrive before the supplier has planned it on a line (a rated sub-order placed
      -- by a customer company in the system, a SOSA rated order); the schedule plans only
      -- orders with a line.
      alter column resource_id drop not null,
      -- 700.15: the customer's rated order this sub-order was placed to fill (same rating).
      add column parent_order_id uuid references supplier_orders(id),
      -- The customer, when it is a company in the system (sub-orders); 'customer' keeps its name.
      add column customer_organisation_id uuid references organisations(id),
      -- 700.13(d): receipt + 15 (DO) / 10 (DX) working days of the supplier, or the hours an
      -- emergency-preparedness order states.
      add column acceptance_due_at timestamptz,
      add column decision text check (decision in ('accepted', 'rejected')),
      add column decided_at timestamptz,
      add column decided_by uuid references users(id),
      add column decision_reasons text,
      -- 700.13(b)(1): with a rejection for a date that cannot be met, the earliest date offered.
      add column offered_delivery_date date,
      add column cancelled_at timestamptz,
      add column updated_at timestamptz not null default now(),
      add constraint supplier_orders_decision_complete check ((decision is null) = (decided_at is null));
    create index supplier_orders_parent on supplier_orders (parent_order_id) where parent_order_id is not null;
    create index supplier_orders_request on supplier_orders (request_id) where request_id is not null;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table supplier_orders
      drop constraint supplier_orders_decision_complete,
      drop column parent_order_id, drop column customer_organisation_id, drop column acceptance_due_at,
      drop column decision, drop column decided_at, drop column decided_by, drop column decision_reasons,
      drop column offered_delivery_date, drop column cancelled_at, drop column updated_at;
  `.execute(db);
}
