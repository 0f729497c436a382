import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { exportLeague, parseLeagueFilters } from "../../services/groups/league.server";
import type { Route } from "./+types/league-export";

// GET /supervise/groups/:groupId/league/csv|xlsx — the league table as a file (one row per agency).
export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.supervise });
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const year = query.year ? Number(query.year) : undefined;
  const file = await exportLeague(await getDb(), user, params.groupId, params.format, {
    fiscalYear: year,
    filters: parseLeagueFilters(query),
  });
  return new Response(file.body, {
    headers: {
      "Cache-Control": "no-store",
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
    },
  });
}
