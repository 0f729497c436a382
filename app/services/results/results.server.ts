import type { Db } from "../../../db/client";
import { commentPattern, commentsOf } from "../../../db/repositories/iit-release";
import { readRoundResultInputs } from "../../../db/repositories/results";
import type { TallyCount } from "../../../db/repositories/results";
import type { Round } from "../../../db/repositories/rounds";
import { analyze, COMMENT_FIELD, formatAnalysisJson, oitIndicatorScores, scoreFromTallies, scoreOit } from "../../ita";
import type {
  Analysis,
  AnalysisJson,
  Framework,
  IndicatorScores,
  OitChecklist,
  OitScores,
  SurveyScores,
  TallyRow,
} from "../../ita";
import type { Instrument, SurveyInstrument, SurveyKind } from "../../lib/instruments";
import { assertCan, type SessionUser } from "../../server/auth.server";
import { config } from "../../server/config.server";
import { frameworkFor } from "../frameworks/frameworks.server";
import { roundOfActor } from "../rounds/rounds.server";

// A round's results (read-only): computed from the kept counts by getRoundResults, shaped for the results
// page and the API by the service functions below (which check the permission and the agency first), and for
// `ita results` / `ita recount` by resultsJson.

export type MissingReason = { instrument: Instrument; reason: string; reasonTh: string };
export type ChannelScores = { channel: string; name: string; responses: number; scores: SurveyScores | null };

/**
 * Where the round's IIT stands in its single release: `pending` while the round has not closed, `released`
 * once it closed with at least `minGroup` responses (the figures are those of that moment, for good),
 * `withheld` for good when it first closed with fewer (decided once; the seal at the close also ends its IIT answers).
 * `access` shows how the IIT responses came in (padding is visible): counts only.
 */
export type IitReleaseView = {
  state: "pending" | "released" | "withheld";
  minGroup: number;
  releasedAt: string | null;
  /** IIT responses in the release; null until released. */
  count: number | null;
  access: { code: number; pin: number; staff: number; codesIssued: number; codesUsed: number };
};

export type RoundResults = {
  round: Round;
  framework: Framework;
  analysis: Analysis;
  responseCounts: { iit: number; eit: number };
  /** The IIT's single release: IIT figures exist only when `state` is "released". */
  iitRelease: IitReleaseView;
  /** Instruments still below the round's minimum sample: the results are provisional. */
  provisional: SurveyInstrument[];
  missingReasons: MissingReason[];
  iit: SurveyScores | null;
  iitRows: TallyRow[];
  eit: SurveyScores | null;
  eitRows: TallyRow[];
  eitChannels: ChannelScores[];
  oit: OitScores;
};

export type ResultsJson = AnalysisJson & {
  round: { id: string; slug: string; fiscalYear: number; title: string | null };
  responseCounts: { iit: number; eit: number };
  iitRelease: IitReleaseView;
  provisional: SurveyInstrument[];
  missingReasons: MissingReason[];
};

function safeScore(
  fw: Framework,
  instrument: SurveyInstrument,
  respondents: number,
  rows: TallyRow[],
): SurveyScores | null {
  if (respondents === 0) return null;
  try {
    return scoreFromTallies(fw, instrument, { respondents, rows });
  } catch {
    return null; // tallies out of step with counts: `ita recount` rebuilds them
  }
}

function sumByItem(rows: TallyCount[]): TallyRow[] {
  const sums = new Map<string, TallyRow>();
  for (const r of rows) {
    const key = `${r.item}|${r.sub}|${r.level}`;
    const row = sums.get(key) ?? { item: r.item, sub: r.sub, level: r.level, count: 0 };
    row.count += r.count;
    sums.set(key, row);
  }
  return [...sums.values()];
}

/** What a round's scores are computed from: the kept counts, never a response row. */
export type RoundCounts = {
  responseCounts: { iit: number; eit: number };
  /** EIT tallies summed over channels. */
  eitRows: TallyRow[];
  /** The IIT release, or null while (or when) there is none. */
  release: { releasedAt: string; count: number; rows: TallyRow[] } | null;
  /** Whether the round's IIT was decided at a first close (released or withheld for good). */
  decided: boolean;
  checklist: OitChecklist;
};

