import { sql } from "kysely";
import type { Db } from "../client";
import type { IitAccessCounts } from "./iit-release";
import { oitUrls } from "./oit";

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

/** Everything a round's results are computed from, as `readRoundResultInputs` reads it in one statement. */
export type RoundResultInputs = {
  counts: ChannelCount[];
  /** The live EIT tallies per channel (never the live IIT ones). */
  eitTallies: TallyCount[];
  /** The IIT decision at the first close (released or withheld), null while never closed. */
  decision: { released: boolean; decidedAt: string; count: number } | null;
  /** The released IIT tallies (none unless released). */
  releaseRows: { item: string; sub: number; level: number; count: number }[];
  channelNames: Map<string, string>;
  /** Answered OIT items (มี / ไม่มี) with their URLs. */
  checklist: Record<string, { has: boolean; urls: string[] }>;
  access: IitAccessCounts;
  codes: { total: number; used: number };
  /** Stored IIT answer sheets matching `commentsLike`, only when asked for and only of a released round. */
  commentSheets: string[];
};

type InputRow = {
  k: string;
  s1: string | null;
  s2: string | null;
  n1: number | null;
  n2: number | null;
  n3: number | null;
};

/**
 * A round's result inputs in one statement (one round trip to PostgreSQL instead of a dozen; decision 0018):
 * response counts, EIT tallies, the IIT decision and released tallies, EIT channel names, the answered OIT
 * items, IIT access counts, IIT codes issued and used, and — with `commentsLike` — the IIT sheets that may hold a
 * comment, read only when the round's IIT was released (in the same statement, so from the same snapshot).
 */
export async function readRoundResultInputs(
  db: Db,
  roundId: string,
  options: { commentsLike?: string } = {},
): Promise<RoundResultInputs> {
  const id = roundId;
  const released = sql`exists (select 1 from iit_releases x where x.round_id = ${id} and x.released = 1)`;
  const comments =
    options.commentsLike === undefined
      ? sql``
      : // The pattern as a literal (it is the caller's constant): SQLite uses the partial index on the comment
        // sheets (migration 0017) only when the query's text implies the index's predicate.
        sql`union all select 'm', answers, null, null, null, null from iit_responses
          where round_id = ${id} and answers like ${sql.lit(options.commentsLike)} and ${released}`;
  const { rows } = await sql<InputRow>`select 'c' as k, cast(instrument as text) as s1, cast(channel as text) as s2,
        cast(null as integer) as n1, cast(null as integer) as n2, cast(count as integer) as n3
      from response_counts where round_id = ${id}
    union all select 't', channel, item, sub, level, count from tallies where round_id = ${id} and instrument = 'eit'
    union all select 'd', released_at, null, released, count, null from iit_releases where round_id = ${id}
    union all select 'r', null, item, sub, level, count from iit_release_tallies where round_id = ${id} and ${released}
    union all select 'h', key, name, null, null, null from eit_channels where round_id = ${id}
    union all select 'o', item, urls, has, null, null from oit_answers where round_id = ${id} and has is not null
    union all select 'a', kind, null, null, null, count from iit_access_counts where round_id = ${id}
    union all select 's', null, null, codes_issued, codes_used, null from iit_seals where round_id = ${id}
    union all select 'u', null, null, cast((select count(*) from iit_codes where round_id = ${id}) as integer),
        (select used_count from iit_code_use where round_id = ${id}), null
      where not exists (select 1 from iit_seals where round_id = ${id})
    ${comments}`.execute(db);
  const inputs: RoundResultInputs = {
    counts: [],
    eitTallies: [],
    decision: null,
    releaseRows: [],
    channelNames: new Map(),
    checklist: {},
    access: { code: 0, pin: 0, staff: 0 },
    codes: { total: 0, used: 0 },
    commentSheets: [],
  };
  for (const r of rows) {
    switch (r.k) {
      case "c":
        inputs.counts.push({ instrument: r.s1 as SurveyKind, channel: r.s2!, count: num(r.n3) });
        break;
      case "t":
        inputs.eitTallies.push({ channel: r.s1!, item: r.s2!, sub: num(r.n1), level: num(r.n2), count: num(r.n3) });
        break;
      case "d":
        inputs.decision = { released: num(r.n1) === 1, decidedAt: r.s1!, count: num(r.n2) };
        break;
      case "r":
        inputs.releaseRows.push({ item: r.s2!, sub: num(r.n1), level: num(r.n2), count: num(r.n3) });
        break;
      case "h":
        inputs.channelNames.set(r.s1!, r.s2!);
        break;
      case "o":
        inputs.checklist[r.s1!] = { has: num(r.n1) === 1, urls: oitUrls(r.s2) };
        break;
      case "a":
        inputs.access[r.s1 as "code" | "pin" | "staff"] = num(r.n3);
        break;
      case "s":
      case "u":
        inputs.codes = { total: num(r.n1 ?? 0), used: num(r.n2 ?? 0) };
        break;
      case "m":
        inputs.commentSheets.push(r.s1!);
    }
  }
  return inputs;
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
