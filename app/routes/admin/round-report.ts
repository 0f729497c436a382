import { redirect } from "react-router";
import { requireRoundAccess, ROLES } from "../../lib/auth.server";
import type { Route } from "./+types/round-report";

// The round hub's "report" link: the reports page with this round chosen as the basis.
export async function loader({ request, params }: Route.LoaderArgs) {
  const { round } = await requireRoundAccess(request, params.roundId, ROLES.readResults);
  throw redirect(`/admin/reports?round=${encodeURIComponent(round.id)}`);
}
