import { upsertEitChannel } from "../../db/repositories/round-access";
import { CliError, defineCommand, openCliDb, parseArgs, requireOption } from "../lib/cli";
import { roundFromOptions } from "./round-arg";

const KEY = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** `channel --round SLUG --key KEY --name NAME [--kiosk]`: creates or updates an EIT channel. */
export const command = defineCommand({
  summary: "create or update an EIT channel",
  usage: "channel --round SLUG --key KEY --name NAME [--kiosk]",
  async run(args, io) {
    const { options } = parseArgs(args);
    const key = requireOption(options, "key");
    const name = requireOption(options, "name").trim();
    if (!KEY.test(key)) throw new CliError("--key must be lower-case letters, digits and dashes (e.g. counter-1)");
    if (!name || name.length > 200) throw new CliError("--name must be 1 to 200 characters");
    const db = await openCliDb(io);
    try {
      const round = await roundFromOptions(db, options);
      const { created, channel } = await upsertEitChannel(db, {
        roundId: round.id,
        key,
        name,
        kiosk: options.kiosk === true,
      });
      io.stdout(
        `${created ? "created" : "updated"} channel ${channel.key}\t${channel.name}\t${channel.kiosk ? "kiosk" : "personal"}\n`,
      );
    } finally {
      await db.destroy();
    }
  },
});
