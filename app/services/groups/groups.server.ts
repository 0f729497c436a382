import { z } from "zod";
import type { Db } from "../../../db/client";
import { findAgency, listAgencies } from "../../../db/repositories/agencies";
import {
  addGroupMember,
  countGroupDependents,
  deleteGroup as deleteGroupRow,
  findGroup,
  insertGroup,
  listAllGroups,
  listGroupMembers,
  listGroupSupervisors,
  listScopeGroups,
  removeGroupMember,
  setSupervisorGroup,
  updateGroup as updateGroupRow,
  type AgencyGroup,
} from "../../../db/repositories/groups";
import { findUserByEmail } from "../../../db/repositories/users";
import { fieldErrorsFromZod, type FieldError, type FieldMessages, type Saved } from "../../lib/forms";
import { GROUP_KINDS } from "../../lib/groups";
import { audit } from "../../server/audit.server";
import { assertCan, type SessionUser } from "../../server/auth.server";
import { assertFound } from "../../server/http.server";
import { newId, nowIso } from "../../server/ids.server";
import { EMAIL_TAKEN, insertInvitedUser, newAccountSchema } from "../users/users.server";

// Agency groups, as the super-administrator manages them (decision 0011): groups and their parents, the
// agencies placed in each, and the supervisor accounts tied to one group. Every write commits together with
// its audit entry.

export type GroupAdminView = {
  id: string;
  nameTh: string;
  nameEn: string | null;
  kind: string;
  parentId: string | null;
  /** Depth in its tree (0 for a root), for the indented list. */
  depth: number;
};