export type RoundScores = {
  analysis: Analysis;
  iitState: IitReleaseView["state"];
  provisional: SurveyInstrument[];
  missingReasons: MissingReason[];
  iit: SurveyScores | null;
  iitRows: TallyRow[];
  eit: SurveyScores | null;
  eitRows: TallyRow[];
  oit: OitScores;
};

/**
 * A round's scores from its kept counts (pure: the results page and the league table of a group of agencies
 * both use it, so an agency and its supervisor read the same figures): EIT from the tallies, IIT only from its
 * release, OIT from the checklist; missing parts stay missing (never 0); the analysis uses the round's lines.
 */
export function scoreRound(
  round: Pick<Round, "strength_line" | "target_line" | "min_iit" | "min_eit">,
  fw: Framework,
  counts: RoundCounts,
  minGroup: number,
): RoundScores {
  const { responseCounts, release, eitRows } = counts;
  const iitState: IitReleaseView["state"] = release ? "released" : counts.decided ? "withheld" : "pending";
  const iitRows = release ? release.rows : [];
  const iit = release ? safeScore(fw, "IIT", release.count, iitRows) : null;
  const eit = safeScore(fw, "EIT", responseCounts.eit, eitRows);
  const oit = scoreOit(fw, counts.checklist);

  const scores: IndicatorScores = {
    ...(iit?.indicators ?? {}),
    ...(eit?.indicators ?? {}),
    ...oitIndicatorScores(oit),
  };
  const analysis = analyze(fw, scores, { strengthLine: round.strength_line, target: round.target_line });

  const missingReasons: MissingReason[] = [];
  if (!iit) {
    missingReasons.push(
      release
        ? {
            instrument: "IIT",
            reason: "The released IIT counts are inconsistent",
            reasonTh: "ข้อมูลผล IIT ที่ประกาศแล้วไม่สอดคล้องกัน กรุณาแจ้งผู้ดูแลระบบ",
          }
        : iitState === "withheld"
          ? {
              instrument: "IIT",
              reason: `Fewer than ${minGroup} staff had answered when the round closed: the IIT is withheld (anonymity)`,
              reasonTh: `เมื่อปิดรอบมีบุคลากรตอบไม่ถึง ${minGroup} คน จึงไม่แสดงผล IIT เพื่อปกปิดตัวตนผู้ตอบ`,
            }
          : {
              instrument: "IIT",
              reason: `IIT figures are released once, when the round closes with at least ${minGroup} responses (anonymity)`,
              reasonTh: `ผล IIT จะประกาศครั้งเดียวเมื่อปิดรอบ หากมีบุคลากรตอบอย่างน้อย ${minGroup} คน เพื่อปกปิดตัวตนผู้ตอบ`,
            },
    );
  }
  if (!eit) missingReasons.push({ instrument: "EIT", reason: "no EIT responses yet", reasonTh: "ยังไม่มีผู้ตอบแบบ EIT" });
  if (oit.unanswered.length)
    missingReasons.push({
      instrument: "OIT",
      reason: `${oit.unanswered.length} OIT checklist items not answered yet`,
      reasonTh: `แบบ OIT ยังตอบไม่ครบ เหลืออีก ${oit.unanswered.length} ข้อ`,
    });

  const provisional: SurveyInstrument[] = [];
  if (responseCounts.iit < round.min_iit) provisional.push("IIT");
  if (responseCounts.eit < round.min_eit) provisional.push("EIT");

  return { analysis, iitState, provisional, missingReasons, iit, iitRows, eit, eitRows, oit };
}

/**
 * A round's results from the kept counts only (no permission check: for the services below, the CLI and
 * other services that have checked the actor already): EIT from live tallies, IIT only from its release
 * (made once, when the round closed with at least IIT_MIN_GROUP responses; never from live IIT tallies or
 * answers), OIT from the checklist. Missing parts stay missing (never 0); the analysis uses the round's lines.
 */
export async function getRoundResults(db: Db, round: Round, minGroup = config().IIT_MIN_GROUP): Promise<RoundResults> {
  return (await readRoundResults(db, round, minGroup, false)).results;
}

/**
 * `getRoundResults`, and with `withComments` the IIT comments (only of a released round), from one statement
 * (`readRoundResultInputs`: one round trip to the database for every count the page shows).
 */
