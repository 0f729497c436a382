import type { Kysely } from "kysely";

// Frameworks imported by a super-administrator (issue 17): one row per framework id (`ita-2568.2` for the second
// version of ita-2568), its validated JSON, and whether it is a draft (may be replaced or deleted) or published
// (may be chosen for rounds and official results; never changed again — a correction is a new version).
// The framework files in surveys/ are not stored here; the registry serves both.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("frameworks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("base_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("title_th", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("json", "text", (c) => c.notNull())
    .addColumn("copied_from", "text")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("published_by", "text")
    .addColumn("published_at", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("frameworks").execute();
}
