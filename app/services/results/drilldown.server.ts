import type { Db } from "../../../db/client";
import type { Framework, SurveyScores, TallyRow } from "../../ita";
import type { Instrument, SurveyInstrument } from "../../lib/instruments";
import { assertCan, type SessionUser } from "../../server/auth.server";
import { httpError } from "../../server/http.server";
import { getRoundResults, type MissingReason, type RoundResults } from "./results.server";
import { roundOfActor } from "../rounds/rounds.server";

export type LevelCount = { level: number; labelTh: string; labelEn: string; count: number };
export type PartDetail = { sub: number; topicTh: string; topicEn: string; score: number | null; levels: LevelCount[] };
export type QuestionDetail = { item: string; topicTh: string; topicEn: string; score: number; parts: PartDetail[] };
export type ChannelDetail = { channel: string; name: string; responses: number; score: number | null };
export type OitPartDetail = {
  id: string;
  nameTh: string;
  nameEn: string;
  score: number | null;
  answered: number;
  total: number;
};

export type IndicatorDetail = {
  indicator: number;
  nameTh: string;
  nameEn: string;
  instrument: Instrument;
  score: number | null;
  /** Lowest score first: the question that pulls the indicator down leads. */
  questions: QuestionDetail[];
  channels: ChannelDetail[];
  oitParts: OitPartDetail[];
  withheld: MissingReason | null;
};

function questionsOf(
  fw: Framework,
  instrument: SurveyInstrument,
  indicator: number,
  scores: SurveyScores,
  rows: TallyRow[],
): QuestionDetail[] {
  return fw.items[instrument]
    .filter((item) => item.indicator === indicator && scores.questions[item.id])
    .map((item) => {
      const choices = fw.scales[item.scale]!.choices;
      const question = scores.questions[item.id]!;
      const subs = item.subItems
        ? item.subItems.map((s, i) => ({ sub: i + 1, topicTh: s.topicTh, topicEn: s.topicEn }))
        : [{ sub: 0, topicTh: item.topicTh, topicEn: item.topicEn }];
      return {
        item: item.id,
        topicTh: item.topicTh,
        topicEn: item.topicEn,
        score: question.score,
        parts: subs.map((s) => ({
          ...s,
          score: item.subItems ? (question.subItems[s.sub - 1] ?? null) : question.score,
          levels: choices.map((c) => ({
            level: c.level,
            labelTh: c.labelTh,
            labelEn: c.labelEn,
            count: rows
              .filter((r) => r.item === item.id && r.sub === s.sub && r.level === c.level)
              .reduce((n, r) => n + r.count, 0),
          })),
        })),
      };
    })
    .sort((a, b) => a.score - b.score || a.item.localeCompare(b.item, "en", { numeric: true }));
}

/** One indicator's questions (lowest first) with answer distributions, EIT per channel, OIT per sub-indicator. */
export function indicatorDetail(results: RoundResults, indicator: number): IndicatorDetail | null {
  const fw = results.framework;
  const meta = fw.indicators.find((i) => i.number === indicator);
  if (!meta) return null;
  const score = results.analysis.ranking.find((r) => r.indicator === indicator)?.exact ?? null;
  const base: IndicatorDetail = {
    indicator,
    nameTh: meta.nameTh,
    nameEn: meta.nameEn,
    instrument: meta.instrument,
    score,
    questions: [],
    channels: [],
    oitParts: [],
    withheld: results.missingReasons.find((m) => m.instrument === meta.instrument) ?? null,
  };
  if (meta.instrument === "IIT") {
    if (results.iit) base.questions = questionsOf(fw, "IIT", indicator, results.iit, results.iitRows);
  } else if (meta.instrument === "EIT") {
    if (results.eit) base.questions = questionsOf(fw, "EIT", indicator, results.eit, results.eitRows);
    base.channels = results.eitChannels.map((c) => ({
      channel: c.channel,
      name: c.name,
      responses: c.responses,
      score: c.scores?.indicators[indicator] ?? null,
    }));
  } else {
    base.oitParts = results.oit.subindicators
      .filter((s) => s.indicator === indicator)
      .map((s) => {
        const sub = fw.subindicators.find((x) => x.id === s.id)!;
        return {
          id: s.id,
          nameTh: sub.nameTh,
          nameEn: sub.nameEn,
          score: s.score,
          answered: s.answered,
          total: s.total,
        };
      })
      .sort((a, b) => (a.score ?? 101) - (b.score ?? 101));
  }
  return base;
}

/** The drill-down page of one indicator of a round; 404 for a number the round's framework does not have. */
export async function getIndicatorPage(
  db: Db,
  actor: SessionUser,
  roundId: string,
  indicator: string | undefined,
): Promise<{ detail: IndicatorDetail; fiscalYear: number }> {
  assertCan(actor, "readResults");
  const round = await roundOfActor(db, actor, roundId);
  const results = await getRoundResults(db, round);
  const detail = indicator && /^\d+$/.test(indicator) ? indicatorDetail(results, Number(indicator)) : null;
  if (!detail) throw httpError(404, "Not found.", "ไม่พบตัวชี้วัดนี้");
  return { detail, fiscalYear: round.fiscal_year };
}
