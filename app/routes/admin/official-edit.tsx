import { data, Form, redirect } from "react-router";
import { findOfficialResult } from "../../../db/repositories/official-results";
import { AdminError } from "../../components/admin-error";
import { forbidden, requireUser, ROLES } from "../../lib/auth.server";
import { getDb } from "../../lib/db.server";
import { listFrameworks, loadFramework } from "../../lib/frameworks.server";
import { useT } from "../../lib/i18n";
import { parseOfficialForm, saveOfficial, withAnalysis } from "../../lib/official-results.server";
import type { Route } from "./+types/official-edit";
import { readForm } from "../../lib/forms.server";

export const meta: Route.MetaFunction = () => [{ title: "บันทึกผลอย่างเป็นทางการ — ITA Survey" }];

const DEFAULT_FRAMEWORK = "ita-2565";

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.manageRounds });
  if (!user.agency_id) throw forbidden();
  const year = params.year === "new" ? null : Number(params.year);
  const row = year ? await findOfficialResult(await getDb(), user.agency_id, year) : undefined;
  if (year && !row) throw data({ error: "Not found.", errorTh: "ไม่พบผลของปีนี้" }, { status: 404 });
  const existing = row ? withAnalysis(row) : null;
  const fw = loadFramework(existing?.framework ?? DEFAULT_FRAMEWORK);
  return {
    existing,
    frameworks: listFrameworks(),
    indicators: fw.indicators.map(({ number, nameTh, nameEn }) => ({ number, nameTh, nameEn })),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request, { roles: ROLES.manageRounds });
  if (!user.agency_id) throw forbidden();
  const { value, errors } = parseOfficialForm(await readForm(request));
  if (!value) return data({ errors }, { status: 422 });
  await saveOfficial(await getDb(), user, user.agency_id, value);
  throw redirect(`/admin/official?year=${value.fiscalYear}`);
}

export default function OfficialEditPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { existing, frameworks, indicators } = loaderData;
  const errors = actionData?.errors ?? [];
  const errorOf = (field: string) => errors.find((e) => e.field === field);
  return (
    <>
      <p className="small">
        <a href="/admin/official">{t({ th: "← ผลอย่างเป็นทางการ", en: "← Official results" })}</a>
      </p>
      <h1>{t({ th: "บันทึกผลการประเมิน ITA อย่างเป็นทางการ", en: "Enter official ITA results" })}</h1>
      <p className="muted">
        {t({
          th: "กรอกคะแนนทั้ง 10 ตัวชี้วัดตามที่ประกาศ หากประกาศมีคะแนนรวมและระดับผล ให้กรอกด้วย ระบบจะแสดงค่าที่ประกาศคู่กับค่าที่คำนวณใหม่",
          en: "Enter the ten indicator scores as published; add the total and grade when the publication has them. The app shows them beside its own recomputation.",
        })}
      </p>
      {errors.length ? (
        <div className="error" role="alert">
          <ul>
            {errors.map((e) => (
              <li key={e.field}>{t({ th: e.messageTh, en: e.message })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post">
        <div className="form-grid">
          <div>
            <label htmlFor="fiscal_year">{t({ th: "ปีงบประมาณ (พ.ศ.)", en: "Fiscal year (B.E.)" })}</label>
            <input id="fiscal_year" name="fiscal_year" inputMode="numeric" required defaultValue={existing?.fiscalYear ?? ""} readOnly={!!existing} />
          </div>
          <div>
            <label htmlFor="framework">{t({ th: "กรอบการประเมิน", en: "Framework" })}</label>
            <select id="framework" name="framework" defaultValue={existing?.framework ?? DEFAULT_FRAMEWORK}>
              {frameworks.map((f) => (
                <option key={f}>{f}</option>
              ))}
            </select>
          </div>
        </div>
        <fieldset>
          <legend>{t({ th: "คะแนนรายตัวชี้วัด", en: "Indicator scores" })}</legend>
          <div className="form-grid">
            {indicators.map((i) => (
              <div key={i.number}>
                <label htmlFor={`s${i.number}`}>
                  {i.number}. {t({ th: i.nameTh, en: i.nameEn })}
                </label>
                <input
                  id={`s${i.number}`}
                  name={`s${i.number}`}
                  inputMode="decimal"
                  required
                  aria-invalid={errorOf(`s${i.number}`) ? true : undefined}
                  defaultValue={existing?.scores[i.number] ?? ""}
                />
              </div>
            ))}
          </div>
        </fieldset>
        <div className="form-grid">
          <div>
            <label htmlFor="published_total">
              {t({ th: "คะแนนรวมตามประกาศ", en: "Published total" })} <span className="hint">{t({ th: "(ถ้ามี)", en: "(if any)" })}</span>
            </label>
            <input id="published_total" name="published_total" inputMode="decimal" defaultValue={existing?.publishedTotal ?? ""} />
          </div>
          <div>
            <label htmlFor="published_grade">
              {t({ th: "ระดับผลตามประกาศ", en: "Published grade" })} <span className="hint">{t({ th: "(ถ้ามี)", en: "(if any)" })}</span>
            </label>
            <input id="published_grade" name="published_grade" maxLength={10} defaultValue={existing?.publishedGrade ?? ""} />
          </div>
        </div>
        <label htmlFor="note">{t({ th: "หมายเหตุ / แหล่งที่มา", en: "Note / source" })}</label>
        <textarea id="note" name="note" rows={3} maxLength={2000} defaultValue={existing?.note ?? ""} />
        <p className="actions">
          <button type="submit" className="button primary">
            {t({ th: "บันทึก", en: "Save" })}
          </button>
        </p>
      </Form>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
