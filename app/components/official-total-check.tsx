import { INSTRUMENTS } from "../ita/framework";
import type { Instrument } from "../ita/framework";
import { rateBySteps, totalsDiffer, type RatingStep } from "../ita/rating";
import { useT } from "../lib/i18n";
import { gradeText } from "./analysis-view";

type Props = {
  indicators: { number: number; instrument: Instrument; weight: number }[];
  steps: RatingStep[];
  /** The boxes as typed: s<number> and published_total. */
  entered: Record<string, string>;
};

/** A score box's number, or null while it is empty or not a number from 0 to 100 (a decimal comma is a point). */
function scoreOf(text: string | undefined): number | null {
  const t = (text ?? "").trim().replace(",", ".");
  if (t === "") return null;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : null;
}

/**
 * The total recomputed from the indicator scores as they are typed (Σ weight × score / Σ weight), its grade or
 * label by the framework's own rule, and a warning when the published total differs from it by more than 0.01.
 */
export function OfficialTotalCheck({ indicators, steps, entered }: Props) {
  const t = useT();
  const scores = new Map(indicators.map((i) => [i.number, scoreOf(entered[`s${i.number}`])]));
  const complete = indicators.length > 0 && [...scores.values()].every((s) => s !== null);
  const published = scoreOf(entered.published_total);
  if (!complete) {
    return (
      <p className="small muted" aria-live="polite" data-testid="recomputed-live">
        {t({
          th: "กรอกคะแนนครบทุกตัวชี้วัดแล้ว ระบบจะคำนวณคะแนนรวมให้เทียบกับที่ประกาศ",
          en: "Once every indicator has a score, the recomputed total appears here beside the published one.",
        })}
      </p>
    );
  }
  const weight = indicators.reduce((sum, i) => sum + i.weight, 0);
  const total = indicators.reduce((sum, i) => sum + i.weight * scores.get(i.number)!, 0) / weight;
  const means = Object.fromEntries(
    INSTRUMENTS.map((name) => {
      const list = indicators.filter((i) => i.instrument === name);
      return [name, list.length ? list.reduce((sum, i) => sum + scores.get(i.number)!, 0) / list.length : null];
    }),
  ) as Record<Instrument, number | null>;
  const rating = rateBySteps(steps, total, means);
  const shown = (Math.round(total * 100) / 100).toFixed(2);
  const label = rating ? t(gradeText(rating.label, steps)) : "–";
  return (
    <div aria-live="polite">
      <p className="small" data-testid="recomputed-live">
        {t({ th: "คะแนนรวมที่คำนวณจากคะแนนรายตัวชี้วัด", en: "Total recomputed from the indicator scores" })}{" "}
        <strong data-testid="recomputed-total">{shown}</strong> · {t({ th: "ระดับ", en: "rating" })}{" "}
        <strong data-testid="recomputed-grade">{label}</strong>
        {published !== null ? (
          <>
            {" "}
            · {t({ th: "ตามประกาศ", en: "published" })} <strong>{published.toFixed(2)}</strong>
          </>
        ) : null}
      </p>
      {published !== null && totalsDiffer(published, total) ? (
        <p className="notice small" role="alert" data-testid="total-mismatch-live">
          {t({
            th: `คะแนนรวมตามประกาศ ${published.toFixed(2)} ต่างจากที่คำนวณได้ ${shown} เกิน 0.01 โปรดตรวจสอบคะแนนรายตัวชี้วัดที่กรอก (บันทึกได้ แต่ระบบจะแสดงคำเตือนนี้คู่กับผล)`,
            en: `The published total ${published.toFixed(2)} differs from the recomputed ${shown} by more than 0.01: please check the indicator scores (you can still save; the warning stays beside the result).`,
          })}
        </p>
      ) : null}
    </div>
  );
}
