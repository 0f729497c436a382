import { redirect } from "react-router";
import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import type { Route } from "./+types/index";

export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request, { roles: ROLES.any });
  throw redirect("/admin/rounds");
}
