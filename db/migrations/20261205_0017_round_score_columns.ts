import type { Kysely } from "kysely";
import { sql } from "kysely";

// The league's kept round scores in columns, and an index for the results page's IIT comments (issue 18,
// decision 0018): the national league reads 8,300 kept rows per request, and parsing ~0.6 KB of JSON each (with
// the exact scores it never shows) was most of its time.
// `round_scores` keeps its version columns and triggers (migration 0016) unchanged; what a league row shows is
// now in columns: the framework and the lines the figures were computed with, the response counts, the IIT
// state, the OIT items answered, the indicators' 2-decimal scores (a small JSON object), the total, rating,
// whether it meets the target and the weakest indicator. The JSON column `scores` is no longer written.
//
// Existing kept rows are carried over from their JSON in the same migration, at the version they were kept at
// (the figures are the same ones, so a row current before stays current and a stale one stays stale); a row
// whose JSON cannot be read keeps no framework and is scored again at its next read.
const COLUMNS = [
  ["framework", "text"],
  // The rounds' own type for their lines (real), so that the league compares them in SQL exactly.
  ["strength_line", "real"],
  ["target_line", "real"],
  ["iit_count", "integer"],
  ["eit_count", "integer"],
  ["iit_state", "text"],
  ["oit_answered", "integer"],
  ["indicators", "text"],
  ["total", "double precision"],
  ["rating_label", "text"],
  ["rating_label_en", "text"],
  ["rating_passes", "integer"],
  ["meets_target", "integer"],
  ["weakest_indicator", "integer"],
  ["weakest_score", "double precision"],
] as const;

type Kept = {
  framework?: unknown;
  iitState?: unknown;
  oitAnswered?: unknown;
  responseCounts?: { iit?: unknown; eit?: unknown };
  lines?: { strength?: unknown; target?: unknown };
  figures?: {
    indicators?: unknown;
    total?: unknown;
    rating?: { label?: unknown; labelEn?: unknown; passes?: unknown } | null;
    meetsTarget?: unknown;
    weakest?: { indicator?: unknown; score?: unknown } | null;
  };
};

const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const flag = (v: unknown) => (typeof v === "boolean" ? (v ? 1 : 0) : null);

/** The columns of one kept JSON row, or null when it lacks what a league row needs (then scored again). */
function columnsOf(text: string): Record<string, string | number | null> | null {
  let kept: Kept;
  try {
    kept = JSON.parse(text) as Kept;
  } catch {
    return null;
  }
  const f = kept.figures;
  if (
    typeof kept.framework !== "string" ||
    !f ||
    !isNum(kept.lines?.strength) ||
    !isNum(kept.lines?.target) ||
    !isNum(kept.responseCounts?.iit) ||
    !isNum(kept.responseCounts?.eit) ||
    !isNum(kept.oitAnswered) ||
    (kept.iitState !== "pending" && kept.iitState !== "released" && kept.iitState !== "withheld") ||
    typeof f.indicators !== "object" ||
    f.indicators === null
  )
    return null;
  return {
    framework: kept.framework,
    strength_line: kept.lines.strength,
    target_line: kept.lines.target,
    iit_count: kept.responseCounts.iit,
    eit_count: kept.responseCounts.eit,
    iit_state: kept.iitState,
    oit_answered: kept.oitAnswered,
    indicators: JSON.stringify(f.indicators),
    total: isNum(f.total) ? f.total : null,
    rating_label: typeof f.rating?.label === "string" ? f.rating.label : null,
    rating_label_en: typeof f.rating?.labelEn === "string" ? f.rating.labelEn : null,
    rating_passes: flag(f.rating?.passes),
    meets_target: flag(f.meetsTarget),
    weakest_indicator: isNum(f.weakest?.indicator) ? f.weakest.indicator : null,
    weakest_score: isNum(f.weakest?.score) ? f.weakest.score : null,
  };
}

// The results page reads a released round's IIT sheets that hold a comment (`answers like '%"comment":%'`, the
// app's COMMENT_FIELD as JSON.stringify writes it): a partial index on exactly that predicate finds them without
// reading every sheet of the round (1,105 for the largest national agency; few have a comment). It holds the
// round id only, as iit_responses_round_idx does.
const COMMENT_INDEX_PREDICATE = `answers like '%"comment":%'`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`create index iit_responses_comment_idx on iit_responses (round_id) where ${COMMENT_INDEX_PREDICATE}`)
    .execute(db);
  for (const [name, type] of COLUMNS)
    await db.schema
      .alterTable("round_scores")
      .addColumn(name, sql.raw(type) as never)
      .execute();
  // Carried over in batches by round id (8,300 rows nationally): the JSON is read here, not in SQL, so that a
  // row that cannot be parsed is left to be scored again instead of failing the start-up.
  let after = "";
  for (;;) {
    const rows: { round_id: string; scores: string }[] = await db
      .selectFrom("round_scores")
      .select(["round_id", "scores"])
      .where("scores", "is not", null)
      .where("round_id", ">", after)
      .orderBy("round_id")
      .limit(500)
      .execute();
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.round_id;
    for (const row of rows) {
      const columns = columnsOf(row.scores);
      await db
        .updateTable("round_scores")
        .set(columns ? { ...columns, scores: null } : { scores: null })
        .where("round_id", "=", row.round_id)
        .execute();
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw("drop index iit_responses_comment_idx").execute(db);
  // The JSON was not kept up to date: every row is scored again by the league of migration 0016.
  await db.updateTable("round_scores").set({ scored_version: null, scores: null }).execute();
  for (const [name] of COLUMNS) await db.schema.alterTable("round_scores").dropColumn(name).execute();
}