async function readRoundResults(
  db: Db,
  round: Round,
  minGroup: number,
  withComments: boolean,
): Promise<{ results: RoundResults; iitComments: string[] }> {
  const fw = await frameworkFor(db, round.framework);
  const inputs = await readRoundResultInputs(
    db,
    round.id,
    withComments ? { commentsLike: commentPattern(COMMENT_FIELD) } : {},
  );
  const { counts, eitTallies, channelNames, checklist, access, codes, decision } = inputs;
  const release = decision?.released
    ? { releasedAt: decision.decidedAt, count: decision.count, rows: inputs.releaseRows }
    : null;
  const total = (instrument: SurveyKind) =>
    counts.filter((c) => c.instrument === instrument).reduce((n, c) => n + c.count, 0);
  const responseCounts = { iit: total("iit"), eit: total("eit") };

  const iitRelease: IitReleaseView = {
    state: release ? "released" : decision ? "withheld" : "pending",
    minGroup,
    releasedAt: release?.releasedAt ?? null,
    count: release?.count ?? null,
    access: { ...access, codesIssued: codes.total, codesUsed: codes.used },
  };
  const scored = scoreRound(
    round,
    fw,
    { responseCounts, eitRows: sumByItem(eitTallies), release, decided: !!decision, checklist },
    minGroup,
  );
  const eitChannels: ChannelScores[] = counts
    .filter((c) => c.instrument === "eit")
    .sort((a, b) => a.channel.localeCompare(b.channel))
    .map((c) => ({
      channel: c.channel,
      name: channelNames.get(c.channel) ?? c.channel,
      responses: c.count,
      scores: safeScore(
        fw,
        "EIT",
        c.count,
        eitTallies.filter((t) => t.channel === c.channel),
      ),
    }));

  const results: RoundResults = {
    round,
    framework: fw,
    analysis: scored.analysis,
    responseCounts,
    iitRelease,
    provisional: scored.provisional,
    missingReasons: scored.missingReasons,
    iit: scored.iit,
    iitRows: scored.iitRows,
    eit: scored.eit,
    eitRows: scored.eitRows,
    eitChannels,
    oit: scored.oit,
  };
  return {
    results,
    iitComments: withComments && release ? commentsOf(inputs.commentSheets, COMMENT_FIELD) : [],
  };
}

/** The fields `GET /api/rounds/:id/results` and `ita results` print: those of `ita analyze` and more. */
export function resultsJson(results: RoundResults): ResultsJson {
  const { round } = results;
  return {
    ...formatAnalysisJson(results.analysis, results.framework),
    round: { id: round.id, slug: round.slug, fiscalYear: round.fiscal_year, title: round.title },
    responseCounts: results.responseCounts,
    iitRelease: results.iitRelease,
    provisional: results.provisional,
    missingReasons: results.missingReasons,
  };
}

/** The results page of a round: the figures, the indicators' names, the minimum samples and the EIT channels. */
export async function getResultsPage(db: Db, actor: SessionUser, roundId: string) {
  assertCan(actor, "readResults");
  const round = await roundOfActor(db, actor, roundId);
  const { results, iitComments } = await readRoundResults(db, round, config().IIT_MIN_GROUP, true);
  return {
    results: resultsJson(results),
    /** Free text of the IIT, only once released, in a fresh random order on every request, with nothing beside it. */
    iitComments: results.iitRelease.state === "released" ? iitComments : [],
    indicators: results.framework.indicators.map(({ number, nameTh, nameEn, instrument }) => ({
      number,
      nameTh,
      nameEn,
      instrument,
    })),
    minSample: { iit: round.min_iit, eit: round.min_eit },
    /** What the framework says is inferred or unconfirmed (its questionnaires, weights, OIT list). */
    frameworkNotes: results.framework.provenance ?? [],
    channels: results.eitChannels.map((c) => ({ channel: c.channel, name: c.name, responses: c.responses })),
  };
}

/** `GET /api/rounds/:id/results`: the same fields as `ita results --round ID`. */
export async function getResultsJson(db: Db, actor: SessionUser, roundId: string): Promise<ResultsJson> {
  assertCan(actor, "readResults");
  const round = await roundOfActor(db, actor, roundId);
  return resultsJson(await getRoundResults(db, round));
}
