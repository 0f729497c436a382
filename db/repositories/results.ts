import { sql } from "kysely";
import type { Db } from "../client";

/** How a survey instrument is keyed in stored rows (app/lib/instruments.ts's SurveyKind; db/ imports nothing in app/). */
export type SurveyKind = "iit" | "eit";
export type TallyCount = { channel: string; item: string; sub: number; level: number; count: number };
export type ChannelCount = { instrument: SurveyKind; channel: string; count: number };

const num = (v: unknown) => Number(v);

/** The round's live per-item counts of one instrument, per channel ('' for IIT and EIT without one). */
export async function listTallies(db: Db, roundId: string, instrument: SurveyKind): Promise<TallyCount[]> {
  const rows = await db
    .selectFrom("tallies")
    .select(["channel", "item", "sub", "level", "count"])
    .where("round_id", "=", roundId)
    .where("instrument", "=", instrument)
    .execute();
  return rows.map((r) => ({
    channel: r.channel,
    item: r.item,
    sub: num(r.sub),
    level: num(r.level),
    count: num(r.count),
  }));
}

/** Responses per instrument and channel. */
export async function listResponseCounts(db: Db, roundId: string): Promise<ChannelCount[]> {
  const rows = await db
    .selectFrom("response_counts")
    .select(["instrument", "channel", "count"])
    .where("round_id", "=", roundId)
    .execute();
  return rows.map((r) => ({ instrument: r.instrument, channel: r.channel, count: num(r.count) }));
}

/** Names of the round's EIT channels by key. */
export async function listChannelNames(db: Db, roundId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom("eit_channels").select(["key", "name"]).where("round_id", "=", roundId).execute();
  return new Map(rows.map((r) => [r.key, r.name]));
}

export type RawResponse = { framework: string; channel: string | null; respondentType: string | null; answers: string };

/**
 * Every stored response of one instrument (for recount and exports). IIT rows carry no id and are
 * shuffled here, so neither storage order nor ids reach a caller.
 */
export async function listRawResponses(db: Db, roundId: string, instrument: SurveyKind): Promise<RawResponse[]> {
  if (instrument === "eit") {
    const rows = await db
      .selectFrom("eit_responses")
      .select(["framework", "channel", "respondent_type", "answers"])
      .where("round_id", "=", roundId)
      .orderBy("day")
      .orderBy("id")
      .execute();
    return rows.map((r) => ({
      framework: r.framework,
      channel: r.channel,
      respondentType: r.respondent_type,
      answers: r.answers,
    }));
  }
  const rows = await db
    .selectFrom("iit_responses")
    .select(["framework", "answers"])
    .where("round_id", "=", roundId)
    .execute();
  return shuffle(
    rows.map((r) => ({ framework: r.framework, channel: null, respondentType: null, answers: r.answers })),
  );
}

function shuffle<T>(list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

export type RebuiltCounts = {
  tallies: (TallyCount & { instrument: SurveyKind })[];
  counts: ChannelCount[];
};

const CHUNK = 200;

/**
 * Replaces a round's tallies and response counts with ones rebuilt from raw answers. The IIT release
 * (iit_release_tallies) is never touched: released figures do not move. Several statements: run it in the
 * caller's transaction.
 */
export async function replaceCounts(tx: Db, roundId: string, rebuilt: RebuiltCounts): Promise<void> {
  await tx.deleteFrom("tallies").where("round_id", "=", roundId).execute();
  await tx.deleteFrom("response_counts").where("round_id", "=", roundId).execute();
  const tallies = rebuilt.tallies.map((t) => ({ round_id: roundId, ...t }));
  for (let i = 0; i < tallies.length; i += CHUNK)
    await tx
      .insertInto("tallies")
      .values(tallies.slice(i, i + CHUNK))
      .execute();
  if (rebuilt.counts.length)
    await tx
      .insertInto("response_counts")
      .values(rebuilt.counts.map((c) => ({ round_id: roundId, ...c })))
      .execute();
}

/** Total of all tally counts of a round (a cheap fingerprint used by tests and the recount report). */
export async function sumTallies(db: Db, roundId: string): Promise<number> {
  const row = await db
    .selectFrom("tallies")
    .select(sql<number>`coalesce(sum(count), 0)`.as("total"))
    .where("round_id", "=", roundId)
    .executeTakeFirst();
  return num(row?.total ?? 0);
}