/** Groups in tree order (each group followed by the groups below it), with their depth. */
function treeOrder(groups: AgencyGroup[]): GroupAdminView[] {
  const ids = new Set(groups.map((g) => g.id));
  const children = new Map<string | null, AgencyGroup[]>();
  for (const g of groups) {
    const parent = g.parent_id && ids.has(g.parent_id) ? g.parent_id : null;
    children.set(parent, [...(children.get(parent) ?? []), g]);
  }
  const out: GroupAdminView[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const g of children.get(parent) ?? []) {
      if (seen.has(g.id)) continue;
      seen.add(g.id);
      out.push({ id: g.id, nameTh: g.name_th, nameEn: g.name_en, kind: g.kind, parentId: g.parent_id, depth });
      walk(g.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

const groupSchema = z.object({
  name_th: z.string().trim().min(2).max(200),
  name_en: z
    .string()
    .trim()
    .max(200)
    .transform((v) => v || null),
  kind: z.enum(GROUP_KINDS),
  parent_id: z
    .string()
    .trim()
    .max(100)
    .transform((v) => v || null),
});

const MESSAGES: FieldMessages = {
  name_th: ["The Thai name (2–200 characters).", "โปรดระบุชื่อกลุ่มภาษาไทย (2–200 ตัวอักษร)"],
  name_en: ["At most 200 characters.", "ไม่เกิน 200 ตัวอักษร"],
  kind: ["Choose a kind of group.", "โปรดเลือกประเภทของกลุ่ม"],
  parent_id: ["Choose a group above, or none.", "โปรดเลือกกลุ่มที่สังกัด หรือไม่สังกัดกลุ่มใด"],
  email: ["A valid email address.", "โปรดระบุอีเมลให้ถูกต้อง"],
  name: ["At most 200 characters.", "ไม่เกิน 200 ตัวอักษร"],
  agency_id: ["Choose an agency.", "โปรดเลือกหน่วยงาน"],
};

const UNKNOWN_PARENT: FieldError = {
  field: "parent_id",
  message: "That group does not exist.",
  messageTh: "ไม่พบกลุ่มที่เลือก",
};
const PARENT_BELOW: FieldError = {
  field: "parent_id",
  message: "A group cannot be placed under itself or a group below it.",
  messageTh: "ไม่สามารถย้ายกลุ่มไปอยู่ใต้ตัวเองหรือกลุ่มย่อยของตัวเองได้",
};

const text = (input: Record<string, unknown>, key: string) => (typeof input[key] === "string" ? input[key] : "");

/** Every group in tree order, and how many there are. */
export async function getGroupsPage(db: Db, actor: SessionUser): Promise<{ groups: GroupAdminView[] }> {
  assertCan(actor, "manageGroups");
  return { groups: treeOrder(await listAllGroups(db)) };
}

/** One group: its fields, direct members, supervisors, and the choices for its forms. */
export async function getGroupPage(db: Db, actor: SessionUser, groupId: string) {
  assertCan(actor, "manageGroups");
  const group = assertFound(await findGroup(db, groupId));
  const [all, below, members, supervisors, agencies] = await Promise.all([
    listAllGroups(db),
    listScopeGroups(db, group.id),
    listGroupMembers(db, group.id),
    listGroupSupervisors(db, group.id),
    listAgencies(db),
  ]);
  const belowIds = new Set(below.map((g) => g.id));
  const memberIds = new Set(members.map((m) => m.id));
  return {
    group: { id: group.id, nameTh: group.name_th, nameEn: group.name_en, kind: group.kind, parentId: group.parent_id },
    /** Groups it may be moved under: none of itself or below it. */
    parents: treeOrder(all).filter((g) => !belowIds.has(g.id)),
    members: members.map((m) => ({ id: m.id, nameTh: m.name_th, nameEn: m.name_en })),
    supervisors: supervisors.map((s) => ({ id: s.id, email: s.email, name: s.name, disabled: s.disabled === 1 })),
    /** Agencies not yet members, to add. */
    candidates: agencies
      .filter((a) => !memberIds.has(a.id))
      .map((a) => ({ id: a.id, nameTh: a.name_th, nameEn: a.name_en })),
  };
}

async function checkParent(db: Db, parentId: string | null, groupId: string | null): Promise<FieldError | null> {
  if (!parentId) return null;
  if (!(await findGroup(db, parentId))) return UNKNOWN_PARENT;
  if (groupId && (await listScopeGroups(db, groupId)).some((g) => g.id === parentId)) return PARENT_BELOW;
  return null;
}

export async function createGroup(
  db: Db,
  actor: SessionUser,
  input: Record<string, unknown>,
): Promise<Saved<{ id: string }>> {
  assertCan(actor, "manageGroups");
  const parsed = groupSchema.safeParse({
    name_th: text(input, "name_th"),
    name_en: text(input, "name_en"),
    kind: text(input, "kind"),
    parent_id: text(input, "parent_id"),
  });
  if (!parsed.success) return { ok: false, errors: fieldErrorsFromZod(parsed.error, MESSAGES) };
  const problem = await checkParent(db, parsed.data.parent_id, null);
  if (problem) return { ok: false, errors: [problem] };
  const id = newId();
  await db.transaction().execute(async (tx) => {
    await insertGroup(tx, { id, ...parsed.data, created_at: nowIso() });
    await audit(tx, {
      user: actor,
      agencyId: null,
      action: "group.create",
      entity: "group",
      entityId: id,
      detail: { name_th: parsed.data.name_th, kind: parsed.data.kind, parent_id: parsed.data.parent_id },
    });
  });
  return { ok: true, id };
}

export async function updateGroup(
  db: Db,
  actor: SessionUser,
  groupId: string,
  input: Record<string, unknown>,
): Promise<Saved> {
  assertCan(actor, "manageGroups");
  assertFound(await findGroup(db, groupId));
  const parsed = groupSchema.safeParse({
    name_th: text(input, "name_th"),
    name_en: text(input, "name_en"),
    kind: text(input, "kind"),
    parent_id: text(input, "parent_id"),
  });
  if (!parsed.success) return { ok: false, errors: fieldErrorsFromZod(parsed.error, MESSAGES) };
  const problem = await checkParent(db, parsed.data.parent_id, groupId);
  if (problem) return { ok: false, errors: [problem] };
  await db.transaction().execute(async (tx) => {
    await updateGroupRow(tx, groupId, parsed.data);
    await audit(tx, {
      user: actor,
      agencyId: null,
      action: "group.update",
      entity: "group",
      entityId: groupId,
      detail: { name_th: parsed.data.name_th, kind: parsed.data.kind, parent_id: parsed.data.parent_id },
    });
  });
  return { ok: true };
}

/** Deletes an empty group; one with groups below it, members or supervisors is refused (nothing written). */
export async function deleteGroup(db: Db, actor: SessionUser, groupId: string): Promise<Saved> {
  assertCan(actor, "manageGroups");
  const group = assertFound(await findGroup(db, groupId));
  const dependents = await countGroupDependents(db, groupId);
  if (dependents.children || dependents.members || dependents.supervisors)
    return {
      ok: false,
      errors: [
        {
          field: "form",
          message: `The group still has ${dependents.children} groups below it, ${dependents.members} agencies and ${dependents.supervisors} supervisors.`,
          messageTh: `กลุ่มนี้ยังมีกลุ่มย่อย ${dependents.children} กลุ่ม หน่วยงาน ${dependents.members} แห่ง และผู้กำกับดูแล ${dependents.supervisors} คน จึงลบไม่ได้`,
        },
      ],
    };
  await db.transaction().execute(async (tx) => {
    await deleteGroupRow(tx, groupId);
    await audit(tx, {
      user: actor,
      agencyId: null,
      action: "group.delete",
      entity: "group",
      entityId: groupId,
      detail: { name_th: group.name_th },
    });
  });
  return { ok: true };
}

/** Places an agency in a group (`add`) or takes it out (`remove`); an unknown agency or group is 404. */
export async function changeMembership(
  db: Db,
  actor: SessionUser,
  groupId: string,
  input: Record<string, unknown>,
  change: "add" | "remove",
): Promise<Saved<{ changed: boolean }>> {
  assertCan(actor, "manageGroups");
  assertFound(await findGroup(db, groupId));
  const agencyId = text(input, "agency_id").trim();
  if (!agencyId)
    return {
      ok: false,
      errors: [{ field: "agency_id", message: MESSAGES.agency_id![0], messageTh: MESSAGES.agency_id![1] }],
    };
  const agency = assertFound(await findAgency(db, agencyId));
  const changed = await db.transaction().execute(async (tx) => {
    const done =
      change === "add" ? await addGroupMember(tx, groupId, agency.id) : await removeGroupMember(tx, groupId, agency.id);
    if (done)
      await audit(tx, {
        user: actor,
        agencyId: agency.id,
        action: change === "add" ? "group.member-add" : "group.member-remove",
        entity: "group",
        entityId: groupId,
        detail: { agency: agency.name_th },
      });
    return done;
  });
  return { ok: true, changed };
}

/**
 * Creates a supervisor account tied to this group, with the one-time link to set a password (shown once to
 * the super-administrator, as for any new user).
 */
export async function createSupervisor(
  db: Db,
  actor: SessionUser,
  groupId: string,
  input: Record<string, unknown>,
): Promise<Saved<{ id: string; email: string; link: string }>> {
  assertCan(actor, "manageGroups");
  assertFound(await findGroup(db, groupId));
  return addSupervisor(db, actor, groupId, input, {});
}

const UNKNOWN_GROUP: FieldError = {
  field: "group",
  message: "No agency group has this id.",
  messageTh: "ไม่พบกลุ่มหน่วยงานที่มีรหัสนี้",
};

/**
 * The command line's way to the same account (`admin create --role supervisor --group ID`): the operator at
 * the console acts as the system (no signed-in actor; the audit entry says `via: "cli"`). An unknown group is
 * a refusal like any other, writing nothing.
 */
export async function createSupervisorFromConsole(
  db: Db,
  groupId: string,
  input: Record<string, unknown>,
): Promise<Saved<{ id: string; email: string; link: string }>> {
  if (!(await findGroup(db, groupId))) return { ok: false, errors: [UNKNOWN_GROUP] };
  return addSupervisor(db, null, groupId, input, { via: "cli" });
}

async function addSupervisor(
  db: Db,
  actor: SessionUser | null,
  groupId: string,
  input: Record<string, unknown>,
  detail: Record<string, unknown>,
): Promise<Saved<{ id: string; email: string; link: string }>> {
  const parsed = newAccountSchema.safeParse({ email: text(input, "email"), name: text(input, "name") });
  if (!parsed.success) return { ok: false, errors: fieldErrorsFromZod(parsed.error, MESSAGES) };
  const { email, name } = parsed.data;
  if (await findUserByEmail(db, email)) return { ok: false, errors: [EMAIL_TAKEN] };
  const created = await db.transaction().execute(async (tx) => {
    const created = await insertInvitedUser(
      tx,
      actor,
      { email, name, role: "supervisor", agencyId: null },
      { group: groupId, ...detail },
    );
    await setSupervisorGroup(tx, created.id, groupId);
    return created;
  });
  return { ok: true, id: created.id, email, link: created.link };
}
