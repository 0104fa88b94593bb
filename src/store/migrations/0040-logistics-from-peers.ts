import { sql, type Kysely } from 'kysely';

// Issue #13, the logistics ledger crosses between sovereign instances: an order is kept by the
// instance of its supplying nation (the creditor), and its state reaches the receiving nation's
// instance as `logistics_order.set`. Each change of an order (created, settled, a claim decided)
// counts up its version, which the message carries, so a receiver keeps the latest. A received
// order names the peer it came from (`received_from`) and has no creator here, nor have its
// settlements: their authors are officials of the other nation, with no account on this instance.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table logistics_orders
      add column version integer not null default 1,
      add column received_from text references nations(code),
      alter column created_by drop not null,
      add constraint logistics_orders_creator check (created_by is not null or received_from is not null);
    alter table logistics_settlements alter column created_by drop not null;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    delete from logistics_settlements where created_by is null or order_id in (select id from logistics_orders where received_from is not null);
    delete from logistics_orders where received_from is not null;
    alter table logistics_settlements alter column created_by set not null;
    alter table logistics_orders
      drop constraint logistics_orders_creator,
      alter column created_by set not null,
      drop column received_from,
      drop column version;
  `.execute(db);
}
