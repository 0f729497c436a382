import { useEffect, useRef, useState } from "react";
import { Form, redirect } from "react-router";
import { AdminError } from "../../components/admin-error";
import { gradeText } from "../../components/analysis-view";
import { OfficialTotalCheck } from "../../components/official-total-check";
import { FormErrors, fieldMessage } from "../../components/form-errors";
import { frameworkOptionLabel } from "../../lib/frameworks";
import type { FieldError } from "../../lib/forms";
import { useT, pageTitle } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { formInput, invalidForm, readForm } from "../../server/http.server";
import { deleteOfficialResult, getOfficialForm, saveOfficialResult } from "../../services/official-results.server";
import type { Route } from "./+types/official-edit";

export const meta: Route.MetaFunction = ({ matches }) =>
  pageTitle(matches, { th: "บันทึกผลอย่างเป็นทางการ", en: "Enter official results" });

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.manageRounds });
  const query = new URL(request.url).searchParams;
  return getOfficialForm(await getDb(), user, {
    year: params.year,
    framework: query.get("framework"),
    confirmDelete: query.get("delete") === "1",
  });
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request, { roles: ROLES.manageRounds });
  const db = await getDb();
  const input = formInput(await readForm(request));
  if (input.intent === "delete") {
    await deleteOfficialResult(db, user, { year: params.year });
    throw redirect("/admin/official");
  }
  const result = await saveOfficialResult(db, user, input);
  if (!result.ok) return invalidForm(result.errors);
  throw redirect(`/admin/official?year=${result.fiscalYear}`);
}

export default function OfficialEditPage({ loaderData, actionData }: Route.ComponentProps) {
  const { existing, selected } = loaderData;
  // A fresh form (and framework choice) for each year and for each framework asked for in the address.
  return (
    <OfficialEditForm
      key={`${existing?.id ?? "new"}:${selected}`}
      loaderData={loaderData}
      errors={actionData?.errors ?? []}
    />
  );
}

