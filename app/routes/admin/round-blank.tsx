import { pageTitle, useT } from "../../lib/i18n";
import { AdminError } from "../../components/admin-error";
import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { getBlankQuestionnaire } from "../../services/round-access.server";
import type { Route } from "./+types/round-blank";
import "../../styles/print-sheet.css";

export const meta: Route.MetaFunction = ({ matches }) =>
  pageTitle(matches, { th: "แบบสอบถามสำหรับพิมพ์", en: "Printable questionnaire" });

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.paperEntry });
  return getBlankQuestionnaire(await getDb(), user, params.roundId, params.instrument);
}

// Thai only: the sheet is printed for respondents who prefer paper.
export default function BlankQuestionnaire({ loaderData }: Route.ComponentProps) {
  const { instrument, title, agency, fiscalYear, questions, roundId } = loaderData;
  const t = useT();
  return (
    <>
      <div className="sheet-tools">
        <a href={`/admin/rounds/${roundId}/entry`}>{t({ th: "← กลับหน้าบันทึกคำตอบ", en: "← Back to data entry" })}</a>
        <span>
          {t({
            th: "พิมพ์บนกระดาษ A4 (Ctrl+P) · แบบสอบถามเป็นภาษาไทยสำหรับผู้ตอบ",
            en: "Print on A4 (Ctrl+P) · the questionnaire is in Thai, for the respondents",
          })}
        </span>
      </div>
      <article className="sheet blank" lang="th">
        <p>
          {agency} · ปีงบประมาณ พ.ศ. {fiscalYear}
        </p>
        <h1>{title}</h1>
        <p>
          {instrument === "iit"
            ? "สำหรับบุคลากรที่ปฏิบัติงานมาแล้วไม่น้อยกว่า 1 ปี ไม่ต้องเขียนชื่อ กรอกเสร็จแล้วพับใส่กล่องรับแบบสอบถาม"
            : "สำหรับผู้รับบริการหรือผู้มาติดต่อ ไม่ต้องเขียนชื่อ ทำเครื่องหมาย ✓ ในช่องที่ตรงกับความเห็นของท่าน ข้อละหนึ่งช่อง"}
        </p>
        {questions.map((q, n) => (
          <section className="q" key={q.name}>
            <p>
              <strong>{n + 1}.</strong> {q.title}
            </p>
            {q.kind === "matrix" ? (
              <table>
                <thead>
                  <tr>
                    <th>ประเด็น</th>
                    {q.columns.map((c) => (
                      <th key={String(c.value)}>{c.text}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {q.rows.map((r) => (
                    <tr key={String(r.value)}>
                      <td>{r.text}</td>
                      {q.columns.map((c) => (
                        <td className="box" key={String(c.value)}>
                          ☐
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : q.kind === "choice" ? (
              <div className="opts">
                {q.choices.map((c) => (
                  <span key={String(c.value)}>☐ {c.text}</span>
                ))}
              </div>
            ) : (
              <>
                <div className="lines" />
                <div className="lines" />
                <div className="lines" />
              </>
            )}
          </section>
        ))}
        <p>ขอบคุณที่สละเวลาตอบแบบสอบถาม</p>
      </article>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
