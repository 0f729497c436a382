import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { getResultsJson } from "../../services/results/results.server";
import type { Route } from "./+types/round-results";

// GET /api/rounds/:roundId/results — the same fields as `ita results --round ID`.
export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.readResults });
  return Response.json(await getResultsJson(await getDb(), user, params.roundId), {
    headers: { "Cache-Control": "no-store" },
  });
}
