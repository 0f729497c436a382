import { setRoundPin } from "../../db/repositories/round-access";
import { CliError, openCliDb, parseArgs } from "../lib/cli";
import { roundFromOptions } from "./round-arg";

/** `pin --round SLUG [--set PIN]`: prints the round's IIT PIN, or sets it (4–12 digits). */
export async function run(args: string[]): Promise<void> {
  const { options } = parseArgs(args);
  const db = await openCliDb();
  try {
    const round = await roundFromOptions(db, options);
    if (options.set === undefined) {
      if (!round.pin) throw new CliError(`round ${round.slug} has no PIN (set one with --set)`);
      console.log(round.pin);
      return;
    }
    const pin = String(options.set);
    if (!/^\d{4,12}$/.test(pin)) throw new CliError("--set needs a PIN of 4 to 12 digits");
    await setRoundPin(db, round.id, pin);
    console.log(pin);
  } finally {
    await db.destroy();
  }
}
