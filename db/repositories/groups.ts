import { sql, type Insertable, type RawBuilder, type Selectable, type Updateable } from "kysely";
import type { Db } from "../client";
import type { AgencyGroupTable } from "../schema";

// Agency groups, their members and supervisors (migration 0013, decision 0011), and the batched reads the
// league table is built from. A group's scope is its own members and those of every group below it; every
// scope query is one recursive CTE, so a group of any depth and size costs the same few statements.

export type AgencyGroup = Selectable<AgencyGroupTable>;

const num = (v: unknown) => Number(v);

/** The ids of a group and every group below it (UNION, not UNION ALL: a cycle could not loop). */
function scopeGroupIds(groupId: string): RawBuilder<unknown> {
  return sql`(with recursive scope(id) as (
      select id from agency_groups where id = ${groupId}
      union select g.id from agency_groups g join scope s on g.parent_id = s.id
    ) select id from scope)`;
}

/** The ids of the agencies in a group's scope (members of it or of any group below it). */
export function scopeAgencyIds(groupId: string): RawBuilder<unknown> {
  return sql`(select m.agency_id from agency_group_members m where m.group_id in ${scopeGroupIds(groupId)})`;
}

export async function insertGroup(db: Db, group: Insertable<AgencyGroupTable>): Promise<void> {
  await db.insertInto("agency_groups").values(group).execute();
}

export async function findGroup(db: Db, id: string): Promise<AgencyGroup | undefined> {
  return db.selectFrom("agency_groups").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function updateGroup(db: Db, id: string, patch: Updateable<AgencyGroupTable>): Promise<void> {
  await db.updateTable("agency_groups").set(patch).where("id", "=", id).execute();
}

/** Every group, by name (the super-administrator's tree is built from it). */
export async function listAllGroups(db: Db): Promise<AgencyGroup[]> {
  return db.selectFrom("agency_groups").selectAll().orderBy("name_th").orderBy("id").execute();
}

/** A group and every group below it, by name. */
export async function listScopeGroups(db: Db, groupId: string): Promise<AgencyGroup[]> {
  return db
    .selectFrom("agency_groups")
    .selectAll()
    .where(sql<boolean>`id in ${scopeGroupIds(groupId)}`)
    .orderBy("name_th")
    .orderBy("id")
    .execute();
}

/** Whether `groupId` is `rootId` or below it. */
export async function isGroupInScope(db: Db, rootId: string, groupId: string): Promise<boolean> {
  const row = await db
    .selectFrom("agency_groups")
    .select("id")
    .where("id", "=", groupId)
    .where(sql<boolean>`id in ${scopeGroupIds(rootId)}`)
    .executeTakeFirst();
  return !!row;
}

/** Whether the agency is in the group's scope. */
export async function isAgencyInScope(db: Db, groupId: string, agencyId: string): Promise<boolean> {
  const row = await db
    .selectFrom("agencies")
    .select("id")
    .where("id", "=", agencyId)
    .where(sql<boolean>`id in ${scopeAgencyIds(groupId)}`)
    .executeTakeFirst();
  return !!row;
}

/** The fiscal years that rounds of the scope's agencies belong to, latest first. */
export async function listScopeFiscalYears(db: Db, groupId: string): Promise<number[]> {
  const rows = await db
    .selectFrom("rounds")
    .select("fiscal_year")
    .distinct()
    .where(sql<boolean>`agency_id in ${scopeAgencyIds(groupId)}`)
    .orderBy("fiscal_year", "desc")
    .execute();
  return rows.map((r) => num(r.fiscal_year));
}

/** The direct members of one group, by Thai name. */
export async function listGroupMembers(
  db: Db,
  groupId: string,
): Promise<{ id: string; name_th: string; name_en: string | null }[]> {
  return db
    .selectFrom("agency_group_members as m")
    .innerJoin("agencies as a", "a.id", "m.agency_id")
    .select(["a.id", "a.name_th", "a.name_en"])
    .where("m.group_id", "=", groupId)
    .orderBy("a.name_th")
    .execute();
}

/** Adds an agency to a group; false when it already was a member. */
export async function addGroupMember(db: Db, groupId: string, agencyId: string): Promise<boolean> {
  const result = await db
    .insertInto("agency_group_members")
    .values({ group_id: groupId, agency_id: agencyId })
    .onConflict((oc) => oc.columns(["group_id", "agency_id"]).doNothing())
    .executeTakeFirst();
  return num(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Removes an agency from a group; false when it was not a member. */
export async function removeGroupMember(db: Db, groupId: string, agencyId: string): Promise<boolean> {
  const result = await db
    .deleteFrom("agency_group_members")
    .where("group_id", "=", groupId)
    .where("agency_id", "=", agencyId)
    .executeTakeFirst();
  return num(result.numDeletedRows) > 0;
}

/** Ties a supervisor to their one group (replacing any earlier one). */
export async function setSupervisorGroup(db: Db, userId: string, groupId: string): Promise<void> {
  await db
    .insertInto("group_supervisors")
    .values({ user_id: userId, group_id: groupId })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ group_id: groupId }))
    .execute();
}

/** The group a supervisor reads, or undefined. */
export async function findSupervisorGroupId(db: Db, userId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("group_supervisors")
    .select("group_id")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row?.group_id;
}

/** The supervisors of one group. */
export async function listGroupSupervisors(
  db: Db,
  groupId: string,
): Promise<{ id: string; email: string; name: string | null; disabled: number }[]> {
  const rows = await db
    .selectFrom("group_supervisors as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select(["u.id", "u.email", "u.name", "u.disabled"])
    .where("s.group_id", "=", groupId)
    .orderBy("u.email")
    .execute();
  return rows.map((r) => ({ ...r, disabled: num(r.disabled) }));
}

/** Counts used to refuse deleting a group that still has children, members or supervisors. */
export async function countGroupDependents(
  db: Db,
  groupId: string,
): Promise<{ children: number; members: number; supervisors: number }> {
  const [children, members, supervisors] = await Promise.all([
    db
      .selectFrom("agency_groups")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("parent_id", "=", groupId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("agency_group_members")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("group_id", "=", groupId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("group_supervisors")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("group_id", "=", groupId)
      .executeTakeFirstOrThrow(),
  ]);
  return { children: num(children.n), members: num(members.n), supervisors: num(supervisors.n) };
}

export async function deleteGroup(db: Db, id: string): Promise<void> {
  await db.deleteFrom("agency_groups").where("id", "=", id).execute();
}

// A round of a scope as the league scores it (the scope's agencies, rounds and kept scores are read in one
// statement by round-scores.ts's listScopeLeague, decision 0018; the caller picks one round per agency). Nothing
// reads a response row: only the kept counts, the EIT tallies, the IIT release (never live IIT tallies:
// docs/anonymity.md) and the OIT checklist.

export type ScopeRound = {
  id: string;
  agency_id: string;
  slug: string;
  status: "draft" | "open" | "closed";
  framework: string;
  fiscal_year: number;
  strength_line: number;
  target_line: number;
  min_iit: number;
  min_eit: number;
  created_at: string;
};
