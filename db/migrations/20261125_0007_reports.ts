import type { Kysely } from "kysely";

// The measures report of an agency's fiscal year (drafted from a basis: official results or a round)
// and its measures table with follow-up (status, due date, progress).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id").onDelete("cascade"))
    .addColumn("measures_year", "integer", (c) => c.notNull())
    .addColumn("basis_kind", "text", (c) => c.notNull())
    .addColumn("basis_id", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("sections", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("options", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("reports_agency_idx").on("reports").columns(["agency_id", "measures_year"]).execute();

  await db.schema
    .createTable("measures")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("report_id", "text", (c) => c.notNull().references("reports.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("indicator", "integer")
    .addColumn("measure", "text", (c) => c.notNull())
    .addColumn("steps", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("responsible", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("monitoring", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("due_date", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("planned"))
    .addColumn("progress_note", "text")
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("measures_report_idx").on("measures").columns(["report_id", "position"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("measures").execute();
  await db.schema.dropTable("reports").execute();
}
