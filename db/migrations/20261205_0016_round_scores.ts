import type { Kysely } from "kysely";
import { sql } from "kysely";
import { dbKind } from "../client";

// The league table's kept scores (issue 18, decision 0014). `round_scores` holds, per round, the indicator
// scores the results service computes from the kept counts (`scores`, JSON) and the version of the inputs they
// were computed at (`scored_version`). Triggers bump `version` whenever an input changes: the response counts
// (every write to the tallies — a submission batch, a recount, a voided keyed sheet, the seal — changes them in
// the same transaction), the IIT release (written once at the first close, with its tallies) and the OIT
// checklist. A league reads the kept scores whose `scored_version` equals `version` and scores only the other
// rounds; a row written from inputs that moved meanwhile is simply stale at the next read.
// No foreign key: a trigger fired while a round's rows are deleted in cascade must not fail on it.
const SOURCES = ["response_counts", "iit_releases", "oit_answers"] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("round_scores")
    .addColumn("round_id", "text", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("scored_version", "integer")
    .addColumn("scores", "text")
    .execute();
  const bump = (ref: "new" | "old") =>
    `insert into round_scores (round_id, version) values (${ref}.round_id, 1)
       on conflict (round_id) do update set version = round_scores.version + 1`;
  if (dbKind(db) === "postgres") {
    await sql
      .raw(
        `create function round_scores_bump() returns trigger language plpgsql as $$
         begin
           if tg_op <> 'DELETE' then ${bump("new")}; end if;
           if tg_op = 'DELETE' or (tg_op = 'UPDATE' and old.round_id <> new.round_id) then ${bump("old")}; end if;
           return null;
         end $$`,
      )
      .execute(db);
    for (const table of SOURCES)
      await sql
        .raw(
          `create trigger ${table}_round_scores after insert or update or delete on ${table}
             for each row execute function round_scores_bump()`,
        )
        .execute(db);
    return;
  }
  for (const table of SOURCES) {
    await sql
      .raw(`create trigger ${table}_round_scores_i after insert on ${table} begin ${bump("new")}; end`)
      .execute(db);
    await sql
      .raw(`create trigger ${table}_round_scores_u after update on ${table} begin ${bump("new")}; end`)
      .execute(db);
    await sql
      .raw(
        `create trigger ${table}_round_scores_m after update of round_id on ${table}
           when old.round_id <> new.round_id begin ${bump("old")}; end`,
      )
      .execute(db);
    await sql
      .raw(`create trigger ${table}_round_scores_d after delete on ${table} begin ${bump("old")}; end`)
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dbKind(db) === "postgres") {
    for (const table of SOURCES) await sql.raw(`drop trigger ${table}_round_scores on ${table}`).execute(db);
    await sql.raw("drop function round_scores_bump()").execute(db);
  } else {
    for (const table of SOURCES)
      for (const op of ["i", "u", "m", "d"]) await sql.raw(`drop trigger ${table}_round_scores_${op}`).execute(db);
  }
  await db.schema.dropTable("round_scores").execute();
}
