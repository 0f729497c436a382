import { parseArgs } from "node:util";
import { leagueJson } from "../../app/services/groups/league.server";
import { CliError, defineCommand, openCliDb } from "../lib/cli";

export const command = defineCommand({
  summary: "the league table of an agency group and every group below it: position, total, rating, responseCounts",
  usage: "league --group ID [--year YYYY]",
  async run(args, io) {
    const { values } = parseArgs({ args, options: { group: { type: "string" }, year: { type: "string" } } });
    if (!values.group) throw new CliError(`missing --group ID (the agency group's id)\nusage: ${this.usage}`, 2);
    const year = values.year === undefined ? undefined : Number(values.year);
    if (year !== undefined && !(Number.isInteger(year) && year >= 2500 && year <= 2700))
      throw new CliError(`--year must be a Buddhist-era fiscal year such as 2569\nusage: ${this.usage}`, 2);
    const db = await openCliDb(io);
    try {
      const json = await leagueJson(db, values.group, year);
      if (!json) throw new CliError(`no agency group with id "${values.group}"`);
      io.stdout(`${JSON.stringify(json, null, 2)}\n`);
    } finally {
      await db.destroy();
    }
  },
});
