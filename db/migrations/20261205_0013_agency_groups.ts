import type { Kysely } from "kysely";

// Agency groups and the supervisor role (issue 18, decision 0011). A group is a province, a district, a
// ministry, a department…; groups nest by `parent_id` (country → province → district), forming trees. An agency
// may be a member of any number of groups (a district and a department, say); a group's scope is its own
// members and those of every group below it, each agency once. A supervisor (users.role = 'supervisor') is tied
// to exactly one group by `group_supervisors` and reads that group's scope, nothing else.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("agency_groups")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("parent_id", "text", (c) => c.references("agency_groups.id"))
    .addColumn("name_th", "text", (c) => c.notNull())
    .addColumn("name_en", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("agency_groups_parent").on("agency_groups").column("parent_id").execute();
  await db.schema
    .createTable("agency_group_members")
    .addColumn("group_id", "text", (c) => c.notNull().references("agency_groups.id").onDelete("cascade"))
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("agency_group_members_pk", ["group_id", "agency_id"])
    .execute();
  await db.schema.createIndex("agency_group_members_agency").on("agency_group_members").column("agency_id").execute();
  await db.schema
    .createTable("group_supervisors")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("group_id", "text", (c) => c.notNull().references("agency_groups.id"))
    .execute();
  await db.schema.createIndex("group_supervisors_group").on("group_supervisors").column("group_id").execute();
  // The league table picks each agency's round of a fiscal year.
  await db.schema.createIndex("rounds_agency_year").on("rounds").columns(["agency_id", "fiscal_year"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("rounds_agency_year").execute();
  await db.schema.dropTable("group_supervisors").execute();
  await db.schema.dropTable("agency_group_members").execute();
  await db.schema.dropTable("agency_groups").execute();
}
