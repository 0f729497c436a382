import { sql } from "kysely";
import { getDb, dbKind } from "../server/db.server";

// Liveness and readiness: 200 when the app and its database answer.
export async function loader() {
  try {
    const db = await getDb();
    await sql`select 1`.execute(db);
    return Response.json({ status: "ok", database: dbKind(db) }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ status: "error", database: "unreachable" }, { status: 503 });
  }
}
