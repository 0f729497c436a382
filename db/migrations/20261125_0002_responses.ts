import type { Kysely } from "kysely";
import { sql } from "kysely";

// Responses, their tallies and the round access data (EIT channels, IIT one-time codes).
// IIT tables carry nothing that could pair a person or a code with a response: no time, no
// channel, no address, random ids; on SQLite they are WITHOUT ROWID so rows sit in random-key
// order, not insertion order (docs/anonymity.md, docs/decisions/0002-anonymous-iit-storage.md).
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = isSqlite(db);
  const withoutRowid = sqlite ? sql`without rowid` : sql``;

  await db.schema
    .createTable("eit_channels")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("round_id", "text", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kiosk", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("eit_channels_round_key", ["round_id", "key"])
    .execute();

  await db.schema
    .createTable("iit_codes")
    .addColumn("round_id", "text", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("iit_codes_pk", ["round_id", "code_hash"])
    .modifyEnd(withoutRowid)
    .execute();

  // One row per round, rewritten on every use: the sorted set keeps no order of use.
  await db.schema
    .createTable("iit_code_use")
    .addColumn("round_id", "text", (c) => c.primaryKey().references("rounds.id").onDelete("cascade"))
    .addColumn("used_hashes", "text", (c) => c.notNull())
    .addColumn("used_count", "integer", (c) => c.notNull())
    .modifyEnd(withoutRowid)
    .execute();

  await db.schema
    .createTable("iit_responses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("round_id", "text", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("framework", "text", (c) => c.notNull())
    .addColumn("submission_id", "text", (c) => c.notNull().unique())
    .addColumn("answers", "text", (c) => c.notNull())
    .modifyEnd(withoutRowid)
    .execute();
  await db.schema.createIndex("iit_responses_round_idx").on("iit_responses").column("round_id").execute();

  await db.schema
    .createTable("eit_responses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("round_id", "text", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("framework", "text", (c) => c.notNull())
    .addColumn("submission_id", "text", (c) => c.notNull().unique())
    .addColumn("channel", "text")
    .addColumn("respondent_type", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("answers", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("eit_responses_round_idx").on("eit_responses").columns(["round_id", "day"]).execute();

  // Answer counts per round, instrument, channel ('' for IIT and EIT without one), item, sub-item, level.
  await db.schema
    .createTable("tallies")
    .addColumn("round_id", "text", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("instrument", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("item", "text", (c) => c.notNull())
    .addColumn("sub", "integer", (c) => c.notNull())
    .addColumn("level", "integer", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("tallies_pk", ["round_id", "instrument", "channel", "item", "sub", "level"])
    .execute();

  await db.schema
    .createTable("response_counts")
    .addColumn("round_id", "text", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("instrument", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("response_counts_pk", ["round_id", "instrument", "channel"])
    .execute();

  // k-anonymity: the IIT figures results may show, refreshed only in steps of IIT_MIN_GROUP responses.
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
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "iit_published_tallies",
    "iit_published",
    "response_counts",
    "tallies",
    "eit_responses",
    "iit_responses",
    "iit_code_use",
    "iit_codes",
    "eit_channels",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}

function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === "SqliteAdapter";
}
