import { sql, type Insertable, type Selectable, type Updateable } from "kysely";
import type { Db } from "../client";
import type { UserTable } from "../schema";

export type User = Selectable<UserTable>;
export type Role = UserTable["role"];

export async function insertUser(db: Db, user: Insertable<UserTable>): Promise<void> {
  await db.insertInto("users").values(user).execute();
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
}

/**
 * Reserves one sign-in attempt on an account in one atomic statement, before its password is checked, so
 * that concurrent attempts (in one process or several, on either database) can never evaluate more than
 * `max` passwords per lock-out. The account must be enabled and not locked (an expired lock starts the count
 * afresh); with `onlyUnfailed`, it must also have no failure counted. The attempt that reaches `max` locks
 * the account until `until`. Returns the new count (`max` when this attempt took the lock), or undefined
 * when the attempt may not be made.
 */
export async function reserveSignInAttempt(
  db: Db,
  id: string,
  options: { now: string; until: string; max: number; onlyUnfailed: boolean },
): Promise<number | undefined> {
  const { now, until, max } = options;
  const expired = sql<boolean>`(locked_until is not null and locked_until <= ${now})`;
  const count = sql<number>`(case when ${expired} then 1 else failed_logins + 1 end)`;
  const row = await db
    .updateTable("users")
    .set({
      failed_logins: count,
      locked_until: sql<string | null>`(case when ${count} >= ${max} then ${until} when ${expired} then null
        else locked_until end)`,
    })
    .where("id", "=", id)
    .where("disabled", "=", 0)
    .where((eb) =>
      options.onlyUnfailed
        ? eb.or([eb("locked_until", "<=", now), eb.and([eb("locked_until", "is", null), eb("failed_logins", "=", 0)])])
        : eb.or([eb("locked_until", "is", null), eb("locked_until", "<=", now)]),
    )
    .returning("failed_logins")
    .executeTakeFirst();
  return row ? Number(row.failed_logins) : undefined;
}

export async function findUserById(db: Db, id: string): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function countUsersWithRole(db: Db, role: Role): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", role)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateUser(db: Db, id: string, patch: Updateable<UserTable>): Promise<void> {
  await db.updateTable("users").set(patch).where("id", "=", id).execute();
}

export interface UserListRow {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  agency_id: string | null;
  agency_name_th: string | null;
  disabled: number;
  locked_until: string | null;
  has_password: boolean;
}

/** Users of one agency, or of every agency when `agencyId` is null; never the password hash itself. */
export async function listUsers(db: Db, agencyId: string | null): Promise<UserListRow[]> {
  let query = db
    .selectFrom("users")
    .leftJoin("agencies", "agencies.id", "users.agency_id")
    .select([
      "users.id",
      "users.email",
      "users.name",
      "users.role",
      "users.agency_id",
      "agencies.name_th as agency_name_th",
      "users.disabled",
      "users.locked_until",
      "users.password_hash",
    ])
    .orderBy("agencies.name_th")
    .orderBy("users.email");
  if (agencyId !== null) query = query.where("users.agency_id", "=", agencyId);
  const rows = await query.execute();
  return rows.map(({ password_hash, ...row }) => ({ ...row, has_password: Boolean(password_hash) }));
}
