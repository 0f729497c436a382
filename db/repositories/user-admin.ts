import type { Db } from "../client";

export interface UserListRow {
  id: string;
  email: string;
  name: string | null;
  role: string;
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
