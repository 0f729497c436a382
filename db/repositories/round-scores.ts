import { sql } from "kysely";
import type { Db } from "../client";
import type { RoundScoreTable } from "../schema";
import { scopeAgencyIds } from "./groups";

// The league table's kept scores (migrations 20261205_0016 and _0017, decisions 0014 and 0018) and the batched reads that score the
// rounds whose kept scores are missing or out of date. Reads of many rounds go in chunks of ids (SQLite and
// PostgreSQL both cap the parameters of one statement).

const num = (v: unknown) => Number(v);
const CHUNK = 500;

async function inChunks<T>(ids: readonly string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await read(ids.slice(i, i + CHUNK))));
  return out;
}

const KEPT_COLUMNS = [
  "framework",
  "strength_line",
  "target_line",
  "iit_count",
  "eit_count",
  "iit_state",
  "oit_answered",
  "indicators",
  "total",
  "rating_label",
  "rating_label_en",
  "rating_passes",
  "meets_target",
  "weakest_indicator",
  "weakest_score",
] as const satisfies readonly (keyof RoundScoreTable)[];

/** The kept columns every scored row fills (the others stay null without a total, a rating or a weakest indicator). */
type AlwaysKept =
  | "framework"
  | "strength_line"
  | "target_line"
  | "iit_count"
  | "eit_count"
  | "iit_state"
  | "oit_answered"
  | "indicators";

/**
 * What the league keeps of a round's scores (migration 20261205_0017, decision 0018), in the columns of
 * `round_scores` (db/schema.ts says what each holds): the figures a league row shows, with the framework and
 * lines they were computed under.
 */
export type KeptLeagueScores = { [K in AlwaysKept]: NonNullable<RoundScoreTable[K]> } & {
  [K in Exclude<(typeof KEPT_COLUMNS)[number], AlwaysKept>]: RoundScoreTable[K];
};

/** The SQL type of each kept column, for the typed VALUES list of `saveRoundScores` (PostgreSQL needs them). */
const KEPT_TYPES: Record<(typeof KEPT_COLUMNS)[number], string> = {
  framework: "text",
  strength_line: "real",
  target_line: "real",
  iit_count: "integer",
  eit_count: "integer",
  iit_state: "text",
  oit_answered: "integer",
  indicators: "text",
  total: "double precision",
  rating_label: "text",
  rating_label_en: "text",
  rating_passes: "integer",
  meets_target: "integer",
  weakest_indicator: "integer",
  weakest_score: "double precision",
};

export type KeptScores = { version: number; scoredVersion: number | null; kept: KeptLeagueScores | null };

/** The kept scores of the given rounds (a round never written to has no row: version 0). */
export async function listRoundScores(db: Db, roundIds: readonly string[]): Promise<Map<string, KeptScores>> {
  const rows = await inChunks(roundIds, (chunk) =>
    db
      .selectFrom("round_scores")
      .select(["round_id", "version", "scored_version", ...KEPT_COLUMNS])
      .where("round_id", "in", chunk)
      .execute(),
  );
  return new Map(
    rows.map(({ round_id, version, scored_version, ...kept }) => [
      round_id,
      {
        version: num(version),
        scoredVersion: scored_version === null ? null : num(scored_version),
        kept: kept.framework === null ? null : (kept as KeptLeagueScores),
      },
    ]),
  );
}

/** What a league row shows of a round's kept scores (the framework and lines are compared in SQL instead). */
export type KeptFigures = Omit<KeptLeagueScores, "framework" | "strength_line" | "target_line">;
const FIGURE_COLUMNS = KEPT_COLUMNS.filter(
  (c): c is keyof KeptFigures => c !== "framework" && c !== "strength_line" && c !== "target_line",
);

/**
 * One league row's data as stored: an agency of the scope, a round of it in the fiscal year (null columns
 * without one) and that round's kept figures (null columns while it has none), with `kept_current` 1 when they
 * were computed from the round's inputs as they are now (its version), for its framework and under its lines.
 * Numbers as the drivers return them (integer, real and double precision columns: numbers).
 */
export type ScopeLeagueRow = {
  id: string;
  name_th: string;
  name_en: string | null;
  type: string;
  size: string | null;
  round_id: string | null;
  round_slug: string | null;
  round_status: "draft" | "open" | "closed" | null;
  round_framework: string | null;
  round_strength_line: number | null;
  round_target_line: number | null;
  round_min_iit: number | null;
  round_min_eit: number | null;
  round_created_at: string | null;
  version: number | null;
  kept_current: number;
} & { [K in keyof KeptFigures]: KeptFigures[K] | null };

/**
 * The league's data of a group's scope in one statement (decision 0018): every agency in the scope, once per
 * round of `fiscalYear` it has (once when it has none; the caller picks one round per agency), with each round's
 * kept figures. Not ordered: the league sorts in Thai collation itself. The kept lines are of the rounds' own
 * column type (real), so that they compare equal to the round's lines in SQL.
 */
export async function listScopeLeague(db: Db, groupId: string, fiscalYear: number): Promise<ScopeLeagueRow[]> {
  const { rows } = await sql<ScopeLeagueRow>`select a.id, a.name_th, a.name_en, a.type, a.size,
      r.id as round_id, r.slug as round_slug, r.status as round_status, r.framework as round_framework,
      r.strength_line as round_strength_line, r.target_line as round_target_line,
      r.min_iit as round_min_iit, r.min_eit as round_min_eit, r.created_at as round_created_at, s.version,
      case when s.scored_version = s.version and s.framework = r.framework and s.strength_line = r.strength_line
        and s.target_line = r.target_line then 1 else 0 end as kept_current,
      ${sql.join(FIGURE_COLUMNS.map((c) => sql.ref(`s.${c}`)))}
    from agencies a
    left join rounds r on r.agency_id = a.id and r.fiscal_year = ${fiscalYear}
    left join round_scores s on s.round_id = r.id
    where a.id in ${scopeAgencyIds(groupId)}`.execute(db);
  return rows;
}

/**
 * Keeps scores computed from inputs read at `version`: written only while the round's version is still that one
 * (an input that changed meanwhile leaves the row stale, to be scored again at the next read).
 */
export async function saveRoundScores(
  db: Db,
  rows: readonly { roundId: string; version: number; kept: KeptLeagueScores }[],
): Promise<void> {
  const fresh = rows.filter((r) => r.version === 0);
  const bumped = rows.filter((r) => r.version !== 0);
  for (let i = 0; i < fresh.length; i += CHUNK)
    await db
      .insertInto("round_scores")
      .values(fresh.slice(i, i + CHUNK).map((r) => ({ round_id: r.roundId, version: 0, scored_version: 0, ...r.kept })))
      .onConflict((oc) => oc.column("round_id").doNothing())
      .execute();
  for (let i = 0; i < bumped.length; i += CHUNK) {
    const values = sql.join(
      bumped
        .slice(i, i + CHUNK)
        .map(
          (r) =>
            sql`(cast(${r.roundId} as text), cast(${r.version} as integer), ${sql.join(
              KEPT_COLUMNS.map((c) => sql`cast(${r.kept[c]} as ${sql.raw(KEPT_TYPES[c])})`),
            )})`,
        ),
    );
    await sql`with v(round_id, version, ${sql.join(KEPT_COLUMNS.map((c) => sql.ref(c)))}) as (values ${values})
      update round_scores set scored_version = v.version,
        ${sql.join(KEPT_COLUMNS.map((c) => sql`${sql.ref(c)} = ${sql.ref(`v.${c}`)}`))}
      from v where v.round_id = round_scores.round_id and v.version = round_scores.version`.execute(db);
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
