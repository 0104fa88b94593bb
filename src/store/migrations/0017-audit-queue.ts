import { sql, type Kysely } from 'kysely';

// Issue #14 (DESIGN.md "Audit sequencing"): a change writes its audit event into audit_queue in
// its own transaction (nothing is acknowledged without its event), and one sequencer moves the
// committed events into audit_events in batches, giving each its chain position and hash in the
// order it sees them committed — Trillian's sequencer over its queue of unsequenced leaves. No
// writer takes the chain's lock any more. audit_events stays append-only: the sequencer only
// inserts into it; it deletes from the queue the rows it has chained, in the same transaction.
// - audit_queue.id: the order of the queue's rows (a later transaction's row gets a larger id);
//   within one batch the sequencer chains in this order.
// - audit_events.sequenced_at: when the event got its position (not part of the hash, null on
//   events chained before this migration, whose position was given as they were written); the
//   wait of an event is sequenced_at - at.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table audit_queue (
      id bigserial primary key,
      at timestamptz not null,
      actor_id uuid,
      actor text not null,
      nation text,
      action text not null,
      entity_type text not null,
      entity_id text not null,
      data jsonb not null,
      parties text[] not null
    );
    -- A queued event waits for its position, but is already what was acknowledged: no one may
    -- change it on the way; the sequencer only deletes the rows it has chained.
    -- Nor take it out of the queue: only the sequencer deletes, in the transaction that chains
    -- the rows, and it says so (set_config('sosa.sequencing', 'on', true)). Like the triggers of
    -- audit_events, this stops mistakes and the application, not a database superuser.
    create function audit_queue_refuse_update() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and coalesce(current_setting('sosa.sequencing', true), '') = 'on' then
        return old;
      end if;
      raise exception 'audit_queue holds acknowledged events: % refused', tg_op;
    end $$;
    create trigger audit_queue_no_update before update or delete on audit_queue
      for each row execute function audit_queue_refuse_update();
    create trigger audit_queue_no_truncate before truncate on audit_queue
      for each statement execute function audit_queue_refuse_update();
    alter table audit_events add column sequenced_at timestamptz;
    alter table audit_events alter column sequenced_at set default clock_timestamp();
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_queue`.execute(db);
  if (rows[0]!.n > 0) throw new Error('audit_queue still holds events the sequencer has not chained: run the sequencer (sosa audit verify) before reverting');
  await sql`
    alter table audit_events drop column sequenced_at;
    drop table audit_queue;
    drop function audit_queue_refuse_update();
  `.execute(db);
}
