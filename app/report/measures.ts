import type { Analysis } from "../ita/analysis";
import type { Framework } from "../ita/framework";
import { scoreOit, type OitChecklist } from "../ita/oit";
import { indicatorGains } from "../ita/points";
import { fill, type ReportTexts } from "./texts";
import { formatThaiDate, toGregorian } from "./thai";

/** A row of the measures table as drafted; the officer edits it afterwards. */
export interface ProposedMeasure {
  indicator: number | null;
  measure: string;
  steps: string;
  responsible: string;
  monitoring: string;
  /** YYYY-MM-DD. */
  dueDate: string | null;
}

export type MeasureStatus = "planned" | "in_progress" | "done";

/** A measure of a saved report with its follow-up, as the report pages show and edit it. */
export interface Measure extends ProposedMeasure {
  /** The stored row; absent for a row the officer is adding. */
  id?: string;
  status: MeasureStatus;
  progressNote: string | null;
}

/** The follow-up date of a measures year: MM-DD of `texts.followUpMonthDay` in the Gregorian year of that fiscal year. */
export function followUpDate(texts: ReportTexts, measuresYear: number): string {
  return `${toGregorian(measuresYear)}-${texts.followUpMonthDay}`;
}

/** The checklist that `oitMissing` describes: every item มี with evidence except the missing ones. */
function checklistOf(fw: Framework, oitMissing: readonly string[], fixed: readonly string[] = []): OitChecklist {
  const checklist: OitChecklist = {};
  for (const item of fw.oitItems) {
    const has = !oitMissing.includes(item.id) || fixed.includes(item.id);
    checklist[item.id] = { has, urls: has ? ["https://evidence.invalid/"] : [] };
  }
  return checklist;
}

/**
 * "Where the points are": how many points of the weighted total (0–100) a proposed measure would add. An OIT
 * measure of a sub-indicator: its missing items all answered มี with evidence (the checklist scored again, the
 * indicator's change times its weight). An indicator's own measure: five more points on the indicator, capped
 * at 100 (`indicatorGains`). Computed by the ITA core from the framework's weights.
 */
export function measurePoints(
  fw: Framework,
  analysis: Analysis,
  measure: { indicator: number | null; items?: readonly string[] },
  oitMissing: readonly string[] | null,
): number {
  if (measure.indicator === null) return 0;
  const indicator = fw.indicators.find((i) => i.number === measure.indicator);
  if (!indicator) return 0;
  if (indicator.instrument === "OIT" && oitMissing && measure.items?.length) {
    const scoreOf = (checklist: OitChecklist) =>
      scoreOit(fw, checklist).indicators.find((i) => i.indicator === indicator.number)?.score ?? 0;
    const weights = fw.indicators.reduce((sum, i) => sum + i.weight, 0);
    const before = scoreOf(checklistOf(fw, oitMissing));
    const after = scoreOf(checklistOf(fw, oitMissing, measure.items));
    return (indicator.weight * (after - before)) / weights;
  }
  const scores = Object.fromEntries(analysis.ranking.map((r) => [r.indicator, r.exact]));
  return indicatorGains(fw, scores).find((g) => g.indicator === indicator.number)?.totalGain ?? 0;
}

/**
 * Proposed measures for the indicators below the target, ordered by where the points are (`measurePoints`, most
 * first; equal points keep the lowest indicator score first): for an OIT indicator with a checklist, one measure
 * per sub-indicator naming the items still ไม่มี or unanswered; otherwise the indicator's own measure, with the
 * step its situation asks for (weakness below the strength line, or only below the target).
 */
export function proposeMeasures(
  fw: Framework,
  analysis: Analysis,
  texts: ReportTexts,
  measuresYear: number,
  oitMissing: string[] | null,
): ProposedMeasure[] {
  const dueDate = followUpDate(texts, measuresYear);
  const monitoring = fill(texts.monitoring, { date: formatThaiDate(dueDate) });
  const byScore = [...analysis.ranking].reverse();
  const targets = byScore.filter((r) => analysis.belowTarget.includes(r.indicator));
  const chosen = targets.length ? targets : byScore.slice(0, 1);
  const out: { measure: ProposedMeasure; points: number }[] = [];
  const add = (measure: ProposedMeasure, items?: string[]) =>
    out.push({ measure, points: measurePoints(fw, analysis, { indicator: measure.indicator, items }, oitMissing) });
  for (const r of chosen) {
    const situation = analysis.weaknesses.includes(r.indicator) ? texts.situations.weak : texts.situations.belowTarget;
    if (r.instrument === "OIT" && oitMissing) {
      const items = fw.oitItems.filter((i) => i.indicator === r.indicator && oitMissing.includes(i.id));
      const subs = fw.subindicators.filter(
        (s) => s.indicator === r.indicator && items.some((i) => i.subindicator === s.id),
      );
      for (const sub of subs) {
        const missing = items.filter((i) => i.subindicator === sub.id);
        add(
          {
            indicator: r.indicator,
            measure: fill(texts.oitMeasure.measure, { subindicator: sub.nameTh }),
            steps: `${fill(texts.oitMeasure.steps, { items: missing.map((i) => i.topicTh).join(" ") })} ${situation}`,
            responsible:
              texts.subindicators[sub.id]?.responsible ?? texts.indicators[String(r.indicator)]?.responsible ?? "",
            monitoring,
            dueDate,
          },
          missing.map((i) => i.id),
        );
      }
      if (subs.length) continue;
    }
    const t = texts.indicators[String(r.indicator)];
    add({
      indicator: r.indicator,
      measure: t?.measure ?? r.nameTh,
      steps: [t?.steps, situation].filter(Boolean).join(" "),
      responsible: t?.responsible ?? "",
      monitoring,
      dueDate,
    });
  }
  // Array.prototype.sort is stable: equal points keep the order above (lowest indicator score first).
  // (Differences below 1e-9 are floating-point noise, not points.)
  return out.sort((a, b) => (Math.abs(b.points - a.points) > 1e-9 ? b.points - a.points : 0)).map((m) => m.measure);
}
