import { sql, type Kysely } from 'kysely';

// The order desk follows an order past its decision (issue #11 item 5): the supplier's promised
// date (set at acceptance, moved by a 700.13(d) delay notice), the delivery and the closing, so a
// SOSA rated order shows on the desk what its request shows; and the history kinds that record
// planning an order on a line, a delay, a delivery and a closing (kept under 700.91).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table supplier_orders
      add column promised_delivery_date date,
      add column delay_reported_at timestamptz,
      add column delivered_on date,
      add column closed_at timestamptz;
    alter table order_history drop constraint order_history_kind_check;
    alter table order_history add constraint order_history_kind_check
      check (kind in ('received', 'decision', 'change', 'cancel', 'plan', 'delay', 'delivered', 'closed'));
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table order_history drop constraint order_history_kind_check;
    alter table order_history add constraint order_history_kind_check check (kind in ('received', 'decision', 'change', 'cancel'));
    alter table supplier_orders drop column closed_at, drop column delivered_on, drop column delay_reported_at, drop column promised_delivery_date;
  `.execute(db);
}
