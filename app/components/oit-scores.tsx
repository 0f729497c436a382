import { Fragment } from "react";
import { formatScore } from "../ita";
import { useT } from "../lib/i18n";

type Part = { score: number | null; answered: number; total: number; partial: boolean };
export type OitScoreSummary = {
  subindicators: (Part & { id: string; indicator: number })[];
  indicators: (Part & { indicator: number; nameTh: string; nameEn?: string })[];
  needsEvidence: string[];
  unanswered: number;
};

/** The OIT scores as computed on the server: indicators 9 and 10 and their sub-indicators. */
export function ScoreTable({ scores }: { scores: OitScoreSummary }) {
  const t = useT();
  const show = (p: Part) => (p.score === null ? "—" : formatScore(p.score));
  return (
    <div className="oit-scores" aria-live="polite">
      <table>
        <thead>
          <tr>
            <th>{t({ th: "ตัวชี้วัด", en: "Indicator" })}</th>
            <th className="num">{t({ th: "คะแนน", en: "Score" })}</th>
            <th className="num">{t({ th: "ตอบแล้ว", en: "Answered" })}</th>
          </tr>
        </thead>
        <tbody>
          {scores.indicators.map((i) => (
            <Fragment key={i.indicator}>
              <tr className="indicator-row">
                <th scope="row">
                  {i.indicator} {t({ th: i.nameTh, en: i.nameEn || i.nameTh })}
                </th>
                <td className="num" data-score={`indicator-${i.indicator}`}>
                  {show(i)}
                  {i.partial && i.score !== null ? (
                    <span className="muted small"> ({t({ th: "ยังไม่ครบ", en: "partial" })})</span>
                  ) : null}
                </td>
                <td className="num">
                  {i.answered}/{i.total}
                </td>
              </tr>
              {scores.subindicators
                .filter((s) => s.indicator === i.indicator)
                .map((s) => (
                  <tr key={s.id}>
                    <td className="sub">{s.id}</td>
                    <td className="num" data-score={`sub-${s.id}`}>
                      {show(s)}
                    </td>
                    <td className="num">
                      {s.answered}/{s.total}
                    </td>
                  </tr>
                ))}
            </Fragment>
          ))}
        </tbody>
      </table>
      {scores.needsEvidence.length ? (
        <p className="notice">
          {t({ th: "ข้อที่ตอบ มี แต่ยังไม่มีลิงก์ (ยังไม่ได้คะแนน): ", en: "Marked yes without a link (no points yet): " })}
          {scores.needsEvidence.map((id) => id.toUpperCase()).join(", ")}
        </p>
      ) : null}
    </div>
  );
}
