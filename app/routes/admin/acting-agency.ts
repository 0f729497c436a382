import { data, redirect } from "react-router";
import { findAgency } from "../../../db/repositories/agencies";
import { audit } from "../../lib/audit.server";
import { requireUser, setActingAgency } from "../../lib/auth.server";
import { getDb } from "../../lib/db.server";
import { readForm } from "../../lib/forms.server";
import type { Route } from "./+types/acting-agency";

// POST /admin/acting-agency: a super-administrator starts (intent=enter, agencyId) or stops (intent=leave)
// working in one agency on this session, so that the agency-scoped pages serve that agency. Super only; audited.
const SUPER_ONLY = ["super"] as const;

/** Only a path inside the admin area, never another site. */
function nextPath(value: FormDataEntryValue | null, fallback: string): string {
  const path = typeof value === "string" ? value : "";
  return /^\/admin(\/[\w\-./?=&%]*)?$/.test(path) && !path.includes("//") ? path : fallback;
}

export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request, { roles: SUPER_ONLY });
  throw redirect("/admin/agencies");
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request, { roles: SUPER_ONLY });
  const form = await readForm(request);
  const db = await getDb();
  const intent = form.get("intent");
  if (intent === "enter") {
    const agency = await findAgency(db, String(form.get("agencyId") ?? ""));
    if (!agency) {
      return data({ errors: [{ field: "agencyId", message: "Unknown agency.", messageTh: "ไม่พบหน่วยงานนี้" }] }, { status: 400 });
    }
    await setActingAgency(db, request, user, agency.id);
    await audit(db, { user, agencyId: agency.id, action: "agency.act", entity: "agency", entityId: agency.id, detail: { name_th: agency.name_th } });
    throw redirect(nextPath(form.get("next"), "/admin/official"));
  }
  if (intent === "leave") {
    const left = user.acting_agency_id;
    await setActingAgency(db, request, user, null);
    if (left) await audit(db, { user, agencyId: left, action: "agency.act-leave", entity: "agency", entityId: left });
    throw redirect(nextPath(form.get("next"), left ? `/admin/agencies/${left}` : "/admin/agencies"));
  }
  return data({ errors: [{ field: "intent", message: "Unknown action.", messageTh: "ไม่รู้จักคำสั่งนี้" }] }, { status: 400 });
}
