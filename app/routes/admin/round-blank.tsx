import { findAgency } from "../../../db/repositories/agencies";
import { AdminError } from "../../components/admin-error";
import { notFound } from "../../server/http.server";
import { ROLES } from "../../lib/roles";
import { requireRoundAccess } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { readQuestionnaireIn } from "../../services/frameworks/questionnaires.server";
import type { Route } from "./+types/round-blank";
import "../../styles/print-sheet.css";

export const meta = () => [{ title: "แบบสอบถามสำหรับพิมพ์ — ITA Survey" }];

type Choice = { value: unknown; text: string };
type Question =
  | { kind: "matrix"; name: string; title: string; rows: Choice[]; columns: Choice[] }
  | { kind: "choice"; name: string; title: string; choices: Choice[] }
  | { kind: "comment"; name: string; title: string };

const textOf = (c: unknown): Choice =>
  typeof c === "object" && c
    ? { value: (c as Choice).value, text: String((c as Choice).text ?? (c as Choice).value) }
    : { value: c, text: String(c) };

/** The questions of a SurveyJS questionnaire, flattened in order, for a paper form (html blocks left out). */
function questionsOf(json: Record<string, unknown>): Question[] {
  const out: Question[] = [];
  const walk = (elements: Record<string, unknown>[]) => {
    for (const e of elements) {
      const title = String(e.title ?? e.name);
      if (Array.isArray(e.elements)) walk(e.elements as Record<string, unknown>[]);
      else if (e.type === "matrix")
        out.push({
          kind: "matrix",
          name: String(e.name),
          title,
          rows: (e.rows as unknown[]).map(textOf),
          columns: (e.columns as unknown[]).map(textOf),
        });
      else if (e.type === "radiogroup" || e.type === "dropdown" || e.type === "boolean")
        out.push({
          kind: "choice",
          name: String(e.name),
          title,
          choices: ((e.choices as unknown[]) ?? []).map(textOf),
        });
      else if (e.type === "comment" || e.type === "text") out.push({ kind: "comment", name: String(e.name), title });
    }
  };
  for (const page of (json.pages as { elements?: Record<string, unknown>[] }[]) ?? []) walk(page.elements ?? []);
  return out;
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { round } = await requireRoundAccess(request, params.roundId, ROLES.paperEntry);
  if (params.instrument !== "iit" && params.instrument !== "eit") throw notFound();
  const agency = await findAgency(await getDb(), round.agency_id);
  const json = readQuestionnaireIn(round.framework, params.instrument, "th");
  return {
    instrument: params.instrument,
    title: String(json.title ?? ""),
    agency: agency?.name_th ?? "",
    fiscalYear: round.fiscal_year,
    questions: questionsOf(json),
    roundId: round.id,
  };
}

// Thai only: the sheet is printed for respondents who prefer paper.
export default function BlankQuestionnaire({ loaderData }: Route.ComponentProps) {
  const { instrument, title, agency, fiscalYear, questions, roundId } = loaderData;
  return (
    <>
      <div className="sheet-tools">
        <a href={`/admin/rounds/${roundId}/entry`}>← กลับหน้าบันทึกคำตอบ (Back)</a>
        <span>พิมพ์บนกระดาษ A4 (Ctrl+P) · Print on A4</span>
      </div>
      <article className="sheet blank">
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
