import { sql, type Kysely } from 'kysely';

// Issue #14, analysis on many workers: on PostgreSQL a scenario run is a chain of jobs in a
// pg-boss queue (schema pgboss, made by pg-boss itself). `runner` says who runs an analysis: this
// server's threads ('local', the embedded store and bare test contexts) or the queue ('queue'), whose
// runs are not failed for a silent heartbeat (a chunk whose worker died is retried instead). The
// plan (the certificates: which rows a shortcut answers) and the combined scenario result (before
// the mitigation job) are kept on the run; each chunk of open rows keeps its solves, who works it
// and how far it got, so the chunks' results combine into one and progress sums across processes.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table network_analyses
      add column runner text not null default 'local' check (runner in ('local', 'queue')),
      add column job_plan jsonb,
      add column job_scenario_result jsonb;
    create table network_analysis_chunks (
      analysis_id uuid not null references network_analyses(id) on delete cascade,
      chunk integer not null check (chunk >= 0),
      row_indexes jsonb not null,
      rows_total integer not null check (rows_total > 0),
      rows_done integer not null default 0,
      solved jsonb,
      worker text,
      tries integer not null default 0,
      started_at timestamptz,
      done_at timestamptz,
      primary key (analysis_id, chunk)
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table network_analysis_chunks;
    alter table network_analyses drop column runner, drop column job_plan, drop column job_scenario_result;
  `.execute(db);
}
