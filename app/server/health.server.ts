import { sql } from "kysely";
import { getDb, dbKind } from "./db.server";

/** Whether the app's database answers a trivial query, and which kind it is; never throws. */
export async function checkDatabase(): Promise<{ ok: true; database: "sqlite" | "postgres" } | { ok: false }> {
  try {
    const db = await getDb();
    await sql`select 1`.execute(db);
    return { ok: true, database: dbKind(db) };
  } catch {
    return { ok: false };
  }
}
