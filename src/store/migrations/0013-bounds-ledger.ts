import { sql, type Kysely } from 'kysely';

// Issue #10 items 9, 11, 12.
// - Reference numbers come from a counter row updated in the writing transaction, not from a
//   sequence: a sequence hands out numbers outside transactions, so every failed write left a gap
//   in the series (auditors read a gap as a deleted record). The row lock also orders concurrent
//   writers of one series; each series starts where the old global sequence left it.
// - The LEMOA ledger is two-sided: a settlement recorded by the receiving nation (the debtor) is a
//   claim until the supplying nation (the creditor) confirms or disputes it; one recorded by the
//   creditor is confirmed at once. Settlements recorded before this rule stay confirmed.
// - A working group links a co-production program by its code (programs.id is text; the uuid
//   column could never hold one, so no link existed to keep).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table reference_counters (
      series text primary key check (length(series) between 1 and 60),
      last_value bigint not null check (last_value >= 0)
    );
    insert into reference_counters (series, last_value)
      select regexp_replace(reference, '-[0-9]+$', ''), max(substring(reference from '([0-9]+)$')::bigint) from logistics_orders group by 1;
    insert into reference_counters (series, last_value)
      select regexp_replace(reference, '-[0-9]+$', ''), max(substring(reference from '([0-9]+)$')::bigint) from spa_requests group by 1;
    drop sequence logistics_order_reference_seq;
    drop sequence spa_reference_seq;

    alter table logistics_orders
      add column claimed_minor bigint not null default 0 check (claimed_minor >= 0),
      add constraint logistics_orders_settled_and_claimed check (settled_minor + claimed_minor <= amount_minor);
    alter table logistics_settlements
      add column status text not null default 'confirmed' check (status in ('claimed', 'confirmed', 'disputed')),
      add column recorded_by_nation text references nations(code),
      add column decided_by uuid references users(id),
      add column decided_at timestamptz,
      add column decision_note text not null default '';
    update logistics_settlements s set recorded_by_nation = u.nation from users u where u.id = s.created_by;
    alter table logistics_settlements alter column recorded_by_nation set not null;
    create index logistics_settlements_claimed on logistics_settlements (order_id) where status = 'claimed';

    alter table working_groups alter column program_id type text using null;
    alter table working_groups add constraint working_groups_program foreign key (program_id) references programs(id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table working_groups drop constraint working_groups_program;
    alter table working_groups alter column program_id type uuid using null;
    drop index logistics_settlements_claimed;
    alter table logistics_settlements drop column decision_note, drop column decided_at, drop column decided_by, drop column recorded_by_nation, drop column status;
    alter table logistics_orders drop constraint logistics_orders_settled_and_claimed, drop column claimed_minor;
    create sequence spa_reference_seq;
    create sequence logistics_order_reference_seq;
    select setval('logistics_order_reference_seq', coalesce((select max(last_value) from reference_counters where series like 'LSO-%'), 0) + 1, false);
    select setval('spa_reference_seq', coalesce((select max(last_value) from reference_counters where series like 'SPA-%'), 0) + 1, false);
    drop table reference_counters;
  `.execute(db);
}
