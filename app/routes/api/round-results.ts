import { ROLES } from "../../lib/roles";
import { requireRoundAccess } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { getRoundResults, resultsJson } from "../../services/results/results.server";
import type { Route } from "./+types/round-results";

// GET /api/rounds/:roundId/results — the same fields as `ita results --round ID`.
export async function loader({ request, params }: Route.LoaderArgs) {
  const { round } = await requireRoundAccess(request, params.roundId, ROLES.readResults);
  const results = await getRoundResults(await getDb(), round);
  return Response.json(resultsJson(results), { headers: { "Cache-Control": "no-store" } });
}
