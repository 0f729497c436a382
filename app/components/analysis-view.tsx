import type { AnalysisJson } from "../ita/format";
import { totalsDiffer } from "../ita/rating";
import { useT } from "../lib/i18n";
import { ScoreChart } from "./score-chart";

const fmt = (x: number) => x.toFixed(2);

/** A grade or label in both languages: the framework's own English name for a label (ผ่านดี → Good pass). */
export function gradeText(
  grade: string | null,
  labels: readonly { label: string; labelEn: string }[] = [],
): { th: string; en: string } {
  if (grade === "pass") return { th: "ผ่าน", en: "Pass" };
  if (grade === "fail") return { th: "ไม่ผ่าน", en: "Fail" };
  const known = labels.find((l) => l.label === grade);
  return { th: grade ?? "–", en: known?.labelEn ?? grade ?? "–" };
}

type Props = {
  analysis: AnalysisJson;
  /** Link of an indicator's drill-down, when there is one. */
  indicatorHref?: (indicator: number) => string;
  /** Why parts are missing, in Thai and English. */
  reasons?: { reasonTh: string; reason: string }[];
  /** The total and grade as officially published, shown beside the recomputed ones. */
  published?: { total: number | null; grade: string | null };
  names: { number: number; nameTh: string; nameEn: string; instrument: string }[];
};

