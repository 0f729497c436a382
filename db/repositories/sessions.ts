import type { Db } from "../client";
import type { UserTable } from "../schema";

export interface SessionUserRow {
  id: string;
  email: string;
  name: string | null;
  role: UserTable["role"];
  agency_id: string | null;
  /** The agency a super-administrator works in on this session (see agencyOf); null when none is chosen. */
  acting_agency_id: string | null;
  /** The acting agency's Thai name, for the admin header. */
  acting_agency_name: string | null;
}

export async function insertSession(
  db: Db,
  session: { id: string; user_id: string; created_at: string; expires_at: string },
) {
  await db.insertInto("sessions").values(session).execute();
}

/** The signed-in user of a live session: not expired, user not disabled. */
export async function findSessionUser(db: Db, sessionId: string, now: string): Promise<SessionUserRow | undefined> {
  return db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .leftJoin("agencies", "agencies.id", "sessions.acting_agency_id")
    .select(["users.id", "users.email", "users.name", "users.role", "users.agency_id", "sessions.acting_agency_id"])
    .select("agencies.name_th as acting_agency_name")
    .where("sessions.id", "=", sessionId)
    .where("sessions.expires_at", ">", now)
    .where("users.disabled", "=", 0)
    .executeTakeFirst();
}

/** Sets (or, with null, clears) the agency a super-administrator works in on this session. */
export async function updateSessionActingAgency(db: Db, sessionId: string, agencyId: string | null): Promise<void> {
  await db.updateTable("sessions").set({ acting_agency_id: agencyId }).where("id", "=", sessionId).execute();
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: string): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

export async function deleteExpiredSessions(db: Db, now: string): Promise<void> {
  await db.deleteFrom("sessions").where("expires_at", "<=", now).execute();
}

/** Ends every session of a user but one (a password change keeps the session it was made in); returns how many. */
export async function deleteOtherSessionsOfUser(db: Db, userId: string, keepSessionId: string): Promise<number> {
  const result = await db
    .deleteFrom("sessions")
    .where("user_id", "=", userId)
    .where("id", "<>", keepSessionId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
