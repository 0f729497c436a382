import type { Db } from "../client";

/** What the respondent pages need about a round: its state, access mode and agency names. */
export interface RespondentRound {
  id: string;
  slug: string;
  framework: string;
  status: "draft" | "open" | "closed";
  opens_on: string | null;
  closes_on: string | null;
  iit_access: "pin" | "codes";
  fiscal_year: number;
  title: string | null;
  agency_name_th: string;
  agency_name_en: string | null;
}

export async function findRespondentRound(db: Db, slug: string): Promise<RespondentRound | undefined> {
  return db
    .selectFrom("rounds")
    .innerJoin("agencies", "agencies.id", "rounds.agency_id")
    .select([
      "rounds.id",
      "rounds.slug",
      "rounds.framework",
      "rounds.status",
      "rounds.opens_on",
      "rounds.closes_on",
      "rounds.iit_access",
      "rounds.fiscal_year",
      "rounds.title",
      "agencies.name_th as agency_name_th",
      "agencies.name_en as agency_name_en",
    ])
    .where("rounds.slug", "=", slug)
    .executeTakeFirst();
}
