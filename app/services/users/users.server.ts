import { z } from "zod";
import type { Db, Tx } from "../../../db/client";
import { findAgency, listAgencies } from "../../../db/repositories/agencies";
import { deleteSessionsOfUser } from "../../../db/repositories/sessions";
import {
  findUserByEmail,
  findUserById,
  insertUser,
  listUsers as listUserRows,
  updateUser,
  type User,
  type UserListRow,
} from "../../../db/repositories/users";
import { fieldErrorsFromZod, type FieldError, type FieldMessages } from "../../lib/forms";
import { ROLE_ORDER, type Role } from "../../lib/roles";
import { audit } from "../../server/audit.server";
import { agencyScope, assertCan, requireAgencyAccess, type SessionUser } from "../../server/auth.server";
import { assertFound, forbidden, notFound } from "../../server/http.server";
import { newId, nowIso } from "../../server/ids.server";
import { issuePasswordLink } from "./password-links.server";

// Users: the list, adding a user (with a one-time set-password link), a new password link, disabling and
// enabling an account. Each write commits together with its audit entry; a user of another agency does not
// exist for the actor (404).

/** How an account stands, for the users table. */
export type UserStatus = "disabled" | "awaiting-password" | "locked" | "active";

export interface UserView {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  agencyName: string | null;
  status: UserStatus;
}

function userView(row: UserListRow, now: string): UserView {
  const status: UserStatus = row.disabled
    ? "disabled"
    : !row.has_password
      ? "awaiting-password"
      : row.locked_until && row.locked_until > now
        ? "locked"
        : "active";
  return { id: row.id, email: row.email, name: row.name, role: row.role, agencyName: row.agency_name_th, status };
}

export type UserIntent = "create" | "link" | "disable" | "enable";
export type UserActionResult =
  { ok: true; intent: UserIntent; email: string; link?: string } | { ok: false; errors: FieldError[] };

/**
 * Roles an actor may give: a super-administrator any; an agency administrator, and a super-administrator
 * acting for an agency (whose users they then manage as its administrator), those below super.
 */
export function assignableRoles(actor: SessionUser): Role[] {
  return actor.role === "super" && !actor.acting_agency_id
    ? ["admin", "clerk", "viewer", "super"]
    : ["admin", "clerk", "viewer"];
}

/**
 * Users of one agency (default: the actor's; a super-administrator's acting agency), or of every agency
 * for a super-administrator working in none. Another agency's users: 404.
 */
export async function listUsers(
  db: Db,
  actor: SessionUser,
  agencyId: string | null = agencyScope(actor),
): Promise<UserView[]> {
  assertCan(actor, "manageUsers");
  if (agencyId !== null || actor.role !== "super") requireAgencyAccess(actor, agencyId ?? "");
  const now = nowIso();
  return (await listUserRows(db, agencyId)).map((row) => userView(row, now));
}

/** The signed-in user as the admin header shows them: who, in which role, of which agency. */
export async function getAccount(
  db: Db,
  actor: SessionUser,
): Promise<{ email: string; name: string | null; role: Role; agencyName: string | null }> {
  assertCan(actor, "any");
  const agency = actor.agency_id ? await findAgency(db, actor.agency_id) : undefined;
  return { email: actor.email, name: actor.name, role: actor.role, agencyName: agency?.name_th ?? null };
}

/** The users page: the list, the roles the actor may give and (a super-administrator) the agencies to choose. */
export async function getUsersPage(
  db: Db,
  actor: SessionUser,
): Promise<{ users: UserView[]; roles: Role[]; agencies?: { id: string; nameTh: string }[]; showAgency: boolean }> {
  assertCan(actor, "manageUsers");
  const scope = agencyScope(actor);
  let agencies: { id: string; nameTh: string }[] | undefined;
  if (actor.role === "super") {
    // A super-administrator working in one agency sees and adds that agency's users only.
    const acting = scope ? await findAgency(db, scope) : undefined;
    agencies = (acting ? [acting] : await listAgencies(db)).map((a) => ({ id: a.id, nameTh: a.name_th }));
  }
  return {
    users: await listUsers(db, actor, scope),
    roles: assignableRoles(actor),
    agencies,
    showAgency: actor.role === "super" && !scope,
  };
}

