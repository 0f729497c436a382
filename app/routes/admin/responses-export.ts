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
      "X-IIT-Rows": file.iitRows,
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
    },
  });
}
