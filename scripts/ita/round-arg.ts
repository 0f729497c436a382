import type { Db } from "../../db/client";
import { findRoundByIdOrSlug, type Round } from "../../db/repositories/rounds";
import { CliError } from "../lib/cli";

/** `--round ID` (the round's id or its slug) → the round, or a clear error. */
export async function roundFromArgs(db: Db, value: string | undefined, usage: string): Promise<Round> {
  if (!value) throw new CliError(`missing --round ID (the round's id or slug)\nusage: ${usage}`, 2);
  const round = await findRoundByIdOrSlug(db, value);
  if (!round) throw new CliError(`no round with id or slug "${value}"`);
  return round;
}
