import { parseArgs } from "node:util";
import { getRoundResults, resultsJson } from "../../app/services/results/results.server";
import { openCliDb } from "../lib/cli";
import type { Command } from "./command";
import { roundFromArgs } from "./round-arg";

export const command: Command = {
  summary: "a round's results from its tallies: the fields of analyze plus responseCounts",
  usage: "results --round ID|SLUG",
  async run(args) {
    const { values } = parseArgs({ args, options: { round: { type: "string" } } });
    const db = await openCliDb();
    try {
      const round = await roundFromArgs(db, values.round, this.usage);
      const results = await getRoundResults(db, round);
      process.stdout.write(`${JSON.stringify(resultsJson(results), null, 2)}\n`);
      return 0;
    } finally {
      await db.destroy();
    }
  },
};