/** Overall score and grade (or why they are withheld), instrument scores, chart and the ranked table. */
export function AnalysisView({ analysis: a, indicatorHref, reasons = [], published, names }: Props) {
  const t = useT();
  const labelled = a.gradingMode === "labels";
  const shownGrade = published?.grade ?? a.grade;
  const mismatch =
    published?.total != null && a.overall !== null && totalsDiffer(published.total, a.overall) ? a.overall : null;
  const bars = names.map((n) => ({
    indicator: n.number,
    score: a.ranking.find((r) => r.indicator === n.number)?.score ?? null,
    label: String(n.number),
  }));
  return (
    <>
      <section className="result-summary" aria-label={t({ th: "ผลรวม", en: "Overall" })}>
        <div className="card stat">
          <div className="stat-label">{t({ th: "คะแนนรวม", en: "Overall score" })}</div>
          {published?.total != null ? (
            <>
              <div className="stat-value" data-testid="overall-official">
                {fmt(published.total)}
              </div>
              <div className="small muted">
                {t({ th: "ตามที่ประกาศอย่างเป็นทางการ · คำนวณใหม่ได้", en: "as officially published · recomputed" })}{" "}
                <span data-testid="overall-recomputed">{a.overall === null ? "–" : fmt(a.overall)}</span>
              </div>
              {mismatch !== null ? (
                <div className="notice small" role="alert" data-testid="total-mismatch">
                  {t({
                    th: `คะแนนรวมที่ประกาศ ${fmt(published!.total!)} ต่างจากที่คำนวณจากคะแนนรายตัวชี้วัด ${fmt(mismatch)} เกิน 0.01 โปรดตรวจสอบคะแนนที่กรอก`,
                    en: `The published total ${fmt(published!.total!)} differs from ${fmt(mismatch)} recomputed from the indicator scores by more than 0.01: please check the scores entered.`,
                  })}
                </div>
              ) : null}
            </>
          ) : (
            <div className="stat-value" data-testid="overall">
              {a.overall === null ? "–" : fmt(a.overall)}
            </div>
          )}
        </div>
        <div className="card stat">
          <div className="stat-label">
            {labelled ? t({ th: "ระดับผลการประเมิน", en: "Rating" }) : t({ th: "ระดับผลการประเมิน", en: "Grade" })}
          </div>
          <div className="stat-value" data-testid="grade">
            {t(gradeText(shownGrade, a.ratingLabels))}
          </div>
          {published?.grade && a.grade && published.grade !== a.grade ? (
            <div className="small muted" data-testid="grade-recomputed">
              {t({ th: "คำนวณใหม่ได้", en: "recomputed" })} {t(gradeText(a.grade, a.ratingLabels))}
            </div>
          ) : null}
          {a.rating?.whyNotNextTh && (!published?.grade || published.grade === a.grade) ? (
            <div className="small" data-testid="rating-why">
              {t({ th: a.rating.whyNotNextTh, en: a.rating.whyNotNextEn ?? "" })}
            </div>
          ) : null}
          {a.meetsTarget !== null ? (
            <div className="small muted">
              {a.meetsTarget
                ? t({ th: `ผ่านเป้าหมาย ${a.target} คะแนน`, en: `Meets the target of ${a.target}` })
                : t({ th: `ยังไม่ถึงเป้าหมาย ${a.target} คะแนน`, en: `Below the target of ${a.target}` })}
            </div>
          ) : null}
        </div>
        {(["IIT", "EIT", "OIT"] as const).map((i) => (
          <div className="card stat" key={i}>
            <div className="stat-label">
              {i}
              {labelled ? (
                <span className="small muted"> {t({ th: "(ใช้ตัดสินระดับ)", en: "(used for the rating)" })}</span>
              ) : null}
            </div>
            <div className="stat-value small-value" data-testid={`instrument-${i}`}>
              {a.instruments[i] === null ? "–" : fmt(a.instruments[i]!)}
            </div>
          </div>
        ))}
      </section>
      {a.rating?.uncertain ? (
        <details className="notice small" data-testid="rating-uncertain">
          <summary>
            {t({
              th: "เกณฑ์ระดับผล (ผ่านดีเยี่ยม ผ่านดี ผ่าน …) ยังไม่ยืนยันกับคู่มือทางการ",
              en: "The rating rule (labels) is not yet confirmed by an official handbook",
            })}
          </summary>
          {t({ th: a.rating.noteTh ?? "", en: a.rating.noteEn ?? "" })}
        </details>
      ) : null}

      {a.withheld ? (
        <div className="notice" role="status" data-testid="withheld">
          <strong>{t({ th: "ยังไม่แสดงคะแนนรวมและระดับผล", en: "Overall score and grade withheld" })}</strong>{" "}
          {t({
            th: `เพราะตัวชี้วัดที่ ${a.missing.join(", ")} ยังไม่มีคะแนน`,
            en: `because indicator(s) ${a.missing.join(", ")} have no score yet`,
          })}
          {reasons.length ? (
            <ul>
              {reasons.map((r) => (
                <li key={r.reason}>{t({ th: r.reasonTh, en: r.reason })}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <h2>{t({ th: "คะแนนรายตัวชี้วัด", en: "Indicator scores" })}</h2>
      <ScoreChart
        bars={bars}
        strengthLine={a.strengthLine}
        target={a.target}
        title={t({ th: "แผนภูมิคะแนน 10 ตัวชี้วัด", en: "Chart of the indicator scores" })}
      />

      <div className="table-wrap">
        <table className="ranking" data-testid="ranking">
          <thead>
            <tr>
              <th className="num">{t({ th: "อันดับ", en: "Rank" })}</th>
              <th>{t({ th: "ตัวชี้วัด", en: "Indicator" })}</th>
              <th>{t({ th: "เครื่องมือ", en: "Instrument" })}</th>
              <th className="num">{t({ th: "คะแนน", en: "Score" })}</th>
              <th>{t({ th: "จุดแข็ง/จุดอ่อน", en: "Strength/weakness" })}</th>
              <th className="num">{t({ th: `ห่างจากเป้า ${a.target}`, en: `Gap to ${a.target}` })}</th>
            </tr>
          </thead>
          <tbody>
            {a.ranking.map((r) => {
              const gap = r.score - a.target;
              const name = `${r.indicator}. ${t({ th: r.nameTh, en: r.nameEn })}`;
              return (
                <tr key={r.indicator} data-indicator={r.indicator}>
                  <td className="num">{r.rank}</td>
                  <td>{indicatorHref ? <a href={indicatorHref(r.indicator)}>{name}</a> : name}</td>
                  <td>{r.instrument}</td>
                  <td className="num">{fmt(r.score)}</td>
                  <td>
                    {r.score >= a.strengthLine ? (
                      <span className="badge open">{t({ th: "จุดแข็ง", en: "Strength" })}</span>
                    ) : (
                      <span className="badge closed">{t({ th: "จุดอ่อน", en: "Weakness" })}</span>
                    )}
                  </td>
                  <td className="num">{gap >= 0 ? t({ th: "ถึงเป้า", en: "met" }) : fmt(gap)}</td>
                </tr>
              );
            })}
            {a.missing.map((n) => {
              const meta = names.find((x) => x.number === n);
              const name = `${n}. ${meta ? t({ th: meta.nameTh, en: meta.nameEn }) : ""}`;
              return (
                <tr key={n} className="muted" data-indicator={n}>
                  <td className="num">–</td>
                  <td>{indicatorHref ? <a href={indicatorHref(n)}>{name}</a> : name}</td>
                  <td>{meta?.instrument}</td>
                  <td className="num">{t({ th: "ยังไม่มีคะแนน", en: "no score yet" })}</td>
                  <td />
                  <td />
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p data-testid="extremes">
        {a.highest
          ? t({
              th: `สูงสุด: ตัวชี้วัดที่ ${a.highest.indicator} (${fmt(a.highest.score)})`,
              en: `Highest: indicator ${a.highest.indicator} (${fmt(a.highest.score)})`,
            })
          : null}
        {a.lowest
          ? " · " +
            t({
              th: `ต่ำสุด: ตัวชี้วัดที่ ${a.lowest.indicator} (${fmt(a.lowest.score)})`,
              en: `Lowest: indicator ${a.lowest.indicator} (${fmt(a.lowest.score)})`,
            })
          : null}
      </p>
      <p data-testid="counts-strengths">
        {t({
          th: `จุดแข็ง ${a.strengths.length} ตัวชี้วัด (คะแนนตั้งแต่ ${a.strengthLine}) · จุดอ่อน ${a.weaknesses.length} ตัวชี้วัด · ต่ำกว่าเป้า ${a.target}: ${a.belowTarget.length} ตัวชี้วัด`,
          en: `${a.strengths.length} strengths (${a.strengthLine} or more) · ${a.weaknesses.length} weaknesses · ${a.belowTarget.length} below ${a.target}`,
        })}
      </p>
    </>
  );
}
