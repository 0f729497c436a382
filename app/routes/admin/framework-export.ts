import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { exportFramework } from "../../services/frameworks/manage.server";
import type { Route } from "./+types/framework-export";

/** A framework's JSON as a file to edit and import again (super-administrators). */
export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.manageFrameworks });
  const { filename, text } = await exportFramework(await getDb(), user, params.frameworkId);
  return new Response(text, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
