import { z } from "zod";
import type { Db } from "../../../db/client";
import { findAgency } from "../../../db/repositories/agencies";
import { deleteSessionsOfUser } from "../../../db/repositories/sessions";
import { findUserByEmail, findUserById, insertUser, updateUser } from "../../../db/repositories/users";
import { audit } from "../../server/audit.server";
import { forbidden, notFound } from "../../server/http.server";
import { requireAgencyAccess, type SessionUser } from "../../server/auth.server";
import { newId, nowIso } from "../../server/ids.server";
import { issuePasswordLink } from "./password-links.server";

type FieldError = { field: string; message: string; messageTh: string };
export type UserActionResult =
  { ok: true; intent: string; email: string; link?: string } | { ok: false; errors: FieldError[] };

const newUser = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254)),
  name: z
    .string()
    .trim()
    .max(200)
    .transform((v) => v || null),
  role: z.enum(["super", "admin", "clerk", "viewer"]),
});

/** Roles an actor may give: a super-administrator any, an agency administrator those below super. */
export function assignableRoles(actor: SessionUser): string[] {
  return actor.role === "super" ? ["admin", "clerk", "viewer", "super"] : ["admin", "clerk", "viewer"];
}

async function createUser(
  db: Db,
  actor: SessionUser,
  form: FormData,
  agencyId: string | null,
): Promise<UserActionResult> {
  const parsed = newUser.safeParse({
    email: form.get("email") ?? "",
    name: form.get("name") ?? "",
    role: form.get("role") ?? "",
  });
  if (!parsed.success) {
    return {
      ok: false,
      errors: [...new Set(parsed.error.issues.map((i) => String(i.path[0])))].map((field) => ({
        field,
        message: field === "email" ? "A valid email address." : "Check this field.",
        messageTh: field === "email" ? "โปรดระบุอีเมลให้ถูกต้อง" : "โปรดตรวจสอบช่องนี้",
      })),
    };
  }
  const { email, name, role } = parsed.data;
  if (!assignableRoles(actor).includes(role)) throw forbidden();
  const targetAgency = role === "super" ? null : agencyId;
  if (role !== "super") {
    if (!targetAgency || !(await findAgency(db, targetAgency))) throw notFound();
    requireAgencyAccess(actor, targetAgency);
  }
  if (await findUserByEmail(db, email)) {
    return {
      ok: false,
      errors: [{ field: "email", message: "This email already has an account.", messageTh: "อีเมลนี้มีบัญชีอยู่แล้ว" }],
    };
  }
  const id = newId();
  await insertUser(db, {
    id,
    email,
    name,
    role,
    agency_id: targetAgency,
    password_hash: null,
    locked_until: null,
    created_at: nowIso(),
  });
  const link = await issuePasswordLink(db, { userId: id, purpose: "set", createdBy: actor.id });
  await audit(db, {
    user: actor,
    agencyId: targetAgency,
    action: "user.create",
    entity: "user",
    entityId: id,
    detail: { email, role },
  });
  return { ok: true, intent: "create", email, link };
}

/** create | link (reset password) | disable | enable, each checked against the actor's agency. */
export async function handleUserAction(
  db: Db,
  actor: SessionUser,
  form: FormData,
  agencyId: string | null,
): Promise<UserActionResult> {
  const intent = String(form.get("intent") ?? "");
  if (intent === "create") return createUser(db, actor, form, agencyId);
  const target = await findUserById(db, String(form.get("userId") ?? ""));
  if (!target) throw notFound();
  if (target.role === "super") {
    if (actor.role !== "super") throw notFound();
  } else requireAgencyAccess(actor, target.agency_id ?? "");
  if (intent === "link") {
    const link = await issuePasswordLink(db, { userId: target.id, purpose: "reset", createdBy: actor.id });
    await audit(db, {
      user: actor,
      agencyId: target.agency_id,
      action: "user.reset-link",
      entity: "user",
      entityId: target.id,
      detail: { email: target.email },
    });
    return { ok: true, intent, email: target.email, link };
  }
  if (intent === "disable" || intent === "enable") {
    if (target.id === actor.id) throw forbidden();
    await updateUser(db, target.id, {
      disabled: intent === "disable" ? 1 : 0,
      ...(intent === "enable" ? { failed_logins: 0, locked_until: null } : {}),
    });
    if (intent === "disable") await deleteSessionsOfUser(db, target.id);
    await audit(db, {
      user: actor,
      agencyId: target.agency_id,
      action: `user.${intent}`,
      entity: "user",
      entityId: target.id,
      detail: { email: target.email },
    });
    return { ok: true, intent, email: target.email };
  }
  return { ok: false, errors: [{ field: "intent", message: "Unknown action.", messageTh: "ไม่รู้จักคำสั่งนี้" }] };
}
