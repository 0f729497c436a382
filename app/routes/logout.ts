import { redirect } from "react-router";
import { signOut } from "../services/users/sign-in.server";
import { requireSameOrigin } from "../server/auth.server";
import { getDb } from "../server/db.server";
import type { Route } from "./+types/logout";

// Sign-out: POST only (a link cannot sign anyone out); revokes the session row and clears the cookie.
export async function action({ request }: Route.ActionArgs) {
  requireSameOrigin(request);
  const cookie = await signOut(await getDb(), request);
  return redirect("/login", { headers: { "Set-Cookie": cookie } });
}

export async function loader() {
  return redirect("/admin");
}
