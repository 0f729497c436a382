import { Form, redirect } from "react-router";
import { AdminError } from "../../components/admin-error";
import { FormErrors } from "../../components/form-errors";
import { MeasuresForm } from "../../components/report-measures-form";
import type { FieldError } from "../../lib/forms";
import { useT, type Text, pageTitle } from "../../lib/i18n";
import { ROLES, can } from "../../lib/roles";
import {
  deleteReport,
  getReport,
  saveMeasures,
  saveOptions,
  saveSections,
  type ReportSectionView,
} from "../../services/reports/reports.server";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { formInput, invalidForm, readForm } from "../../server/http.server";
import type { Route } from "./+types/report";

const FIELDSET = { border: 0, padding: 0, margin: 0, minWidth: 0 };
const WIDE = { maxWidth: "none" };

export const meta: Route.MetaFunction = ({ matches }) =>
  pageTitle(matches, { th: "แก้ไขรายงานมาตรการ", en: "Edit the measures report" });

const SECTION_LABELS: Record<string, Text> = {
  rationale: { th: "1. หลักการและเหตุผล", en: "1. Rationale" },
  analysisIntro: { th: "3. บทนำของการวิเคราะห์จุดแข็งและจุดอ่อน", en: "3. Introduction to strengths and weaknesses" },
  recommendations: { th: "4. ข้อเสนอแนะ (บรรทัดละหนึ่งข้อ)", en: "4. Recommendations (one per line)" },
  focus: { th: "5. ประเด็นที่ต้องพัฒนาเป็นลำดับแรก", en: "5. Priority: the lowest indicator" },
};

function sectionLabel(s: ReportSectionView): Text {
  const fixed = SECTION_LABELS[s.id];
  if (fixed) return fixed;
  const n = s.indicator?.number ?? s.id;
  return {
    th: `คำอธิบายตัวชี้วัดที่ ${n} ${s.indicator?.nameTh ?? ""}`,
    en: `What indicator ${n} (${s.indicator?.nameEn ?? ""}) measures`,
  };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.readResults });
  const view = await getReport(await getDb(), user, params.reportId);
  return {
    ...view,
    sections: view.sections.map((s) => ({ ...s, label: sectionLabel(s) })),
    canEdit: can(user, "manageRounds"),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request, { roles: ROLES.manageRounds });
  const db = await getDb();
  const form = await readForm(request);
  const input = formInput(form);
  const intent = input.intent ?? "";
  let errors: FieldError[] = [];
  if (intent === "sections") {
    const saved = await saveSections(db, user, params.reportId, input);
    if (!saved.ok) errors = saved.errors;
  } else if (intent === "measures" || intent === "add-measure") {
    const saved = await saveMeasures(db, user, params.reportId, input);
    if (!saved.ok) errors = saved.errors;
  } else if (intent === "options") {
    const saved = await saveOptions(db, user, params.reportId, input);
    if (!saved.ok) errors = saved.errors;
  } else if (intent === "delete" && input.confirm) {
    await deleteReport(db, user, params.reportId);
    throw redirect("/admin/reports");
  } else {
    await getReport(db, user, params.reportId); // another agency's report does not exist (404), whatever is asked
    errors = [{ field: "intent", message: "Unknown action.", messageTh: "ไม่รู้จักคำสั่งนี้" }];
  }
  if (errors.length) return invalidForm(errors, { saved: null });
  return { errors, saved: intent };
}

