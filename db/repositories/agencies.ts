import type { Insertable, Selectable } from "kysely";
import type { Db } from "../client";
import type { AgencyTable } from "../schema";

export type Agency = Selectable<AgencyTable>;

export async function insertAgency(db: Db, agency: Insertable<AgencyTable>): Promise<void> {
  await db.insertInto("agencies").values(agency).execute();
}

export async function findAgency(db: Db, id: string): Promise<Agency | undefined> {
  return db.selectFrom("agencies").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listAgencies(db: Db): Promise<Agency[]> {
  return db.selectFrom("agencies").selectAll().orderBy("created_at").orderBy("name_th").execute();
}

export async function countAgencies(db: Db): Promise<number> {
  const row = await db
    .selectFrom("agencies")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateAgency(db: Db, id: string, patch: Partial<Insertable<AgencyTable>>): Promise<void> {
  await db.updateTable("agencies").set(patch).where("id", "=", id).execute();
}
