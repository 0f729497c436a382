import { redirect } from "react-router";
import { readForm } from "../server/http.server";
import type { Route } from "./+types/lang";

// Switches the interface language (a cookie) and returns to the page the visitor was on.
export async function action({ request }: Route.ActionArgs) {
  const form = await readForm(request);
  const lang = form.get("to") === "en" ? "en" : "th";
  const back = String(form.get("back") ?? "/");
  const safeBack = back.startsWith("/") && !back.startsWith("//") ? back : "/";
  return redirect(safeBack, {
    headers: { "Set-Cookie": `lang=${lang}; Path=/; Max-Age=31536000; SameSite=Lax` },
  });
}

export async function loader() {
  return redirect("/");
}