export default function ReportPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { report, figures, sections, options, measures, canEdit } = loaderData;
  const base = `/admin/reports/${report.id}`;
  return (
    <>
      <p className="small">
        <a href="/admin/reports">{t({ th: "← รายงานทั้งหมด", en: "← All reports" })}</a>
      </p>
      <h1 lang="th">{report.title}</h1>
      <div className="actions no-print">
        <a className="button primary" href={`${base}/print`}>
          {t({ th: "ดูฉบับพิมพ์ / บันทึกเป็น PDF", en: "Print view / save as PDF" })}
        </a>
        <a className="button" href={`${base}/docx`} download>
          {t({ th: "ดาวน์โหลดไฟล์ Word (DOCX)", en: "Download Word (DOCX)" })}
        </a>
        <a className="button" href={`${base}/progress`}>
          {t({ th: "รายงานความก้าวหน้า", en: "Progress report" })}
        </a>
        <a className="button" href={`${base}/docx?progress=1`} download data-testid="progress-docx">
          {t({ th: "ดาวน์โหลดรายงานความก้าวหน้า (DOCX)", en: "Download the progress report (DOCX)" })}
        </a>
      </div>
      {actionData?.saved ? (
        <p className="success" role="status">
          {t({ th: "บันทึกแล้ว", en: "Saved." })}
        </p>
      ) : null}
      <FormErrors errors={actionData?.errors} />
      {figures ? (
        <p data-testid="report-figures">
          {t({
            th: `ผลการประเมินปีงบประมาณ พ.ศ. ${figures.basisYear}: คะแนนภาพรวม`,
            en: `Results of fiscal year ${figures.basisYear}: overall`,
          })}{" "}
          <strong>{figures.overall ?? "–"}</strong>
          {figures.recomputed && figures.recomputed !== figures.overall
            ? ` (${t({ th: "คำนวณใหม่", en: "recomputed" })} ${figures.recomputed})`
            : ""}{" "}
          · {t({ th: "ระดับ", en: "grade" })} <strong data-testid="report-grade">{figures.grade ?? "–"}</strong> ·{" "}
          {t({ th: "ต่ำกว่าค่าเป้าหมาย", en: "below target" })} {figures.belowTarget.length}{" "}
          {t({ th: "ตัวชี้วัด", en: "indicators" })}
          {figures.ratingWhy ? (
            <>
              <br />
              <span className="small" data-testid="report-rating-why">
                {t({ th: figures.ratingWhy, en: figures.ratingWhyEn ?? figures.ratingWhy })}
              </span>
            </>
          ) : null}
          {figures.ratingUncertainNote ? (
            <>
              <br />
              <span className="small muted" data-testid="report-rating-uncertain" lang="th">
                {t({ th: "หมายเหตุ: ", en: "Note: " })}
                {figures.ratingUncertainNote}
              </span>
            </>
          ) : null}
        </p>
      ) : (
        <p className="error">
          {t({
            th: "ไม่พบผลการประเมินที่ใช้จัดทำรายงานนี้แล้ว (อาจถูกลบ) ข้อความจึงแก้ไขไม่ได้",
            en: "The results this report was built on no longer exist; its texts cannot be edited.",
          })}
        </p>
      )}

      <h2>{t({ th: "ข้อความในรายงาน", en: "Report texts" })}</h2>
      <p className="hint">
        {t({
          th: "ข้อความที่ยังไม่แก้ไขจะปรับตามตัวเลขล่าสุดโดยอัตโนมัติ ข้อความที่ท่านแก้ไขแล้วจะคงไว้ตามที่เขียน แม้ผลคะแนนจะเปลี่ยน",
          en: "Unedited texts follow the latest figures; texts you edit stay as written even when the scores change.",
        })}
      </p>
      <Form method="post">
        <input type="hidden" name="intent" value="sections" />
        <fieldset disabled={!canEdit || !figures} className="plain-fieldset" style={FIELDSET}>
          {sections.map((s) => (
            <div key={s.id} className="report-section" data-section={s.id}>
              <label htmlFor={`section-${s.id}`}>
                {t(s.label)}{" "}
                <span className="badge">
                  {s.edited ? t({ th: "แก้ไขแล้ว", en: "edited" }) : t({ th: "ข้อความอัตโนมัติ", en: "drafted" })}
                </span>
              </label>
              <textarea
                lang="th"
                id={`section-${s.id}`}
                name={`section:${s.id}`}
                defaultValue={s.text}
                rows={s.id === "rationale" ? 8 : 4}
                style={WIDE}
              />
              {s.edited && canEdit ? (
                <button type="submit" name="reset" value={s.id} className="link-button small">
                  {t({ th: "คืนค่าข้อความอัตโนมัติ", en: "Restore the drafted text" })}
                </button>
              ) : null}
            </div>
          ))}
          {canEdit ? (
            <div className="actions">
              <button type="submit" className="button primary">
                {t({ th: "บันทึกข้อความ", en: "Save texts" })}
              </button>
            </div>
          ) : null}
        </fieldset>
      </Form>

      <h2>{t({ th: "ตารางมาตรการและการติดตามผล", en: "Measures and follow-up" })}</h2>
      <MeasuresForm measures={measures} canEdit={canEdit} />

      {canEdit ? (
        <>
          <h2>{t({ th: "การพิมพ์และผู้ลงนาม", en: "Printing and signatures" })}</h2>
          <Form method="post" className="form-grid">
            <input type="hidden" name="intent" value="options" />
            <div>
              <label htmlFor="reporterName">{t({ th: "ผู้รายงาน (ชื่อ-สกุล)", en: "Reporter (name)" })}</label>
              <input id="reporterName" name="reporterName" defaultValue={options.reporterName} maxLength={500} />
              <label htmlFor="reporterPosition">{t({ th: "ตำแหน่งผู้รายงาน", en: "Reporter's position" })}</label>
              <input
                id="reporterPosition"
                name="reporterPosition"
                defaultValue={options.reporterPosition}
                maxLength={500}
              />
            </div>
            <div>
              <label htmlFor="approverName">
                {t({ th: "ผู้อนุมัติ/ผู้บริหาร (ชื่อ-สกุล)", en: "Approving executive (name)" })}
              </label>
              <input id="approverName" name="approverName" defaultValue={options.approverName} maxLength={500} />
              <label htmlFor="approverPosition">{t({ th: "ตำแหน่งผู้อนุมัติ", en: "Executive's position" })}</label>
              <input
                id="approverPosition"
                name="approverPosition"
                defaultValue={options.approverPosition}
                maxLength={500}
              />
            </div>
            <div>
              <label>
                <input type="checkbox" name="thaiDigits" defaultChecked={options.thaiDigits} />{" "}
                {t({ th: "ใช้เลขไทย (๐–๙) ในฉบับพิมพ์และไฟล์ Word", en: "Thai digits in print and Word" })}
              </label>
              <div className="actions">
                <button type="submit" className="button">
                  {t({ th: "บันทึกการตั้งค่า", en: "Save settings" })}
                </button>
              </div>
            </div>
          </Form>
          <Form method="post" className="actions">
            <input type="hidden" name="intent" value="delete" />
            <label className="hint">
              <input type="checkbox" name="confirm" required />{" "}
              {t({
                th: "ยืนยันว่าต้องการลบรายงานนี้และตารางมาตรการทั้งหมด",
                en: "I want to delete this report and its measures",
              })}
            </label>
            <button type="submit" className="button danger">
              {t({ th: "ลบรายงานนี้", en: "Delete this report" })}
            </button>
          </Form>
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
