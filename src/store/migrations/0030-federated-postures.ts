import { sql, type Kysely } from 'kysely';

// Issue #13, posture across sovereign instances: a posture change set on the other nation's
// instance arrives as a message and is kept as a row of the arrangement's history like a local
// one, but its setter is no user of this instance: it has the name the message gave
// (`set_by_name`) and the message it came in (`message_id`, in federation_inbox), instead of a
// `set_by` user. The current posture is no longer the latest row written here but the change
// with the latest `set_at` (ties: the nation code that sorts last, then that nation's own order),
// so both instances agree whatever order they learnt of concurrent changes in
// (postures.repository.ts `currentPosture`).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table arrangement_postures
      alter column set_by drop not null,
      add column set_by_name text check (length(set_by_name) between 1 and 500),
      add column message_id uuid,
      add constraint arrangement_postures_setter check ((set_by is not null and message_id is null) or (set_by is null and set_by_name is not null and message_id is not null));
    drop index arrangement_postures_latest;
    create index arrangement_postures_current on arrangement_postures (arrangement_id, set_at desc, set_by_nation desc, seq desc);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    delete from arrangement_postures where set_by is null;
    drop index arrangement_postures_current;
    create index arrangement_postures_latest on arrangement_postures (arrangement_id, seq desc);
    alter table arrangement_postures
      drop constraint arrangement_postures_setter,
      drop column message_id,
      drop column set_by_name,
      alter column set_by set not null;
  `.execute(db);
}
