import type { Kysely } from "kysely";

// EIT sheets keyed in by staff (paper or telephone, issue 16): the sheet's paper serial number, who keyed it and
// when, one row per keyed EIT response. A serial is unique within a round. Voiding a sheet deletes its response
// (this row goes with it) and records the serial in the audit log. IIT sheets never get a row here
// (docs/anonymity.md): nothing may tie an IIT answer to the staff member who keyed it or to a time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("keyed_entries")
    .addColumn("response_id", "text", (c) => c.primaryKey().references("eit_responses.id").onDelete("cascade"))
    .addColumn("round_id", "text", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("serial", "text", (c) => c.notNull())
    .addColumn("entered_by", "text")
    .addColumn("entered_at", "text", (c) => c.notNull())
    .addUniqueConstraint("keyed_entries_serial_unique", ["round_id", "serial"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("keyed_entries").execute();
}
