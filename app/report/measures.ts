import type { Analysis } from "../ita/analysis";
import type { Framework } from "../ita/framework";
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

/**
 * Proposed measures, one group per indicator below the target (lowest score first):
 * for an OIT indicator with a checklist, one measure per sub-indicator naming the items still
 * ไม่มี or unanswered; otherwise the indicator's own measure, with the step its situation asks for
 * (weakness below the strength line, or only below the target).
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
  const out: ProposedMeasure[] = [];
  for (const r of chosen) {
    const situation = analysis.weaknesses.includes(r.indicator) ? texts.situations.weak : texts.situations.belowTarget;
    if (r.instrument === "OIT" && oitMissing) {
      const items = fw.oitItems.filter((i) => i.indicator === r.indicator && oitMissing.includes(i.id));
      const subs = fw.subindicators.filter(
        (s) => s.indicator === r.indicator && items.some((i) => i.subindicator === s.id),
      );
      for (const sub of subs) {
        const topics = items.filter((i) => i.subindicator === sub.id).map((i) => i.topicTh);
        out.push({
          indicator: r.indicator,
          measure: fill(texts.oitMeasure.measure, { subindicator: sub.nameTh }),
          steps: `${fill(texts.oitMeasure.steps, { items: topics.join(" ") })} ${situation}`,
          responsible:
            texts.subindicators[sub.id]?.responsible ?? texts.indicators[String(r.indicator)]?.responsible ?? "",
          monitoring,
          dueDate,
        });
      }
      if (subs.length) continue;
    }
    const t = texts.indicators[String(r.indicator)];
    out.push({
      indicator: r.indicator,
      measure: t?.measure ?? r.nameTh,
      steps: [t?.steps, situation].filter(Boolean).join(" "),
      responsible: t?.responsible ?? "",
      monitoring,
      dueDate,
    });
  }
  return out;
}
