import { ROLES } from "../../lib/roles";
import { getReportDocx } from "../../services/reports/reports.server";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import type { Route } from "./+types/report-docx";

// GET /admin/reports/:id/docx (?progress=1 for the progress report): the report as a Word file.
export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.readResults });
  const progress = new URL(request.url).searchParams.get("progress") === "1";
  const { fileName, body } = await getReportDocx(await getDb(), user, params.reportId, { progress });
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
