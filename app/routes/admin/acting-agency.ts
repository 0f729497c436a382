import { redirect } from "react-router";
import { setActingAgency } from "../../services/agencies.server";
import { requireUser, sessionIdOf } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { invalidForm, readForm, sameOriginPath } from "../../server/http.server";
import { ROLES } from "../../lib/roles";
import type { Route } from "./+types/acting-agency";

// POST /admin/acting-agency: a super-administrator starts (intent=enter, agencyId) or stops (intent=leave)
// working in one agency on this session, so that the agency-scoped pages serve that agency. Super only; audited.

/** Only a path inside the admin area, never another site. */
function nextPath(value: FormDataEntryValue | null, fallback: string): string {
  const path = sameOriginPath(value, fallback);
  return /^\/admin(?:[/?#]|$)/.test(path) ? path : fallback;
}

export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request, { roles: ROLES.actInAgency });
  throw redirect("/admin/agencies");
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request, { roles: ROLES.actInAgency });
  const form = await readForm(request, { resourceRoute: true });
  const intent = form.get("intent");
  if (intent !== "enter" && intent !== "leave") {
    return invalidForm([{ field: "intent", message: "Unknown action.", messageTh: "ไม่รู้จักคำสั่งนี้" }]);
  }
  const agencyId = intent === "enter" ? String(form.get("agencyId") ?? "") : null;
  const result = await setActingAgency(await getDb(), user, { sessionId: sessionIdOf(request), agencyId });
  if (!result.ok) return invalidForm(result.errors);
  if (intent === "enter") throw redirect(nextPath(form.get("next"), "/admin/official"));
  throw redirect(
    nextPath(form.get("next"), result.agencyId ? `/admin/agencies/${result.agencyId}` : "/admin/agencies"),
  );
}
