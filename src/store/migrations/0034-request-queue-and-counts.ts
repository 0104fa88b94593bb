import { sql, type Kysely } from 'kysely';

// Issue #14, the work queue and the dashboard flat up to 1,000,000 requests.
//
// The queue orders the requests that wait on the caller by urgency, then their earliest running
// deadline, then last update. It probed every candidate's deadlines for that deadline and sorted
// them all (0.9–1.5 s at a million requests). The earliest running deadline is now kept in the
// request's row (next_due_at) and the queue's order is an index per side that acts (the supplying
// nation's, the requesting nation's), after the workflow and state: for each state in which the
// caller can act the queue reads the first rows of one index range, and stops.
//
// The dashboard counted the open requests per state over every one of them (0.2–0.6 s). The
// counts are now kept per workflow, state and pair of nations: request_state_counts holds the
// totals, request_state_deltas the +1/-1 of each change since the last compaction (an insert per
// change, so concurrent changes never wait on one counter row); the dashboard reads the sum of both,
// and the compactor (services/requests/request-count-compactor.ts) folds the deltas into the totals.
//
// Both are kept by triggers, in the transaction of the change itself, so no writer can forget them
// (a transition, a deadline started, stopped or recounted on a new holiday list, the bulk seed) and
// no change costs a statement more on the wire. The triggers are statement-level over the
// transition tables: a bulk insert of a million requests writes one delta row per group, not a
// million. pg_restore creates triggers after it loads the data, so a restore does not count twice.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table requests add column next_due_at timestamptz;
    update requests r set next_due_at = d.due
      from (select request_id, min(due_at) as due from deadlines where stopped_at is null group by request_id) d
      where r.id = d.request_id;

    create index requests_queue_supplying on requests (workflow_id, state, to_nation, (case urgency when 'armed_conflict' then 0 when 'emergency' then 1 else 2 end), next_due_at, updated_at desc, id);
    create index requests_queue_requesting on requests (workflow_id, state, from_nation, (case urgency when 'armed_conflict' then 0 when 'emergency' then 1 else 2 end), next_due_at, updated_at desc, id);

    -- The dashboard's list of overdue deadlines, earliest due first: read in that order, it stops
    -- after its twenty instead of sorting every overdue deadline (a thousand at a million requests).
    create index deadlines_overdue_by_due on deadlines (due_at) where stopped_at is null and overdue_at is not null;

    -- The requests with a running deadline marked overdue, with their nations: the dashboard
    -- counts a nation's from these few narrow rows instead of probing each one's request row. A
    -- table of its own, not a column of requests: the scheduler marks deadlines overdue under
    -- their row locks, and writing the request row from there would lock a request after its
    -- deadline, the reverse of a transition's order (and so would a foreign key to requests: its
    -- check takes a share lock on the request row). A request's deadlines go before it can, and
    -- their delete trigger takes its row here with them.
    create table request_overdue (
      request_id uuid primary key,
      from_nation text not null,
      to_nation text not null
    );
    insert into request_overdue (request_id, from_nation, to_nation)
      select r.id, r.from_nation, r.to_nation from requests r
      where exists (select 1 from deadlines d where d.request_id = r.id and d.stopped_at is null and d.overdue_at is not null);

    -- The kept values of the requests whose deadlines changed. A request row is written only
    -- when its next_due_at changes (an UPDATE locks only the rows it changes), so the scheduler
    -- marking a deadline overdue never locks a request.
    create function requests_refresh_deadline_keys(ids uuid[]) returns void language plpgsql as $$
    begin
      update requests r set next_due_at = n.due
        from (
          select c.id, (select min(d.due_at) from deadlines d where d.request_id = c.id and d.stopped_at is null) as due
          from unnest(ids) as c(id)
        ) n
        where r.id = n.id and r.next_due_at is distinct from n.due;
      delete from request_overdue o
        where o.request_id = any(ids)
          and not exists (select 1 from deadlines d where d.request_id = o.request_id and d.stopped_at is null and d.overdue_at is not null);
      insert into request_overdue (request_id, from_nation, to_nation)
        select r.id, r.from_nation, r.to_nation from requests r
        where r.id = any(ids)
          and exists (select 1 from deadlines d where d.request_id = r.id and d.stopped_at is null and d.overdue_at is not null)
        on conflict (request_id) do nothing;
    end $$;

    create function deadlines_after_insert() returns trigger language plpgsql as $$
    begin
      perform requests_refresh_deadline_keys(array(select distinct request_id from new_deadlines where stopped_at is null));
      return null;
    end $$;

    create function deadlines_after_update() returns trigger language plpgsql as $$
    begin
      perform requests_refresh_deadline_keys(array(
        select o.request_id from old_deadlines o join new_deadlines n on n.id = o.id
          where (o.due_at, o.stopped_at, o.overdue_at, o.request_id) is distinct from (n.due_at, n.stopped_at, n.overdue_at, n.request_id)
        union
        select n.request_id from old_deadlines o join new_deadlines n on n.id = o.id where o.request_id is distinct from n.request_id
      ));
      return null;
    end $$;

    create function deadlines_after_delete() returns trigger language plpgsql as $$
    begin
      perform requests_refresh_deadline_keys(array(select distinct request_id from old_deadlines));
      return null;
    end $$;

    create trigger deadlines_next_due_insert after insert on deadlines referencing new table as new_deadlines for each statement execute function deadlines_after_insert();
    create trigger deadlines_next_due_update after update on deadlines referencing old table as old_deadlines new table as new_deadlines for each statement execute function deadlines_after_update();
    create trigger deadlines_next_due_delete after delete on deadlines referencing old table as old_deadlines for each statement execute function deadlines_after_delete();

    create table request_state_counts (
      workflow_id text not null,
      state text not null,
      from_nation text not null,
      to_nation text not null,
      n bigint not null,
      primary key (workflow_id, state, from_nation, to_nation)
    );
    create table request_state_deltas (
      workflow_id text not null,
      state text not null,
      from_nation text not null,
      to_nation text not null,
      n bigint not null
    );
    insert into request_state_counts (workflow_id, state, from_nation, to_nation, n)
      select workflow_id, state, from_nation, to_nation, count(*) from requests group by 1, 2, 3, 4;

    create function requests_count_insert() returns trigger language plpgsql as $$
    begin
      insert into request_state_deltas (workflow_id, state, from_nation, to_nation, n)
        select workflow_id, state, from_nation, to_nation, count(*) from new_requests group by 1, 2, 3, 4;
      return null;
    end $$;

    create function requests_count_update() returns trigger language plpgsql as $$
    begin
      -- A change of the counted columns (a transition's new state) moves the request between
      -- groups: -1 in the old, +1 in the new. Other updates (fields, next_due_at) count nothing.
      insert into request_state_deltas (workflow_id, state, from_nation, to_nation, n)
        select workflow_id, state, from_nation, to_nation, sum(n) from (
          select o.workflow_id, o.state, o.from_nation, o.to_nation, -1 as n
            from old_requests o join new_requests w on w.id = o.id
            where (o.workflow_id, o.state, o.from_nation, o.to_nation) is distinct from (w.workflow_id, w.state, w.from_nation, w.to_nation)
          union all
          select w.workflow_id, w.state, w.from_nation, w.to_nation, 1
            from old_requests o join new_requests w on w.id = o.id
            where (o.workflow_id, o.state, o.from_nation, o.to_nation) is distinct from (w.workflow_id, w.state, w.from_nation, w.to_nation)
        ) m group by 1, 2, 3, 4 having sum(n) <> 0;
      return null;
    end $$;

    create function requests_count_delete() returns trigger language plpgsql as $$
    begin
      insert into request_state_deltas (workflow_id, state, from_nation, to_nation, n)
        select workflow_id, state, from_nation, to_nation, -count(*) from old_requests group by 1, 2, 3, 4;
      return null;
    end $$;

    create trigger requests_count_insert after insert on requests referencing new table as new_requests for each statement execute function requests_count_insert();
    create trigger requests_count_update after update on requests referencing old table as old_requests new table as new_requests for each statement execute function requests_count_update();
    create trigger requests_count_delete after delete on requests referencing old table as old_requests for each statement execute function requests_count_delete();
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop trigger requests_count_delete on requests;
    drop trigger requests_count_update on requests;
    drop trigger requests_count_insert on requests;
    drop function requests_count_delete();
    drop function requests_count_update();
    drop function requests_count_insert();
    drop table request_state_deltas;
    drop table request_state_counts;
    drop trigger deadlines_next_due_delete on deadlines;
    drop trigger deadlines_next_due_update on deadlines;
    drop trigger deadlines_next_due_insert on deadlines;
    drop function deadlines_after_delete();
    drop function deadlines_after_update();
    drop function deadlines_after_insert();
    drop function requests_refresh_deadline_keys(uuid[]);
    drop table request_overdue;
    drop index deadlines_overdue_by_due;
    drop index requests_queue_requesting;
    drop index requests_queue_supplying;
    alter table requests drop column next_due_at;
  `.execute(db);
}
