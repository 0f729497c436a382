import { data, Form, redirect } from "react-router";
import { listReports } from "../../../db/repositories/reports";
import { AdminError } from "../../components/admin-error";
import { ROLES, can } from "../../lib/roles";
import { requireAgencyOf, requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { useT } from "../../lib/i18n";
import { listBasisChoices } from "../../services/reports/report.server";
import type { Route } from "./+types/reports";
import { createReport, type FieldError } from "../../services/reports/edit.server";
import { readForm } from "../../server/http.server";

export const meta: Route.MetaFunction = () => [{ title: "รายงานมาตรการส่งเสริมคุณธรรมและความโปร่งใส — ITA Survey" }];

const canEdit = (role: string) => can({ role: role }, "manageRounds");

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.readResults });
  const agencyId = requireAgencyOf(user);
  const db = await getDb();
  const [reports, choices] = await Promise.all([listReports(db, agencyId), listBasisChoices(db, agencyId)]);
  const round = new URL(request.url).searchParams.get("round");
  return {
    reports: reports.map((r) => ({
      id: r.id,
      title: r.title,
      measuresYear: r.measures_year,
      basisKind: r.basis_kind,
      updatedAt: r.updated_at,
    })),
    choices,
    preselect: round ? `round:${round}` : choices[0] ? `${choices[0].kind}:${choices[0].id}` : "",
    canEdit: canEdit(user.role),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request, { roles: ROLES.manageRounds });
  const agencyId = requireAgencyOf(user);
  const form = await readForm(request);
  const result = await createReport(await getDb(), user, agencyId, String(form.get("basis") ?? ""));
  if (typeof result !== "string") return data({ errors: [result] as FieldError[] }, { status: 422 });
  throw redirect(`/admin/reports/${result}`);
}

export default function ReportsPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { reports, choices, preselect } = loaderData;
  const errors = actionData?.errors ?? [];
  return (
    <>
      <h1>{t({ th: "รายงานมาตรการส่งเสริมคุณธรรมและความโปร่งใส", en: "Integrity and transparency measures reports" })}</h1>
      <p className="muted">
        {t({
          th: "ระบบร่างรายงานมาตรการของปีงบประมาณถัดไปจากผลการประเมิน ITA ที่เลือก ท่านแก้ไขข้อความและตารางมาตรการได้ทุกส่วน แล้วพิมพ์หรือดาวน์โหลดเป็นไฟล์ Word",
          en: "The app drafts next fiscal year's measures report from the ITA results you choose. Edit any text and the measures table, then print it or download it as a Word file.",
        })}
      </p>
      {reports.length === 0 ? (
        <p>{t({ th: "ยังไม่มีรายงาน", en: "No reports yet." })}</p>
      ) : (
        <ul className="link-list" data-testid="reports">
          {reports.map((r) => (
            <li key={r.id}>
              <a href={`/admin/reports/${r.id}`}>
                {r.title}
                <span className="hint">
                  {" "}
                  ·{" "}
                  {r.basisKind === "official"
                    ? t({ th: "จากผลอย่างเป็นทางการ", en: "from official results" })
                    : t({ th: "จากผลการประเมินตนเอง", en: "from a self-assessment" })}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {loaderData.canEdit ? (
        <section>
          <h2>{t({ th: "ร่างรายงานฉบับใหม่", en: "Draft a new report" })}</h2>
          {choices.length === 0 ? (
            <p className="notice">
              {t({
                th: "ยังไม่มีผลการประเมินให้ใช้ กรุณาบันทึกผลอย่างเป็นทางการ หรือสร้างรอบการประเมินก่อน",
                en: "There are no results to build on yet: enter official results or create a round first.",
              })}{" "}
              <a href="/admin/official">{t({ th: "บันทึกผลอย่างเป็นทางการ", en: "Official results" })}</a>
            </p>
          ) : (
            <Form method="post" className="stack-form">
              {errors.length ? (
                <p className="error" role="alert">
                  {errors.map((e) => t({ th: e.messageTh, en: e.message })).join(" ")}
                </p>
              ) : null}
              <label htmlFor="basis">{t({ th: "จัดทำจากผลการประเมิน", en: "Build on" })}</label>
              <select id="basis" name="basis" defaultValue={preselect}>
                {choices.map((c) => (
                  <option key={`${c.kind}:${c.id}`} value={`${c.kind}:${c.id}`}>
                    {t({
                      th: `${c.labelTh} → มาตรการปี ${c.fiscalYear + 1}`,
                      en: `${c.labelEn} → measures for ${c.fiscalYear + 1}`,
                    })}
                  </option>
                ))}
              </select>
              <div className="actions">
                <button type="submit" className="button primary">
                  {t({ th: "ร่างรายงาน", en: "Draft the report" })}
                </button>
              </div>
            </Form>
          )}
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
