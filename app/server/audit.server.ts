import type { Tx } from "../../db/client";
import { insertAuditEntry } from "../../db/repositories/audit";
import { nowIso } from "./ids.server";

export interface AuditInput {
  /** Who did it; null for the system or a visitor (e.g. a lock-out after failed sign-ins). */
  user: { id: string } | null;
  agencyId: string | null;
  /** Verb-like, dotted: "round.create", "round.update", "round.delete", "user.create", "oit.answer"… */
  action: string;
  entity: string;
  entityId?: string | null;
  /** Short, human-readable facts; never secrets, passwords, tokens or answers. Objects are stored as JSON. */
  detail?: string | Record<string, unknown> | null;
}

/**
 * Appends one line to the audit log: who changed what and when. It takes the transaction of the change it
 * records, so the change and its entry commit together or not at all.
 */
export async function audit(tx: Tx, input: AuditInput): Promise<void> {
  const detail =
    input.detail == null ? null : typeof input.detail === "string" ? input.detail : JSON.stringify(input.detail);
  await insertAuditEntry(tx, {
    agency_id: input.agencyId,
    user_id: input.user?.id ?? null,
    action: input.action,
    entity: input.entity,
    entity_id: input.entityId ?? null,
    detail,
    created_at: nowIso(),
  });
}
