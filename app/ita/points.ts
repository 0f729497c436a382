import { analyze } from "./analysis";
import type { Framework, Instrument } from "./framework";
import { scoreOit } from "./oit";
import type { OitChecklist } from "./oit";
import type { IndicatorScores } from "./scoring";

// "Where the points are": how much of the weighted total one more OIT item, or five more points on one
// indicator, would add. Every gain is a difference of two scorings (before and after), never a formula of
// its own, so it follows the published method wherever that method goes.

/** Why an OIT item earns nothing yet: marked ไม่มี, marked มี without an evidence link, or not answered. */
export type OitGapStatus = "no" | "needsEvidence" | "unanswered";

export type OitItemGain = {
  id: string;
  indicator: number;
  subindicator: string;
  topicTh: string;
  topicEn: string;
  status: OitGapStatus;
  /** The indicator's score now and with this item answered มี with evidence (unanswered items count as ไม่มี). */
  indicatorBefore: number;
  indicatorAfter: number;
  /** Points of the weighted total (0–100) the item would add. */
  totalGain: number;
};

export type IndicatorGain = {
  indicator: number;
  nameTh: string;
  nameEn: string;
  instrument: Instrument;
  score: number;
  /** The score after the step, capped at 100. */
  raisedTo: number;
  /** Points of the weighted total the step would add (less than weight × step / 100 when capped). */
  totalGain: number;
  /** The total and the rating before and after; null while another indicator has no score. */
  totalBefore: number | null;
  totalAfter: number | null;
  ratingBefore: string | null;
  ratingAfter: string | null;
};

/**
 * Σ weight × score over the indicators that have a score, divided by the sum of all weights: the weighted
 * total when every indicator has a score, and the part of it the scored indicators make otherwise.
 */
export function weightedPoints(fw: Framework, scores: IndicatorScores): number {
  const weights = fw.indicators.reduce((sum, i) => sum + i.weight, 0);
  return fw.indicators.reduce((sum, i) => sum + i.weight * (scores[i.number] ?? 0), 0) / weights;
}

/** The rating of a complete set of scores as the analysis gives it (a grade band or a label), null while one is missing. */
export function ratingOf(fw: Framework, scores: IndicatorScores): string | null {
  return analyze(fw, scores).grade;
}

/** The checklist as it would be scored today with every unanswered item counted as ไม่มี. */
function asSubmitted(fw: Framework, checklist: OitChecklist): OitChecklist {
  const filled: OitChecklist = {};
  for (const item of fw.oitItems) filled[item.id] = checklist[item.id] ?? { has: false, urls: [] };
  return filled;
}

function oitIndicators(fw: Framework, checklist: OitChecklist): IndicatorScores {
  const scores: IndicatorScores = {};
  for (const i of scoreOit(fw, checklist).indicators) if (i.score !== null) scores[i.indicator] = i.score;
  return scores;
}

/**
 * For each OIT item that earns nothing yet (ไม่มี, มี without evidence, or unanswered — counted as ไม่มี),
 * what answering it มี with an evidence link would add to its indicator and to the weighted total, found by
 * scoring the checklist again with that one item changed. Largest gain first, then in checklist order.
 */
export function oitItemGains(fw: Framework, checklist: OitChecklist): OitItemGain[] {
  const base = asSubmitted(fw, checklist);
  const before = oitIndicators(fw, base);
  const totalBefore = weightedPoints(fw, before);
  const scored = scoreOit(fw, base).items;
  const gains: OitItemGain[] = [];
  fw.oitItems.forEach((item, index) => {
    const entry = checklist[item.id];
    const status: OitGapStatus | null = !entry
      ? "unanswered"
      : !entry.has
        ? "no"
        : scored[index]!.needsEvidence
          ? "needsEvidence"
          : null;
    if (!status) return;
    const after = oitIndicators(fw, { ...base, [item.id]: { has: true, urls: ["https://evidence.invalid/"] } });
    gains.push({
      id: item.id,
      indicator: item.indicator,
      subindicator: item.subindicator,
      topicTh: item.topicTh,
      topicEn: item.topicEn,
      status,
      indicatorBefore: before[item.indicator]!,
      indicatorAfter: after[item.indicator]!,
      totalGain: weightedPoints(fw, after) - totalBefore,
    });
  });
  const order = new Map(fw.oitItems.map((o, i) => [o.id, i]));
  return gains.sort((a, b) => b.totalGain - a.totalGain || order.get(a.id)! - order.get(b.id)!);
}

/**
 * For each indicator that has a score, what `step` more points on it (capped at 100) would add to the
 * weighted total, and the total and rating before and after when every indicator has a score. Largest gain
 * first, then in indicator order.
 */
export function indicatorGains(fw: Framework, scores: IndicatorScores, step = 5): IndicatorGain[] {
  const complete = fw.indicators.every((i) => scores[i.number] !== undefined);
  const totalBefore = weightedPoints(fw, scores);
  const ratingBefore = complete ? ratingOf(fw, scores) : null;
  return [...fw.indicators]
    .sort((a, b) => a.number - b.number)
    .flatMap((i) => {
      const score = scores[i.number];
      if (score === undefined) return [];
      const raisedTo = Math.min(100, score + step);
      const after = { ...scores, [i.number]: raisedTo };
      const totalAfter = weightedPoints(fw, after);
      return [
        {
          indicator: i.number,
          nameTh: i.nameTh,
          nameEn: i.nameEn,
          instrument: i.instrument,
          score,
          raisedTo,
          totalGain: totalAfter - totalBefore,
          totalBefore: complete ? totalBefore : null,
          totalAfter: complete ? totalAfter : null,
          ratingBefore,
          ratingAfter: complete ? ratingOf(fw, after) : null,
        },
      ];
    })
    .sort((a, b) => b.totalGain - a.totalGain || a.indicator - b.indicator);
}