/** A new account's email and display name, as every add-an-account form takes them. */
export const newAccountSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254)),
  name: z
    .string()
    .trim()
    .max(200)
    .transform((v) => v || null),
});

const newUserSchema = newAccountSchema.extend({ role: z.enum(ROLE_ORDER as [Role, ...Role[]]) });

const MESSAGES: FieldMessages = {
  email: ["A valid email address.", "โปรดระบุอีเมลให้ถูกต้อง"],
  name: ["Check this field.", "โปรดตรวจสอบช่องนี้"],
  role: ["Check this field.", "โปรดตรวจสอบช่องนี้"],
};

export const EMAIL_TAKEN: FieldError = {
  field: "email",
  message: "This email already has an account.",
  messageTh: "อีเมลนี้มีบัญชีอยู่แล้ว",
};

/**
 * Adds a user to `agencyId` (a super-administrator needs none) and issues the one-time link with which they
 * set a password. A role the actor may not give: 403; an unknown or another agency: 404.
 */
export async function createUser(
  db: Db,
  actor: SessionUser,
  input: Record<string, unknown>,
  agencyId: string | null,
): Promise<UserActionResult> {
  assertCan(actor, "manageUsers");
  const text = (k: string) => (typeof input[k] === "string" ? input[k] : "");
  const parsed = newUserSchema.safeParse({ email: text("email"), name: text("name"), role: text("role") });
  if (!parsed.success) return { ok: false, errors: fieldErrorsFromZod(parsed.error, MESSAGES) };
  const { email, name, role } = parsed.data;
  if (!assignableRoles(actor).includes(role)) throw forbidden();
  const targetAgency = role === "super" ? null : agencyId;
  if (targetAgency === null && role !== "super") throw notFound();
  if (targetAgency !== null) {
    assertFound(await findAgency(db, targetAgency));
    requireAgencyAccess(actor, targetAgency);
  }
  if (await findUserByEmail(db, email)) return { ok: false, errors: [EMAIL_TAKEN] };
  const { link } = await db
    .transaction()
    .execute((tx) => insertInvitedUser(tx, actor, { email, name, role, agencyId: targetAgency }));
  return { ok: true, intent: "create", email, link };
}

/**
 * Inside the caller's transaction: stores a new account without a password, issues the one-time link with which
 * they set one, and writes the `user.create` audit entry (`detail` adds to its email and role). The actor is
 * null for the operator at the console (the command line acts as the system).
 */
export async function insertInvitedUser(
  tx: Tx,
  actor: SessionUser | null,
  user: { email: string; name: string | null; role: Role; agencyId: string | null },
  detail: Record<string, unknown> = {},
): Promise<{ id: string; link: string }> {
  const id = newId();
  await insertUser(tx, {
    id,
    email: user.email,
    name: user.name,
    role: user.role,
    agency_id: user.agencyId,
    password_hash: null,
    locked_until: null,
    created_at: nowIso(),
  });
  const link = await issuePasswordLink(tx, { userId: id, purpose: "set", createdBy: actor?.id ?? null });
  await audit(tx, {
    user: actor,
    agencyId: user.agencyId,
    action: "user.create",
    entity: "user",
    entityId: id,
    detail: { email: user.email, role: user.role, ...detail },
  });
  return { id, link };
}

/**
 * The user, if the actor may manage them (else 404): a super-administrator's account only for a
 * super-administrator acting for no agency; an agency's user for that agency (requireAgencyAccess: for a
 * super-administrator acting for an agency, that agency's users only).
 */
