import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { exportResponses } from "../../services/results/exports.server";
import type { Route } from "./+types/responses-export";

// GET /admin/rounds/:roundId/responses/csv|xlsx — the round's responses as a file.
export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.readResults });
  const file = await exportResponses(await getDb(), user, params.roundId, params.format);
  return new Response(file.body, {
    headers: {
      "Cache-Control": "no-store",
      // No IIT answer sheet is ever exported; the released IIT travels as aggregates in the XLSX only.
      "X-IIT-Rows": "none",
      "X-IIT-Aggregates": file.iitAggregates,
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
    },
  });
}
