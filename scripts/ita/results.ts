import { parseArgs } from "node:util";
import { getRoundResults, resultsJson } from "../../app/services/results/results.server";
import { defineCommand, openCliDb } from "../lib/cli";
import { roundFromArgs } from "./round-arg";

export const command = defineCommand({
  summary: "a round's results from its tallies: the fields of analyze plus responseCounts",
  usage: "results --round ID|SLUG",
  async run(args, io) {
    const { values } = parseArgs({ args, options: { round: { type: "string" } } });
    const db = await openCliDb(io);
    try {
      const round = await roundFromArgs(db, values.round, this.usage);
      const results = await getRoundResults(db, round);
      io.stdout(`${JSON.stringify(resultsJson(results), null, 2)}\n`);
    } finally {
      await db.destroy();
    }
  },
});
