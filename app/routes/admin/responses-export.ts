import { data } from "react-router";
import { ROLES } from "../../lib/roles";
import { requireRoundAccess } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { buildExportTable, toCsv, toXlsx } from "../../services/results/exports.server";
import type { Route } from "./+types/responses-export";

// GET /admin/rounds/:roundId/responses/csv|xlsx — the round's responses as a file.
export async function loader({ request, params }: Route.LoaderArgs) {
  const { round } = await requireRoundAccess(request, params.roundId, ROLES.readResults);
  if (params.format !== "csv" && params.format !== "xlsx")
    throw data({ error: "Unknown format.", errorTh: "ไม่รู้จักรูปแบบไฟล์นี้" }, { status: 404 });
  const table = await buildExportTable(await getDb(), round);
  const name = `ita-${round.fiscal_year}-${round.slug}-responses`;
  const headers = {
    "Cache-Control": "no-store",
    "X-IIT-Rows": table.iitRows,
  };
  if (params.format === "csv")
    return new Response(toCsv(table), {
      headers: {
        ...headers,
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}.csv"`,
      },
    });
  const body = await toXlsx(table, `ITA ${round.fiscal_year}`);
  return new Response(new Uint8Array(body), {
    headers: {
      ...headers,
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}.xlsx"`,
    },
  });
}
