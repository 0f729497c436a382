import type { Kysely } from "kysely";
import { sql } from "kysely";

// IIT figures are released once (issue 13): the first close of a round decides, and `iit_releases` records the
// decision (when, from how many, `released` 1 or 0 = withheld for good). With at least IIT_MIN_GROUP IIT
// responses the IIT tallies are copied into `iit_release_tallies`;
// nothing reads IIT figures from anywhere else, and the release never changes. This replaces the snapshot
// that advanced in steps while the round was open (`iit_published`), which let an administrator difference
// two steps. `iit_access_counts` counts IIT responses per access kind (one-time code, PIN, keyed by staff):
// one counter per round and kind, nothing per response.
//
// Rounds already closed when this runs are released from their live IIT tallies when they hold at least 5
// IIT responses (the floor of IIT_MIN_GROUP; a migration cannot read the app's settings): their figures were
// visible before and stay so; closed rounds with fewer are recorded as withheld. Open rounds decide at their close.
export async function up(db: Kysely<any>): Promise<void> {
  const withoutRowid = isSqlite(db) ? sql`without rowid` : sql``;
  await db.schema
    .createTable("iit_releases")
    .addColumn("round_id", "text", (c) => c.primaryKey().references("rounds.id").onDelete("cascade"))
    .addColumn("released_at", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addColumn("released", "integer", (c) => c.notNull())
    .modifyEnd(withoutRowid)
    .execute();
  await db.schema
    .createTable("iit_release_tallies")
    .addColumn("round_id", "text", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("item", "text", (c) => c.notNull())
    .addColumn("sub", "integer", (c) => c.notNull())
    .addColumn("level", "integer", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("iit_release_tallies_pk", ["round_id", "item", "sub", "level"])
    .modifyEnd(withoutRowid)
    .execute();
  await db.schema
    .createTable("iit_access_counts")
    .addColumn("round_id", "text", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("iit_access_counts_pk", ["round_id", "kind"])
    .modifyEnd(withoutRowid)
    .execute();

  const now = new Date().toISOString();
  const closed = await db
    .selectFrom("rounds")
    .leftJoin("response_counts", (join) =>
      join.onRef("response_counts.round_id", "=", "rounds.id").on("response_counts.instrument", "=", "iit"),
    )
    .select(["rounds.id as id", "response_counts.count as count"])
    .where("rounds.status", "=", "closed")
    .execute();
  for (const round of closed) {
    const count = Number(round.count ?? 0);
    if (count < 5) {
      await db
        .insertInto("iit_releases")
        .values({ round_id: round.id, released_at: now, count, released: 0 })
        .execute();
      continue;
    }
    await db
      .insertInto("iit_release_tallies")
      .columns(["round_id", "item", "sub", "level", "count"])
      .expression(
        db
          .selectFrom("tallies")
          .select(["round_id", "item", "sub", "level", "count"])
          .where("round_id", "=", round.id)
          .where("instrument", "=", "iit"),
      )
      .execute();
    await db.insertInto("iit_releases").values({ round_id: round.id, released_at: now, count, released: 1 }).execute();
  }

  await db.schema.dropTable("iit_published_tallies").execute();
  await db.schema.dropTable("iit_published").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const withoutRowid = isSqlite(db) ? sql`without rowid` : sql``;
  await db.schema
    .createTable("iit_published")
    .addColumn("round_id", "text", (c) => c.primaryKey().references("rounds.id").onDelete("cascade"))
    .addColumn("count", "integer", (c) => c.notNull())
    .modifyEnd(withoutRowid)
    .execute();
  await db.schema
    .createTable("iit_published_tallies")
    .addColumn("round_id", "text", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("item", "text", (c) => c.notNull())
    .addColumn("sub", "integer", (c) => c.notNull())
    .addColumn("level", "integer", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("iit_published_tallies_pk", ["round_id", "item", "sub", "level"])
    .modifyEnd(withoutRowid)
    .execute();
  for (const t of ["iit_access_counts", "iit_release_tallies", "iit_releases"]) await db.schema.dropTable(t).execute();
}

function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === "SqliteAdapter";
}
