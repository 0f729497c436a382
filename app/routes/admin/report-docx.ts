import { notFound } from "../../server/http.server";
import { ROLES } from "../../lib/roles";
import { requireAgencyOf, requireUser } from "../../server/auth.server";
import { config } from "../../server/config.server";
import { getDb } from "../../server/db.server";
import { reportDocx } from "../../services/reports/docx.server";
import { loadReport, measureViews } from "../../services/reports/report.server";
import { composeProgress, composeReport, todayIn } from "../../report";
import type { Route } from "./+types/report-docx";

// GET /admin/reports/:id/docx (?progress=1 for the progress report): the report as a Word file.
export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.readResults });
  const agencyId = requireAgencyOf(user);
  const loaded = params.reportId ? await loadReport(await getDb(), agencyId, params.reportId) : undefined;
  if (!loaded?.draft) throw notFound();
  const url = new URL(request.url);
  const progress = url.searchParams.get("progress") === "1";
  const date = todayIn(config().TZ);
  const measures = measureViews(loaded.measures);
  const blocks = progress
    ? composeProgress(loaded.draft, measures, loaded.options, date)
    : composeReport(loaded.draft, loaded.edits, measures, loaded.options, date);
  const body = await reportDocx(blocks, { title: loaded.report.title, thaiDigits: loaded.options.thaiDigits });
  const name = `${progress ? "progress" : "measures"}-${loaded.report.measures_year}.docx`;
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}
