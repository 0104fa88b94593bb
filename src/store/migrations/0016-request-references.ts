import { sql, type Kysely } from 'kysely';

// Issue #10 item 9 for requests: a request's reference (SOSA-IN-US-2026-00042) comes from its
// series' counter row in the writing transaction, as the logistics and SPA references do since
// 0013, so a request that fails to be written leaves no hole in the series. Each series starts
// where the old global sequence left it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    insert into reference_counters (series, last_value)
      select regexp_replace(reference, '-[0-9]+$', ''), max(substring(reference from '([0-9]+)$')::bigint) from requests group by 1
      on conflict (series) do update set last_value = greatest(reference_counters.last_value, excluded.last_value);
    drop sequence request_reference_seq;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    create sequence request_reference_seq;
    select setval('request_reference_seq', coalesce((select max(last_value) from reference_counters where series like 'SOSA-%'), 0) + 1, false);
    delete from reference_counters where series like 'SOSA-%';
  `.execute(db);
}
