import { parseArgs } from "node:util";
import { recountRound } from "../../app/services/results/recount.server";
import { getRoundResults, resultsJson } from "../../app/services/results/results.server";
import { defineCommand, openCliDb } from "../lib/cli";
import { roundFromArgs } from "./round-arg";

export const command = defineCommand({
  summary: "rebuild a round's tallies and IIT snapshot from the raw answers, then print its results",
  usage: "recount --round ID|SLUG",
  async run(args, io) {
    const { values } = parseArgs({ args, options: { round: { type: "string" } } });
    const db = await openCliDb(io);
    try {
      const round = await roundFromArgs(db, values.round, this.usage);
      const report = await recountRound(db, round);
      io.stderr(`recount: ${report.changedRows} tally row(s) differed from the raw answers and were rebuilt\n`);
      const results = await getRoundResults(db, round);
      io.stdout(
        `${JSON.stringify({ ...resultsJson(results), recount: { changedRows: report.changedRows } }, null, 2)}\n`,
      );
    } finally {
      await db.destroy();
    }
  },
});
