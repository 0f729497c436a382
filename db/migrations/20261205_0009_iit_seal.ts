import type { Kysely } from "kysely";
import { sql } from "kysely";

// The seal of a round's IIT data (docs/anonymity.md): written when a closed round's IIT storage has been
// rewritten so that no copy of the database pairs a one-time code with an answer sheet. The spent-code hashes
// are gone by then; what remains of the codes is the two counts kept here. `storage_cleaned` says whether
// the files were compacted too (SQLite VACUUM and WAL truncation, PostgreSQL VACUUM FULL): 0 means the seal
// must be run again (`npm run --silent ita -- seal --round SLUG`).
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter.constructor.name === "SqliteAdapter";
  await db.schema
    .createTable("iit_seals")
    .addColumn("round_id", "text", (c) => c.primaryKey().references("rounds.id").onDelete("cascade"))
    .addColumn("sealed_at", "text", (c) => c.notNull())
    .addColumn("codes_issued", "integer", (c) => c.notNull())
    .addColumn("codes_used", "integer", (c) => c.notNull())
    .addColumn("storage_cleaned", "integer", (c) => c.notNull())
    .modifyEnd(sqlite ? sql`without rowid` : sql``)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("iit_seals").execute();
}
