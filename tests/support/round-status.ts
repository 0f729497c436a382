import type { Db } from "../../db/client";
import { post } from "./app";
import { roundSettingsForm } from "./factories";

/**
 * Changes a round's status through the real settings form (`/admin/rounds/:id/settings`), keeping its other
 * settings as they are in the database; the redirect (302) means saved. Closing decides the IIT release.
 */
export async function setRoundStatus(
  server: { url: string },
  cookie: string,
  db: Db,
  roundId: string,
  status: "open" | "closed",
): Promise<number> {
  const round = await db.selectFrom("rounds").selectAll().where("id", "=", roundId).executeTakeFirstOrThrow();
  const res = await post(server, `/admin/rounds/${roundId}/settings`, cookie, roundSettingsForm(round, status));
  return res.status;
}
