import { findIitSeal } from "../../db/repositories/iit-seal";
import { insertIitCodes } from "../../db/repositories/round-access";
import { CliError, defineCommand, openCliDb, parseArgs, requireOption } from "../lib/cli";
import { roundFromOptions } from "./round-arg";

/**
 * `codes --round SLUG --count N`: prints N new one-time IIT codes, one per line (only their hashes
 * are stored, so print or hand them out now). Does not switch the round's access mode.
 */
export const command = defineCommand({
  summary: "print N new one-time IIT codes, one per line (only their hashes are kept)",
  usage: "codes --round SLUG --count N",
  async run(args, io) {
    const { options } = parseArgs(args);
    const count = Number(requireOption(options, "count"));
    if (!Number.isInteger(count) || count < 1 || count > 100_000)
      throw new CliError("--count must be a whole number from 1 to 100000");
    const db = await openCliDb(io);
    try {
      const round = await roundFromOptions(db, options);
      if (await findIitSeal(db, round.id))
        throw new CliError(
          `round ${round.slug}'s IIT was sealed when it closed: it takes no more answers, so no new codes`,
        );
      const codes = await db.transaction().execute((tx) => insertIitCodes(tx, round.id, count));
      io.stdout(codes.join("\n") + "\n");
      if (round.iit_access !== "codes")
        io.stderr(
          `note: round ${round.slug} uses a PIN for IIT; switch it to one-time codes in its settings to use these.\n`,
        );
    } finally {
      await db.destroy();
    }
  },
});
