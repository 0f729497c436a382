import { findAgency } from "../../../db/repositories/agencies";
import { ROLES } from "../../lib/roles";
import { requireRoundAccess } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { loadOitView, oitWorkbook } from "../../services/oit/oit.server";
import type { Route } from "./+types/round-oit-xlsx";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { round } = await requireRoundAccess(request, params.roundId, ROLES.readResults);
  const db = await getDb();
  const agency = await findAgency(db, round.agency_id);
  const body = await oitWorkbook(await loadOitView(db, round), {
    agency: agency?.name_th ?? "",
    fiscalYear: round.fiscal_year,
  });
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="oit-${round.fiscal_year}-${round.slug}.xlsx"`,
      "Cache-Control": "no-store",
    },
  });
}
