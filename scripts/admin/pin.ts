import { setRoundPin } from "../../db/repositories/round-access";
import { CliError, defineCommand, openCliDb, parseArgs } from "../lib/cli";
import { roundFromOptions } from "./round-arg";

/** `pin --round SLUG [--set PIN]`: prints the round's IIT PIN, or sets it (4–12 digits). */
export const command = defineCommand({
  summary: "print the round's IIT PIN, or set it (4–12 digits)",
  usage: "pin --round SLUG [--set PIN]",
  async run(args, io) {
    const { options } = parseArgs(args);
    const db = await openCliDb(io);
    try {
      const round = await roundFromOptions(db, options);
      if (options.set === undefined) {
        if (!round.pin) throw new CliError(`round ${round.slug} has no PIN (set one with --set)`);
        io.stdout(`${round.pin}\n`);
        return;
      }
      const pin = String(options.set);
      if (!/^\d{4,12}$/.test(pin)) throw new CliError("--set needs a PIN of 4 to 12 digits");
      await setRoundPin(db, round.id, pin);
      io.stdout(`${pin}\n`);
    } finally {
      await db.destroy();
    }
  },
});
