import { redirect } from "react-router";
import { destroySession, requireSameOrigin } from "../server/auth.server";
import { getDb } from "../server/db.server";
import type { Route } from "./+types/logout";

// Sign-out: POST only (a link cannot sign anyone out); revokes the session row and clears the cookie.
export async function action({ request }: Route.ActionArgs) {
  requireSameOrigin(request);
  const cookie = await destroySession(await getDb(), request);
  return redirect("/login", { headers: { "Set-Cookie": cookie } });
}

export async function loader() {
  return redirect("/admin");
}
