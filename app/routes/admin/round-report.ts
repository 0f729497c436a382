import { redirect } from "react-router";
import { ROLES } from "../../lib/roles";
import { requireRoundAccess } from "../../server/auth.server";
import type { Route } from "./+types/round-report";

// The round hub's "report" link: the reports page with this round chosen as the basis.
export async function loader({ request, params }: Route.LoaderArgs) {
  const { round } = await requireRoundAccess(request, params.roundId, ROLES.readResults);
  throw redirect(`/admin/reports?round=${encodeURIComponent(round.id)}`);
}
