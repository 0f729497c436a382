import type { Kysely } from "kysely";

// A super-administrator has no agency of their own: the session remembers the agency they chose to work in
// (null = none), so that agency-scoped pages (official results, reports) can serve them. Cleared when the
// agency is deleted.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("sessions")
    .addColumn("acting_agency_id", "text", (c) => c.references("agencies.id").onDelete("set null"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("sessions").dropColumn("acting_agency_id").execute();
}
