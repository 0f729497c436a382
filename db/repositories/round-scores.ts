import { sql } from "kysely";
import type { Db } from "../client";
import { scopeRoundIds } from "./groups";

// The league table's kept scores (migration 20261205_0016, decision 0014) and the batched reads that score the
// rounds whose kept scores are missing or out of date. Reads of many rounds go in chunks of ids (SQLite and
// PostgreSQL both cap the parameters of one statement).

const num = (v: unknown) => Number(v);
const CHUNK = 500;

export type KeptScores = { version: number; scoredVersion: number | null; scores: string | null };

async function inChunks<T>(ids: readonly string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await read(ids.slice(i, i + CHUNK))));
  return out;
}

/** The kept scores of the given rounds (a round never written to has no row: version 0). */
export async function listRoundScores(db: Db, roundIds: readonly string[]): Promise<Map<string, KeptScores>> {
  const rows = await inChunks(roundIds, (chunk) =>
    db
      .selectFrom("round_scores")
      .select(["round_id", "version", "scored_version", "scores"])
      .where("round_id", "in", chunk)
      .execute(),
  );
  return new Map(
    rows.map((r) => [
      r.round_id,
      {
        version: num(r.version),
        scoredVersion: r.scored_version === null ? null : num(r.scored_version),
        scores: r.scores,
      },
    ]),
  );
}

/** The kept scores of the rounds of `fiscalYear` in a group's scope, in one statement. */
export async function listScopeRoundScores(
  db: Db,
  groupId: string,
  fiscalYear: number,
): Promise<Map<string, KeptScores>> {
  const rows = await db
    .selectFrom("round_scores")
    .select(["round_id", "version", "scored_version", "scores"])
    .where(sql<boolean>`round_id in ${scopeRoundIds(groupId, fiscalYear)}`)
    .execute();
  return new Map(
    rows.map((r) => [
      r.round_id,
      {
        version: num(r.version),
        scoredVersion: r.scored_version === null ? null : num(r.scored_version),
        scores: r.scores,
      },
    ]),
  );
}

/**
 * Keeps scores computed from inputs read at `version`: written only while the round's version is still that one
 * (an input that changed meanwhile leaves the row stale, to be scored again at the next read).
 */
export async function saveRoundScores(
  db: Db,
  rows: readonly { roundId: string; version: number; scores: string }[],
): Promise<void> {
  const fresh = rows.filter((r) => r.version === 0);
  const bumped = rows.filter((r) => r.version !== 0);
  for (let i = 0; i < fresh.length; i += CHUNK)
    await db
      .insertInto("round_scores")
      .values(
        fresh
          .slice(i, i + CHUNK)
          .map((r) => ({ round_id: r.roundId, version: 0, scored_version: 0, scores: r.scores })),
      )
      .onConflict((oc) => oc.column("round_id").doNothing())
      .execute();
  for (let i = 0; i < bumped.length; i += CHUNK) {
    const values = sql.join(
      bumped
        .slice(i, i + CHUNK)
        .map((r) => sql`(cast(${r.roundId} as text), cast(${r.version} as integer), cast(${r.scores} as text))`),
    );
    await sql`with v(round_id, version, scores) as (values ${values})
      update round_scores set scores = (select v.scores from v where v.round_id = round_scores.round_id),
        scored_version = version
      where exists (select 1 from v where v.round_id = round_scores.round_id and v.version = round_scores.version)`.execute(
      db,
    );
  }
}

/** Responses per round and instrument (summed over channels). */
export async function listResponseTotalsOf(
  db: Db,
  roundIds: readonly string[],
): Promise<{ roundId: string; instrument: "iit" | "eit"; count: number }[]> {
  const rows = await inChunks(roundIds, (chunk) =>
    db
      .selectFrom("response_counts")
      .select(["round_id", "instrument", (eb) => eb.fn.sum<number>("count").as("n")])
      .where("round_id", "in", chunk)
      .groupBy(["round_id", "instrument"])
      .execute(),
  );
  return rows.map((r) => ({ roundId: r.round_id, instrument: r.instrument, count: num(r.n) }));
}

type TallyOf = { roundId: string; item: string; sub: number; level: number; count: number };

/** The EIT tallies of the given rounds, summed over channels. */
export async function listEitTalliesOf(db: Db, roundIds: readonly string[]): Promise<TallyOf[]> {
  const rows = await inChunks(roundIds, (chunk) =>
    db
      .selectFrom("tallies")
      .select(["round_id", "item", "sub", "level", (eb) => eb.fn.sum<number>("count").as("n")])
      .where("instrument", "=", "eit")
      .where("round_id", "in", chunk)
      .groupBy(["round_id", "item", "sub", "level"])
      .execute(),
  );
  return rows.map((r) => ({
    roundId: r.round_id,
    item: r.item,
    sub: num(r.sub),
    level: num(r.level),
    count: num(r.n),
  }));
}

/** The IIT decisions (released or withheld at the first close) of the given rounds. */
export async function listIitDecisionsOf(
  db: Db,
  roundIds: readonly string[],
): Promise<{ roundId: string; released: boolean; releasedAt: string; count: number }[]> {
  const rows = await inChunks(roundIds, (chunk) =>
    db
      .selectFrom("iit_releases")
      .select(["round_id", "released", "released_at", "count"])
      .where("round_id", "in", chunk)
      .execute(),
  );
  return rows.map((r) => ({
    roundId: r.round_id,
    released: num(r.released) === 1,
    releasedAt: r.released_at,
    count: num(r.count),
  }));
}

/** The released IIT tallies of the given rounds (never the live IIT tallies: docs/anonymity.md). */
export async function listIitReleaseTalliesOf(db: Db, roundIds: readonly string[]): Promise<TallyOf[]> {
  const rows = await inChunks(roundIds, (chunk) =>
    db
      .selectFrom("iit_release_tallies")
      .select(["round_id", "item", "sub", "level", "count"])
      .where("round_id", "in", chunk)
      .execute(),
  );
  return rows.map((r) => ({
    roundId: r.round_id,
    item: r.item,
    sub: num(r.sub),
    level: num(r.level),
    count: num(r.count),
  }));
}

/** The answered OIT items (มี / ไม่มี, with their URLs) of the given rounds. */
export async function listOitAnswersOf(
  db: Db,
  roundIds: readonly string[],
): Promise<{ roundId: string; item: string; has: boolean; urls: string[] }[]> {
  const rows = await inChunks(roundIds, (chunk) =>
    db
      .selectFrom("oit_answers")
      .select(["round_id", "item", "has", "urls"])
      .where("has", "is not", null)
      .where("round_id", "in", chunk)
      .execute(),
  );
  return rows.map((r) => ({ roundId: r.round_id, item: r.item, has: num(r.has) === 1, urls: parseUrls(r.urls) }));
}

function parseUrls(text: string | null): string[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}
