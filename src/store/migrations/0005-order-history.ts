import { sql, type Kysely } from 'kysely';

// The supplier's order desk (700.12, 700.13, 700.16, 700.91): the 700.12 elements an order
// carries, the moment it became rated (a significant change restarts it, 700.16(c)), and the
// history of every decision and change with who, when, before and after. Orders and their history
// are records under 700.91: the database refuses to delete them, and history rows never change.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table supplier_orders
      -- 700.12(a)(3)-(4): the authorized signer and the certification statement.
      add column signed_by text check (signed_by is null or length(signed_by) between 1 and 200),
      add column certified boolean,
      -- 700.13: an emergency preparedness order states its response time in hours.
      add column emergency_basis text check (emergency_basis in ('hazard_occurred', 'imminent_hazard')),
      add column emergency_response_hours int check (emergency_response_hours > 0 and emergency_response_hours <= 720),
      add column destination text check (destination is null or length(destination) between 1 and 500),
      -- 700.13(d), 700.16(b)-(c): the receipt the acceptance clock counts from.
      add column rated_as_of timestamptz,
      add column rejection_ground text check (rejection_ground in ('cannot_meet_date', 'interferes_with_accepted_rated_orders', 'terms_of_sale_not_met', 'item_not_supplied', 'own_use_only', 'customer_makes_item', 'violates_commerce_order')),
      add constraint supplier_orders_rejection_content check (decision is distinct from 'rejected' or (decision_reasons is not null and length(trim(decision_reasons)) > 0)),
      add constraint supplier_orders_offer_later check (offered_delivery_date is null or offered_delivery_date > required_delivery_date);

    create table order_history (
      id uuid primary key,
      -- The order of entries: several may share one instant (an import, a test clock).
      seq bigint generated always as identity,
      order_id uuid not null references supplier_orders(id),
      at timestamptz not null,
      actor_id uuid references users(id),
      kind text not null check (kind in ('received', 'decision', 'change', 'cancel')),
      change_kind text check (change_kind in ('destination', 'quantity', 'delivery_date', 'rating', 'cancel')),
      -- 700.16(c): the change made a new rated order; the decision was cleared.
      new_rated_order boolean not null default false,
      before jsonb not null default '{}',
      after jsonb not null default '{}',
      reasons text,
      rule text,
      check (kind <> 'change' or change_kind is not null)
    );
    create index order_history_order on order_history (order_id, seq);

    create function order_records_refuse_delete() returns trigger language plpgsql as $$
    begin
      raise exception '% is kept under 15 CFR 700.91: % refused', tg_table_name, tg_op;
    end $$;
    create trigger supplier_orders_no_delete before delete on supplier_orders
      for each row execute function order_records_refuse_delete();
    create trigger order_history_no_change before update or delete on order_history
      for each row execute function order_records_refuse_delete();
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop trigger order_history_no_change on order_history;
    drop trigger supplier_orders_no_delete on supplier_orders;
    drop function order_records_refuse_delete();
    drop table order_history;
    alter table supplier_orders
      drop constraint supplier_orders_offer_later, drop constraint supplier_orders_rejection_content,
      drop column signed_by, drop column certified, drop column emergency_basis, drop column emergency_response_hours,
      drop column destination, drop column rated_as_of, drop column rejection_ground;
  `.execute(db);
}
