import type { Db } from "../client";
import type { PasswordTokenTable } from "../schema";

export async function insertPasswordToken(db: Db, token: PasswordTokenTable): Promise<void> {
  await db.insertInto("password_tokens").values(token).execute();
}

/** A live token with its user's email, or undefined when unknown, used or expired. */
export async function findLivePasswordToken(db: Db, id: string, now: string) {
  return db
    .selectFrom("password_tokens")
    .innerJoin("users", "users.id", "password_tokens.user_id")
    .select([
      "password_tokens.id",
      "password_tokens.user_id",
      "password_tokens.purpose",
      "users.email",
      "users.agency_id",
    ])
    .where("password_tokens.id", "=", id)
    .where("password_tokens.expires_at", ">", now)
    .where("users.disabled", "=", 0)
    .executeTakeFirst();
}

export async function deletePasswordTokensOfUser(db: Db, userId: string): Promise<void> {
  await db.deleteFrom("password_tokens").where("user_id", "=", userId).execute();
}

/**
 * Spends a live token: deletes it and says whether this call did (1) or it was already gone or expired (0).
 * Of concurrent calls for one token exactly one deletes the row, so exactly one gets 1.
 */
export async function spendPasswordToken(db: Db, id: string, now: string): Promise<number> {
  const result = await db
    .deleteFrom("password_tokens")
    .where("id", "=", id)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
