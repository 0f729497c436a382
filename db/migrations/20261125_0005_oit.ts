import type { Kysely } from "kysely";

// The OIT evidence checklist of a round (one row per answered item) and whether its link table is public.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("oit_answers")
    .addColumn("round_id", "text", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("item", "text", (c) => c.notNull())
    .addColumn("has", "integer")
    .addColumn("urls", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("note", "text")
    .addColumn("responsible", "text")
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("link_status", "text")
    .addColumn("checked_at", "text")
    .addPrimaryKeyConstraint("oit_answers_pk", ["round_id", "item"])
    .execute();

  await db.schema
    .createTable("oit_publication")
    .addColumn("round_id", "text", (c) => c.primaryKey().references("rounds.id").onDelete("cascade"))
    .addColumn("public", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("oit_publication").execute();
  await db.schema.dropTable("oit_answers").execute();
}
