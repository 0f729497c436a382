import type { Db } from "../../db/client";
import { post } from "./app";

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
  const res = await post(server, `/admin/rounds/${roundId}/settings`, cookie, {
    fiscal_year: String(round.fiscal_year),
    title: round.title ?? "",
    framework: round.framework,
    status,
    opens_on: round.opens_on ?? "",
    closes_on: round.closes_on ?? "",
    iit_access: round.iit_access,
    pin: round.pin ?? "",
    strength_line: String(round.strength_line),
    target_line: String(round.target_line),
    min_iit: String(round.min_iit),
    min_eit: String(round.min_eit),
  });
  return res.status;
}