function OfficialEditForm({
  loaderData,
  errors,
}: {
  loaderData: Route.ComponentProps["loaderData"];
  errors: FieldError[];
}) {
  const t = useT();
  const { existing, frameworks, selected, confirmDelete, reportsOnIt } = loaderData;
  const [frameworkId, setFrameworkId] = useState(selected);
  const framework = frameworks.find((f) => f.id === frameworkId) ?? frameworks[0];
  const indicators = framework?.indicators ?? [];
  // The saved scores belong to the saved framework: another framework starts with empty boxes.
  const saved = existing && existing.framework === frameworkId ? existing.scores : null;
  const errorOf = (field: string) => fieldMessage(errors, field);
  // What the boxes hold, for the live recomputation: the saved values first, then each change as it is typed.
  const [entered, setEntered] = useState<Record<string, string>>(() => ({
    ...Object.fromEntries(Object.entries(saved ?? {}).map(([n, v]) => [`s${n}`, String(v)])),
    published_total: existing?.publishedTotal == null ? "" : String(existing.publishedTotal),
  }));
  const readBoxes = (form: HTMLFormElement) => {
    const data = new FormData(form);
    setEntered(Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v)])));
  };
  // Another framework brings other boxes: read them again once they are on the page.
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (formRef.current) readBoxes(formRef.current);
  }, [frameworkId]);
  const labels = framework?.ratingSteps ?? [];
  const savedGrade = existing && existing.framework === frameworkId ? existing.publishedGrade : null;
  const savedGradeUnknown = savedGrade !== null && !labels.some((l) => l.label === savedGrade);
  const editPath = existing ? `/admin/official/${existing.fiscalYear}` : "/admin/official/new";
  return (
    <>
      <p className="small">
        <a href="/admin/official">{t({ th: "← ผลอย่างเป็นทางการ", en: "← Official results" })}</a>
      </p>
      <h1>{t({ th: "บันทึกผลการประเมิน ITA อย่างเป็นทางการ", en: "Enter official ITA results" })}</h1>
      {existing && confirmDelete ? (
        <section
          className="card danger-zone"
          data-testid="official-delete-confirm"
          role="alertdialog"
          aria-labelledby="delete-title"
        >
          <h2 id="delete-title">
            {t({
              th: `ยืนยันการลบผลอย่างเป็นทางการ ปีงบประมาณ ${existing.fiscalYear}`,
              en: `Delete the official results of fiscal year ${existing.fiscalYear}?`,
            })}
          </h2>
          <p>
            {t({
              th: "คะแนนทั้งหมดของปีนี้จะถูกลบออกจากระบบและกู้คืนไม่ได้ ระบบจะบันทึกการลบไว้ในบันทึกการใช้งาน",
              en: "All scores of this year are removed and cannot be restored. The deletion is recorded in the audit log.",
            })}
          </p>
          {reportsOnIt > 0 ? (
            <p className="notice">
              {t({
                th: `มีรายงานมาตรการ ${reportsOnIt} ฉบับที่จัดทำจากผลของปีนี้ หลังลบแล้วรายงานเหล่านั้นจะไม่มีตัวเลขผลการประเมินให้แสดง`,
                en: `${reportsOnIt} measures report(s) are built on this year's results; after the deletion they have no figures to show.`,
              })}
            </p>
          ) : null}
          <Form method="post" action={editPath} className="actions">
            <input type="hidden" name="intent" value="delete" />
            <button type="submit" className="button danger">
              {t({ th: "ยืนยัน ลบผลของปีนี้", en: "Yes, delete this year's results" })}
            </button>{" "}
            <a className="button" href={editPath}>
              {t({ th: "ยกเลิก", en: "Cancel" })}
            </a>
          </Form>
        </section>
      ) : null}
      <p className="muted">
        {t({
          th: `กรอกคะแนนทั้ง ${indicators.length} ตัวชี้วัดของกรอบการประเมินที่เลือกตามที่ประกาศ หากประกาศมีคะแนนรวมและระดับผล ให้กรอกด้วย ระบบจะแสดงค่าที่ประกาศคู่กับค่าที่คำนวณใหม่`,
          en: `Enter the ${indicators.length} indicator scores of the chosen framework as published; add the total and grade when the publication has them. The app shows them beside its own recomputation.`,
        })}
      </p>
      <FormErrors errors={errors} />
      <Form ref={formRef} method="post" action={editPath} onInput={(e) => readBoxes(e.currentTarget)}>
        <div className="form-grid">
          <div>
            <label htmlFor="fiscal_year">{t({ th: "ปีงบประมาณ (พ.ศ.)", en: "Fiscal year (B.E.)" })}</label>
            <input
              id="fiscal_year"
              name="fiscal_year"
              inputMode="numeric"
              required
              defaultValue={existing?.fiscalYear ?? ""}
              readOnly={!!existing}
            />
          </div>
          <div>
            <label htmlFor="framework">{t({ th: "กรอบการประเมิน", en: "Framework" })}</label>
            <select
              id="framework"
              name="framework"
              value={frameworkId}
              onChange={(e) => setFrameworkId(e.target.value)}
            >
              {frameworks.map((f) => (
                <option key={f.id} value={f.id}>
                  {t(frameworkOptionLabel(f))}
                </option>
              ))}
            </select>
            <noscript>
              <span className="hint">
                {frameworks
                  .filter((f) => f.id !== frameworkId)
                  .map((f) => (
                    <a key={f.id} href={`${editPath}?framework=${encodeURIComponent(f.id)}`}>
                      {t({
                        th: `ใช้ตัวชี้วัดของ ${frameworkOptionLabel(f).th}`,
                        en: `Use the indicators of ${frameworkOptionLabel(f).en}`,
                      })}
                    </a>
                  ))}
              </span>
            </noscript>
          </div>
        </div>
        <fieldset data-testid="indicator-scores" data-framework={frameworkId}>
          <legend>{t({ th: "คะแนนรายตัวชี้วัด", en: "Indicator scores" })}</legend>
          <div className="form-grid">
            {indicators.map((i) => (
              <div key={`${frameworkId}:${i.number}`}>
                <label htmlFor={`s${i.number}`}>
                  {i.number}. {t({ th: i.nameTh, en: i.nameEn })}
                </label>
                <input
                  id={`s${i.number}`}
                  name={`s${i.number}`}
                  inputMode="decimal"
                  required
                  aria-invalid={errorOf(`s${i.number}`) ? true : undefined}
                  defaultValue={saved?.[i.number] ?? ""}
                />
              </div>
            ))}
          </div>
        </fieldset>
        <div className="form-grid">
          <div>
            <label htmlFor="published_total">
              {t({ th: "คะแนนรวมตามประกาศ", en: "Published total" })}{" "}
              <span className="hint">{t({ th: "(ถ้ามี)", en: "(if any)" })}</span>
            </label>
            <input
              id="published_total"
              name="published_total"
              inputMode="decimal"
              defaultValue={existing?.publishedTotal ?? ""}
            />
          </div>
          <div>
            <label htmlFor="published_grade">
              {framework?.gradingMode === "labels"
                ? t({ th: "ระดับผลตามประกาศ", en: "Published rating" })
                : t({ th: "ระดับผลตามประกาศ", en: "Published grade" })}{" "}
              <span className="hint">{t({ th: "(ถ้ามี)", en: "(if any)" })}</span>
            </label>
            <select
              id="published_grade"
              name="published_grade"
              key={frameworkId}
              defaultValue={savedGradeUnknown ? "" : (savedGrade ?? "")}
              aria-invalid={errorOf("published_grade") ? true : undefined}
            >
              <option value="">{t({ th: "— ไม่ระบุ —", en: "— not given —" })}</option>
              {labels.map((l) => (
                <option key={l.label} value={l.label}>
                  {t(gradeText(l.label, labels))}
                </option>
              ))}
            </select>
            {savedGradeUnknown ? (
              <p className="notice small" data-testid="saved-grade-unknown">
                {t({
                  th: `ระดับที่บันทึกไว้เดิม "${savedGrade}" ไม่ใช่ระดับของกรอบนี้ โปรดเลือกใหม่`,
                  en: `The grade saved before, "${savedGrade}", is not one of this framework's; please choose again.`,
                })}
              </p>
            ) : null}
            {framework?.ratingUncertain ? (
              <p className="hint small">
                {t({
                  th: "เกณฑ์ระดับผลของปีนี้ยังไม่ยืนยันกับคู่มือทางการ",
                  en: "This year's rating rule is not yet confirmed by an official handbook.",
                })}
              </p>
            ) : null}
          </div>
        </div>
        <OfficialTotalCheck indicators={indicators} steps={labels} entered={entered} />
        <label htmlFor="note">{t({ th: "หมายเหตุ / แหล่งที่มา", en: "Note / source" })}</label>
        <textarea id="note" name="note" rows={3} maxLength={2000} defaultValue={existing?.note ?? ""} />
        <p className="actions">
          <button type="submit" className="button primary">
            {t({ th: "บันทึก", en: "Save" })}
          </button>
        </p>
      </Form>
      {existing && !confirmDelete ? (
        <p className="actions no-print">
          <a className="button danger" href={`${editPath}?delete=1`} data-testid="official-delete">
            {t({ th: "ลบผลของปีนี้…", en: "Delete this year's results…" })}
          </a>
        </p>
      ) : null}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
