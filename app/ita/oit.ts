import { indicatorsOf } from "./framework";
import type { Framework } from "./framework";
import type { IndicatorScores } from "./scoring";

/** The agency's answer to one OIT item: has it (มี) or not, and the evidence links it published. */
export type OitEntry = { has: boolean; urls: readonly string[] };
/** OIT item id → entry; an absent id is unanswered. */
export type OitChecklist = Record<string, OitEntry | undefined>;

export type OitItemScore = { id: string; answered: boolean; points: number | null; needsEvidence: boolean };
export type OitPartScore = { score: number | null; answered: number; total: number; partial: boolean };
export type OitSubindicatorScore = OitPartScore & { id: string; indicator: number };
export type OitIndicatorScore = OitPartScore & { indicator: number };

export type OitScores = {
  items: OitItemScore[];
  subindicators: OitSubindicatorScore[];
  indicators: OitIndicatorScore[];
  /** Items marked มี without any evidence link: they score 0 until a link is added. */
  needsEvidence: string[];
  unanswered: string[];
};

/** True for an http(s) link, the only evidence the assessment accepts. */
export function isEvidenceUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Scores the OIT checklist by the published method: item = 100 when marked มี with at least one
 * evidence URL, else 0; sub-indicator = mean of its items; indicator = mean of its sub-indicators
 * (they count equally whatever their size). Until every item of a part is answered its score is
 * the mean over answered items only and is flagged `partial`; nothing unanswered counts as 0.
 */
export function scoreOit(fw: Framework, checklist: OitChecklist): OitScores {
  const items: OitItemScore[] = fw.oitItems.map((item) => {
    const entry = checklist[item.id];
    if (!entry) return { id: item.id, answered: false, points: null, needsEvidence: false };
    const evidenced = entry.urls.some(isEvidenceUrl);
    return {
      id: item.id,
      answered: true,
      points: entry.has && evidenced ? 100 : 0,
      needsEvidence: entry.has && !evidenced,
    };
  });
  const byId = new Map(items.map((i) => [i.id, i]));

  const subindicators: OitSubindicatorScore[] = fw.subindicators.map((sub) => {
    const own = fw.oitItems.filter((o) => o.subindicator === sub.id).map((o) => byId.get(o.id)!);
    const points = own.flatMap((i) => (i.points === null ? [] : [i.points]));
    return {
      id: sub.id,
      indicator: sub.indicator,
      score: points.length ? mean(points) : null,
      answered: points.length,
      total: own.length,
      partial: points.length < own.length,
    };
  });

  const indicators: OitIndicatorScore[] = indicatorsOf(fw, "OIT").map((indicator) => {
    const subs = subindicators.filter((s) => s.indicator === indicator.number);
    const scored = subs.flatMap((s) => (s.score === null ? [] : [s.score]));
    const answered = subs.reduce((n, s) => n + s.answered, 0);
    const total = subs.reduce((n, s) => n + s.total, 0);
    return {
      indicator: indicator.number,
      score: scored.length ? mean(scored) : null,
      answered,
      total,
      partial: answered < total,
    };
  });

  return {
    items,
    subindicators,
    indicators,
    needsEvidence: items.filter((i) => i.needsEvidence).map((i) => i.id),
    unanswered: items.filter((i) => !i.answered).map((i) => i.id),
  };
}

/** The OIT indicator scores that exist (every item answered), ready for analyze(); partial ones are left out. */
export function oitIndicatorScores(scores: OitScores): IndicatorScores {
  const result: IndicatorScores = {};
  for (const i of scores.indicators) if (!i.partial && i.score !== null) result[i.indicator] = i.score;
  return result;
}
