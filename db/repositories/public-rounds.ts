import type { Db } from "../client";

export interface PublicRound {
  slug: string;
  fiscal_year: number;
  title: string | null;
  agency_name_th: string;
  agency_name_en: string | null;
}

/** Open rounds with their agency, for the home page. */
export async function listOpenRounds(db: Db): Promise<PublicRound[]> {
  return db
    .selectFrom("rounds")
    .innerJoin("agencies", "agencies.id", "rounds.agency_id")
    .select([
      "rounds.slug",
      "rounds.fiscal_year",
      "rounds.title",
      "agencies.name_th as agency_name_th",
      "agencies.name_en as agency_name_en",
    ])
    .where("rounds.status", "=", "open")
    .orderBy("agencies.name_th")
    .orderBy("rounds.fiscal_year", "desc")
    .execute();
}
