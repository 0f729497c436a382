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
