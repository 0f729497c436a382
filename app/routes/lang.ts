import { redirect } from "react-router";
import { requireSameOrigin } from "../server/auth.server";
import { readForm, sameOriginPath } from "../server/http.server";
import type { Route } from "./+types/lang";

// Switches the interface language (a cookie) and returns to the page the visitor was on (a path on this site:
// a form on another site can neither post here nor send the visitor elsewhere through here).
export async function action({ request }: Route.ActionArgs) {
  requireSameOrigin(request);
  const form = await readForm(request, { resourceRoute: true });
  const lang = form.get("to") === "en" ? "en" : "th";
  return redirect(sameOriginPath(form.get("back"), "/"), {
    headers: { "Set-Cookie": `lang=${lang}; Path=/; Max-Age=31536000; SameSite=Lax` },
  });
}

export async function loader() {
  return redirect("/");
}
