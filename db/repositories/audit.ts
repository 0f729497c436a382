import type { Insertable, Selectable } from "kysely";
import type { Db } from "../client";
import type { AuditLogTable } from "../schema";

export type AuditEntry = Selectable<AuditLogTable> & { user_email: string | null };

export async function insertAuditEntry(db: Db, entry: Insertable<AuditLogTable>): Promise<void> {
  await db.insertInto("audit_log").values(entry).execute();
}

/** Newest first; `agencyId` null lists every agency's entries (super-administrators). */
export async function listAuditEntries(db: Db, agencyId: string | null, limit = 200): Promise<AuditEntry[]> {
  let query = db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.user_id")
    .selectAll("audit_log")
    .select("users.email as user_email")
    .orderBy("audit_log.created_at", "desc")
    .orderBy("audit_log.id", "desc")
    .limit(limit);
  if (agencyId !== null) query = query.where("audit_log.agency_id", "=", agencyId);
  return query.execute();
}
