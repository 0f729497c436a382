import { frameworkName } from "../../lib/frameworks";
import { Form } from "react-router";
import { AdminError } from "../../components/admin-error";
import { AnalysisView, gradeText } from "../../components/analysis-view";
import { useT, pageTitle } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { getOfficialPage } from "../../services/official-results.server";
import type { Route } from "./+types/official";

export const meta: Route.MetaFunction = ({ matches }) =>
  pageTitle(matches, { th: "ผลอย่างเป็นทางการและเปรียบเทียบ", en: "Official results and comparison" });

const fmt = (x: number | null | undefined) => (x == null ? "–" : x.toFixed(2));

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.readResults });
  const query = new URL(request.url).searchParams;
  return getOfficialPage(await getDb(), user, { year: query.get("year"), a: query.get("a"), b: query.get("b") });
}

export default function OfficialPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { official, shown, indicators, comparedIndicators, sources, a, b, changes, difference, canEdit } = loaderData;
  return (
    <>
      <h1>{t({ th: "ผลการประเมินอย่างเป็นทางการ", en: "Official results" })}</h1>
      {canEdit ? (
        <p className="actions no-print">
          <a className="button primary" href="/admin/official/new">
            {t({ th: "บันทึกผลของปีใหม่", en: "Enter a year's results" })}
          </a>
        </p>
      ) : null}
      {official.length === 0 ? (
        <p className="muted">{t({ th: "ยังไม่มีการบันทึกผลอย่างเป็นทางการ", en: "No official results entered yet." })}</p>
      ) : (
        <nav className="year-tabs no-print" aria-label={t({ th: "ปีงบประมาณ", en: "Fiscal years" })}>
          {official.map((o) => (
            <a
              key={o.fiscalYear}
              href={`/admin/official?year=${o.fiscalYear}`}
              aria-current={o.fiscalYear === shown?.fiscalYear ? "page" : undefined}
            >
              {o.fiscalYear}
            </a>
          ))}
        </nav>
      )}
      {shown ? (
        <section data-testid="official-year">
          <h2>
            {t({ th: `ปีงบประมาณ ${shown.fiscalYear}`, en: `Fiscal year ${shown.fiscalYear}` })} ·{" "}
            {t(frameworkName(shown.framework))}
            {canEdit ? (
              <>
                {" "}
                <a className="small no-print" href={`/admin/official/${shown.fiscalYear}`}>
                  {t({ th: "แก้ไข", en: "Edit" })}
                </a>
              </>
            ) : null}
          </h2>
          {shown.note ? <p className="muted">{shown.note}</p> : null}
          <AnalysisView
            analysis={shown.analysis}
            names={indicators}
            published={{ total: shown.publishedTotal, grade: shown.publishedGrade }}
          />
        </section>
      ) : null}

      <h2>{t({ th: "เปรียบเทียบผล", en: "Comparison" })}</h2>
      {sources.length < 2 ? (
        <p className="muted">
          {t({ th: "ต้องมีผลอย่างน้อย 2 ชุดจึงจะเปรียบเทียบได้", en: "At least two results are needed to compare." })}
        </p>
      ) : (
        <>
          <Form method="get" className="form-grid no-print">
            {shown ? <input type="hidden" name="year" value={shown.fiscalYear} /> : null}
            {(["a", "b"] as const).map((k) => (
              <div key={k}>
                <label htmlFor={`cmp-${k}`}>
                  {k === "a" ? t({ th: "เทียบจาก", en: "From" }) : t({ th: "เทียบกับ", en: "To" })}
                </label>
                <select id={`cmp-${k}`} name={k} defaultValue={(k === "a" ? a : b)?.key}>
                  {sources.map((s) => (
                    <option key={s.key} value={s.key}>
                      {t({ th: s.labelTh, en: s.labelEn })}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <div>
              <button type="submit" className="button">
                {t({ th: "เปรียบเทียบ", en: "Compare" })}
              </button>
            </div>
          </Form>
          {difference ? (
            <div className="notice small" role="note" data-testid="framework-difference">
              {t({
                th: `ผลสองชุดนี้ใช้กรอบการประเมินต่างกัน (${difference.a} กับ ${difference.b}) จึงเทียบกันตามหมายเลขตัวชี้วัด`,
                en: `These two results use different frameworks (${difference.a} and ${difference.b}); they are compared by indicator number.`,
              })}
              <ul>
                {difference.itemsDiffer.length ? (
                  <li>
                    {t({
                      th: `ข้อคำถามหรือข้อ OIT ของตัวชี้วัดที่ ${difference.itemsDiffer.join(", ")} ไม่เหมือนกัน (ทำเครื่องหมาย * ในตาราง)`,
                      en: `The questions or OIT items of indicator(s) ${difference.itemsDiffer.join(", ")} differ (marked * in the table).`,
                    })}
                  </li>
                ) : null}
                {difference.onlyInA.length + difference.onlyInB.length ? (
                  <li>
                    {t({
                      th: `ตัวชี้วัดที่มีในกรอบเดียว: ${[...difference.onlyInA, ...difference.onlyInB].join(", ")}`,
                      en: `Indicators in one framework only: ${[...difference.onlyInA, ...difference.onlyInB].join(", ")}`,
                    })}
                  </li>
                ) : null}
                {difference.ratingDiffers ? (
                  <li>
                    {t({
                      th: "ระดับผลใช้เกณฑ์ต่างกัน (เช่น เกรด AA–F กับระดับผ่านดีเยี่ยม/ผ่านดี/ผ่าน) จึงเทียบระดับกันโดยตรงไม่ได้",
                      en: "The ratings follow different rules (e.g. AA–F grades and pass labels), so they cannot be compared directly.",
                    })}
                  </li>
                ) : null}
              </ul>
            </div>
          ) : null}
          {a && b ? (
            <div className="table-wrap">
              <table data-testid="comparison">
                <thead>
                  <tr>
                    <th>{t({ th: "ตัวชี้วัด", en: "Indicator" })}</th>
                    <th className="num">{t({ th: a.labelTh, en: a.labelEn })}</th>
                    <th className="num">{t({ th: b.labelTh, en: b.labelEn })}</th>
                    <th className="num">{t({ th: "เปลี่ยนแปลง", en: "Change" })}</th>
                  </tr>
                </thead>
                <tbody>
                  {changes.map((c) => {
                    const meta = comparedIndicators.find((i) => i.number === c.indicator)!;
                    return (
                      <tr key={c.indicator}>
                        <td>
                          {c.indicator}. {t({ th: meta.nameTh, en: meta.nameEn })}
                          {c.itemsDiffer ? <span title={t({ th: "ข้อไม่เหมือนกัน", en: "items differ" })}> *</span> : null}
                        </td>
                        <td className="num">{fmt(c.a)}</td>
                        <td className="num">{fmt(c.b)}</td>
                        <td className={`num ${c.change === null ? "" : c.change >= 0 ? "up" : "down"}`}>
                          {c.change === null ? "–" : `${c.change > 0 ? "+" : ""}${c.change.toFixed(2)}`}
                        </td>
                      </tr>
                    );
                  })}
                  <tr>
                    <th>{t({ th: "คะแนนรวม", en: "Overall" })}</th>
                    <th className="num">{fmt(a.overall)}</th>
                    <th className="num">{fmt(b.overall)}</th>
                    <th className="num">
                      {a.overall == null || b.overall == null
                        ? "–"
                        : `${b.overall - a.overall > 0 ? "+" : ""}${(Math.round((b.overall - a.overall) * 100) / 100).toFixed(2)}`}
                    </th>
                  </tr>
                  <tr data-testid="comparison-grades">
                    <th>{t({ th: "ระดับผล", en: "Grade / rating" })}</th>
                    <td className="num">{t(gradeText(a.grade, a.ratingLabels))}</td>
                    <td className="num">{t(gradeText(b.grade, b.ratingLabels))}</td>
                    <td />
                  </tr>
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      )}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
