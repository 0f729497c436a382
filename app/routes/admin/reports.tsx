import { Form, redirect } from "react-router";
import { AdminError } from "../../components/admin-error";
import { FormErrors } from "../../components/form-errors";
import { useT, pageTitle } from "../../lib/i18n";
import { ROLES, can } from "../../lib/roles";
import { createReport, listBasisChoices, listReports } from "../../services/reports/reports.server";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { formInput, invalidForm, readForm } from "../../server/http.server";
import type { Route } from "./+types/reports";

export const meta: Route.MetaFunction = ({ matches }) =>
  pageTitle(matches, {
    th: "รายงานมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
    en: "Integrity and transparency measures reports",
  });

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.readResults });
  const db = await getDb();
  const [reports, choices] = await Promise.all([listReports(db, user), listBasisChoices(db, user)]);
  const round = new URL(request.url).searchParams.get("round");
  const first = choices[0];
  return {
    reports,
    choices,
    preselect: round ? `round:${round}` : first ? `${first.kind}:${first.id}` : "",
    canEdit: can(user, "manageRounds"),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request, { roles: ROLES.manageRounds });
  const result = await createReport(await getDb(), user, formInput(await readForm(request)));
  if (!result.ok) return invalidForm(result.errors);
  throw redirect(`/admin/reports/${result.id}`);
}

export default function ReportsPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { reports, choices, preselect } = loaderData;
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
                <span lang="th">{r.title}</span>
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
              <FormErrors errors={actionData?.errors} />
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
