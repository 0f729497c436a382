import type { Kysely } from "kysely";
import { sql } from "kysely";

// IIT figures are released once (issue 13): when a round is closed with at least IIT_MIN_GROUP IIT responses,
// the IIT tallies are copied into `iit_release_tallies` and `iit_releases` records when and from how many;
// nothing reads IIT figures from anywhere else, and the release never changes. This replaces the snapshot
// that advanced in steps while the round was open (`iit_published`), which let an administrator difference
// two steps. `iit_access_counts` counts IIT responses per access kind (one-time code, PIN, keyed by staff):
// one counter per round and kind, nothing per response.
//
// Rounds already closed when this runs are released from their live IIT tallies when they hold at least 5
// IIT responses (the floor of IIT_MIN_GROUP; a migration cannot read the app's settings): their figures were
// visible before and stay so. Rounds still open release at their close.
export async function up(db: Kysely<any>): Promise<void> {
  const withoutRowid = isSqlite(db) ? sql`without rowid` : sql``;
  await db.schema
    .createTable("iit_releases")
    .addColumn("round_id", "text", (c) => c.primaryKey().references("rounds.id").onDelete("cascade"))
    .addColumn("released_at", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
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
    .innerJoin("response_counts", "response_counts.round_id", "rounds.id")
    .select(["rounds.id as id", "response_counts.count as count"])
    .where("rounds.status", "=", "closed")
    .where("response_counts.instrument", "=", "iit")
    .where("response_counts.count", ">=", 5)
    .execute();
  for (const round of closed) {
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
    await db
      .insertInto("iit_releases")
      .values({ round_id: round.id, released_at: now, count: Number(round.count) })
      .execute();
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
