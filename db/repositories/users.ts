import type { Insertable, Selectable, Updateable } from "kysely";
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
