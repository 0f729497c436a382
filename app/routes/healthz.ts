import { checkDatabase } from "../server/health.server";

// Liveness and readiness: 200 when the app and its database answer.
export async function loader() {
  const health = await checkDatabase();
  if (!health.ok) return Response.json({ status: "error", database: "unreachable" }, { status: 503 });
  return Response.json({ status: "ok", database: health.database }, { headers: { "Cache-Control": "no-store" } });
}