async function userOfActor(db: Db, actor: SessionUser, userId: string): Promise<User> {
  const target = assertFound(await findUserById(db, userId));
  if (target.role === "super") {
    if (actor.role !== "super" || actor.acting_agency_id) throw notFound();
  } else requireAgencyAccess(actor, target.agency_id ?? "");
  return target;
}

/** A new one-time set-password link for a user (cancels older links). */
export async function issueResetLink(db: Db, actor: SessionUser, userId: string): Promise<UserActionResult> {
  assertCan(actor, "manageUsers");
  const target = await userOfActor(db, actor, userId);
  const link = await db.transaction().execute(async (tx) => {
    const link = await issuePasswordLink(tx, { userId: target.id, purpose: "reset", createdBy: actor.id });
    await audit(tx, {
      user: actor,
      agencyId: target.agency_id,
      action: "user.reset-link",
      entity: "user",
      entityId: target.id,
      detail: { email: target.email },
    });
    return link;
  });
  return { ok: true, intent: "link", email: target.email, link };
}

/** Disables an account (and ends its sessions) or enables it again (and unlocks it). Never one's own: 403. */
export async function setUserDisabled(
  db: Db,
  actor: SessionUser,
  userId: string,
  disabled: boolean,
): Promise<UserActionResult> {
  assertCan(actor, "manageUsers");
  const target = await userOfActor(db, actor, userId);
  if (target.id === actor.id) throw forbidden();
  const intent = disabled ? "disable" : "enable";
  await db.transaction().execute(async (tx) => {
    await updateUser(tx, target.id, disabled ? { disabled: 1 } : { disabled: 0, failed_logins: 0, locked_until: null });
    if (disabled) await deleteSessionsOfUser(tx, target.id);
    await audit(tx, {
      user: actor,
      agencyId: target.agency_id,
      action: `user.${intent}`,
      entity: "user",
      entityId: target.id,
      detail: { email: target.email },
    });
  });
  return { ok: true, intent, email: target.email };
}

const OTHER_AGENCY: FieldError = {
  field: "agencyId",
  message: "You are working in another agency: add the user there, or stop working in it first.",
  messageTh: "ท่านกำลังทำงานในนามหน่วยงานอื่นอยู่ เพิ่มผู้ใช้ได้เฉพาะของหน่วยงานนั้น หรือเลิกทำงานในนามหน่วยงานนั้นก่อน",
};

/**
 * One posted user form: `intent` create | link (reset password) | disable | enable, each checked against the
 * actor's agency. `agencyId` fixes the agency a new user joins (the agency page); otherwise it is the actor's
 * (a super-administrator: the acting agency, else the agency named in the form, and a form naming another
 * agency than the acting one is refused).
 */
export async function handleUserAction(
  db: Db,
  actor: SessionUser,
  input: Record<string, unknown>,
  options: { agencyId?: string } = {},
): Promise<UserActionResult> {
  assertCan(actor, "manageUsers");
  const intent = input.intent;
  if (intent === "create") {
    let agencyId = options.agencyId ?? null;
    if (options.agencyId === undefined) {
      const scope = agencyScope(actor);
      const chosen = actor.role === "super" && typeof input.agencyId === "string" ? input.agencyId || null : null;
      if (actor.role === "super" && scope && chosen && chosen !== scope) return { ok: false, errors: [OTHER_AGENCY] };
      agencyId = scope ?? chosen;
    }
    return createUser(db, actor, input, agencyId);
  }
  const userId = typeof input.userId === "string" ? input.userId : "";
  if (intent === "link") return issueResetLink(db, actor, userId);
  if (intent === "disable" || intent === "enable") return setUserDisabled(db, actor, userId, intent === "disable");
  await userOfActor(db, actor, userId);
  return { ok: false, errors: [{ field: "intent", message: "Unknown action.", messageTh: "ไม่รู้จักคำสั่งนี้" }] };
}
