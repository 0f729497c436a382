import type { Db } from "../../../db/client";
import { getOitChecklist } from "../../../db/repositories/oit";
import { findPublishedIit, listChannelNames, listResponseCounts, listTallies } from "../../../db/repositories/results";
import type { TallyCount } from "../../../db/repositories/results";
import type { Round } from "../../../db/repositories/rounds";
import { analyze, formatAnalysisJson, oitIndicatorScores, scoreFromTallies, scoreOit } from "../../ita";
import type { Analysis, AnalysisJson, Framework, IndicatorScores, OitScores, SurveyScores, TallyRow } from "../../ita";
import type { Instrument, SurveyInstrument, SurveyKind } from "../../lib/instruments";
import { assertCan, type SessionUser } from "../../server/auth.server";
import { config } from "../../server/config.server";
import { loadFramework } from "../frameworks/frameworks.server";
import { roundOfActor } from "../rounds/rounds.server";

// A round's results (read-only): computed from the kept counts by getRoundResults, shaped for the results
// page and the API by the service functions below (which check the permission and the agency first), and for
// `ita results` / `ita recount` by resultsJson.

export type MissingReason = { instrument: Instrument; reason: string; reasonTh: string };
export type ChannelScores = { channel: string; name: string; responses: number; scores: SurveyScores | null };

export type RoundResults = {
  round: Round;
  framework: Framework;
  analysis: Analysis;
  responseCounts: { iit: number; eit: number };
  /** The IIT k-anonymity snapshot: IIT figures exist only when `shown`. */
  iitPublished: { count: number; minGroup: number; shown: boolean };
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
  iitPublished: { count: number; minGroup: number; shown: boolean };
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

/**
 * A round's results from the kept counts only (no permission check: for the services below, the CLI and
 * other services that have checked the actor already): EIT from live tallies, IIT from the published
 * snapshot when it holds at least IIT_MIN_GROUP responses (never from live IIT tallies or answers),
 * OIT from the checklist. Missing parts stay missing (never 0); the analysis uses the round's lines.
 */
export async function getRoundResults(db: Db, round: Round, minGroup = config().IIT_MIN_GROUP): Promise<RoundResults> {
  const fw = loadFramework(round.framework);
  const [counts, eitTallies, published, channelNames, checklist] = await Promise.all([
    listResponseCounts(db, round.id),
    listTallies(db, round.id, "eit"),
    findPublishedIit(db, round.id),
    listChannelNames(db, round.id),
    getOitChecklist(db, round.id),
  ]);
  const total = (instrument: SurveyKind) =>
    counts.filter((c) => c.instrument === instrument).reduce((n, c) => n + c.count, 0);
  const responseCounts = { iit: total("iit"), eit: total("eit") };

  const iitShown = !!published && published.count >= Math.max(5, minGroup);
  const iitRows = iitShown ? published!.rows : [];
  const iit = iitShown ? safeScore(fw, "IIT", published!.count, iitRows) : null;
  const eitRows = sumByItem(eitTallies);
  const eit = safeScore(fw, "EIT", responseCounts.eit, eitRows);
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
  const oit = scoreOit(fw, checklist);

  const scores: IndicatorScores = {
    ...(iit?.indicators ?? {}),
    ...(eit?.indicators ?? {}),
    ...oitIndicatorScores(oit),
  };
  const analysis = analyze(fw, scores, { strengthLine: round.strength_line, target: round.target_line });

  const missingReasons: MissingReason[] = [];
  if (!iit) {
    missingReasons.push(
      iitShown
        ? {
            instrument: "IIT",
            reason: "IIT counts are inconsistent; run `ita recount`",
            reasonTh: "ข้อมูลนับ IIT ไม่ตรงกัน ให้ผู้ดูแลระบบนับใหม่",
          }
        : {
            instrument: "IIT",
            reason: `IIT figures appear once ${minGroup} staff have answered (anonymity)`,
            reasonTh: `จะแสดงผล IIT เมื่อมีบุคลากรตอบครบ ${minGroup} คนขึ้นไป เพื่อปกปิดตัวตนผู้ตอบ`,
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

  return {
    round,
    framework: fw,
    analysis,
    responseCounts,
    iitPublished: { count: published?.count ?? 0, minGroup, shown: iitShown },
    provisional,
    missingReasons,
    iit,
    iitRows,
    eit,
    eitRows,
    eitChannels,
    oit,
  };
}

/** The fields `GET /api/rounds/:id/results` and `ita results` print: those of `ita analyze` and more. */
export function resultsJson(results: RoundResults): ResultsJson {
  const { round } = results;
  return {
    ...formatAnalysisJson(results.analysis, results.framework),
    round: { id: round.id, slug: round.slug, fiscalYear: round.fiscal_year, title: round.title },
    responseCounts: results.responseCounts,
    iitPublished: results.iitPublished,
    provisional: results.provisional,
    missingReasons: results.missingReasons,
  };
}

/** The results page of a round: the figures, the indicators' names, the minimum samples and the EIT channels. */
export async function getResultsPage(db: Db, actor: SessionUser, roundId: string) {
  assertCan(actor, "readResults");
  const round = await roundOfActor(db, actor, roundId);
  const results = await getRoundResults(db, round);
  return {
    results: resultsJson(results),
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
