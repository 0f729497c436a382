import type { Db } from "../../db/client";
import { listAuditEntries } from "../../db/repositories/audit";
import { agencyScope, assertCan, type SessionUser } from "../server/auth.server";

// The audit log, read: who changed what and when, newest first, limited to the actor's agency (a
// super-administrator: the acting agency, else every agency). Entries are written by audit(tx, …) in the
// transaction of the change they record (app/server/audit.server.ts).

export const AUDIT_PAGE_SIZE = 300;

export interface AuditEntryView {
  id: number;
  createdAt: string;
  /** The user who acted; null for the system or a visitor (e.g. a lock-out after failed sign-ins). */
  userEmail: string | null;
  action: string;
  detail: string | null;
}

export async function listAuditLog(db: Db, actor: SessionUser, limit = AUDIT_PAGE_SIZE): Promise<AuditEntryView[]> {
  assertCan(actor, "audit");
  const entries = await listAuditEntries(db, agencyScope(actor), limit);
  return entries.map((e) => ({
    id: e.id,
    createdAt: e.created_at,
    userEmail: e.user_email,
    action: e.action,
    detail: e.detail,
  }));
}
