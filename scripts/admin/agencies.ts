import { listAgencies } from "../../db/repositories/agencies";
import { listRoundsOfAgency } from "../../db/repositories/rounds";
import { defineCommand, openCliDb } from "../lib/cli";

/** Lists agencies (id, name) and their rounds with slugs, as lines a person can read. */
export const command = defineCommand({
  summary: "list agencies (id, name) and their rounds with slugs",
  usage: "agencies",
  async run(_args, io) {
    const db = await openCliDb(io);
    try {
      for (const agency of await listAgencies(db)) {
        const rounds = await listRoundsOfAgency(db, agency.id);
        io.stdout(`${agency.id}\t${agency.name_th}\n`);
        for (const r of rounds)
          io.stdout(`  round ${r.id}\tslug ${r.slug}\t${r.fiscal_year}\t${r.status}\t${r.framework}\n`);
      }
    } finally {
      await db.destroy();
    }
  },
});
