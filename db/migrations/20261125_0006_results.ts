import type { Kysely } from "kysely";

// Official ITA results as published for an agency and fiscal year: the ten indicator scores
// (JSON {"1": 97.61, …}) and, when the publication has them, its total and grade.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("official_results")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id").onDelete("cascade"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("framework", "text", (c) => c.notNull())
    .addColumn("scores", "text", (c) => c.notNull())
    .addColumn("published_total", "real")
    .addColumn("published_grade", "text")
    .addColumn("note", "text")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("official_results_agency_year", ["agency_id", "fiscal_year"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("official_results").execute();
}
