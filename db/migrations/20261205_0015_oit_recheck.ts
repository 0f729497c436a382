import type { Kysely } from "kysely";

// An OIT answer copied from the agency's previous round (its links of last year) is marked "to re-check"
// (ตรวจสอบอีกครั้ง) until an officer saves or confirms that item: 1 = copied and not yet re-checked, 0 = checked.
// `copied_from` names the round it was copied from (null for an answer an officer entered).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("oit_answers")
    .addColumn("recheck", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("oit_answers").addColumn("copied_from", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("oit_answers").dropColumn("copied_from").execute();
  await db.schema.alterTable("oit_answers").dropColumn("recheck").execute();
}
