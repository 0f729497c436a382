import type { Db } from "../../db/client";
import { findRoundByIdOrSlug, type Round } from "../../db/repositories/rounds";
import { CliError, requireOption } from "../lib/cli";

/** The round named by `--round` (slug or id); a CliError when there is none. */
export async function roundFromOptions(db: Db, options: Record<string, string | true>): Promise<Round> {
  const name = requireOption(options, "round");
  const round = await findRoundByIdOrSlug(db, name);
  if (!round) throw new CliError(`no round "${name}" (list rounds with: npm run --silent admin -- agencies)`);
  return round;
}
