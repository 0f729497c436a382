import { listAgencies } from "../../db/repositories/agencies";
import { listRoundsOfAgency } from "../../db/repositories/rounds";
import { openCliDb } from "../lib/cli";

/** Lists agencies (id, name) and their rounds with slugs, as JSON lines a person can read. */
export async function run(): Promise<void> {
  const db = await openCliDb();
  try {
    for (const agency of await listAgencies(db)) {
      const rounds = await listRoundsOfAgency(db, agency.id);
      console.log(`${agency.id}\t${agency.name_th}`);
      for (const r of rounds)
        console.log(`  round ${r.id}\tslug ${r.slug}\t${r.fiscal_year}\t${r.status}\t${r.framework}`);
    }
  } finally {
    await db.destroy();
  }
}
