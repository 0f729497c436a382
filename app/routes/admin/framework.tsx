import surveyCss from "survey-core/survey-core.fontless.min.css?url";
import { data, Form, Link, redirect } from "react-router";
import { AdminError } from "../../components/admin-error";
import { FrameworkImportForm } from "../../components/framework-import";
import { FrameworkNotes } from "../../components/framework-notes";
import { SurveyPreview } from "../../components/survey-preview";
import { formatDate } from "../../lib/dates";
import { langFromRequest, useLang, useT } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { httpError, INVALID_FORM_STATUS, readForm } from "../../server/http.server";
import {
  copyFramework,
  deleteFrameworkDraft,
  getFrameworkDetail,
  importFramework,
  publishFramework,
} from "../../services/frameworks/manage.server";
import type { Route } from "./+types/framework";
import "../../styles/frameworks.css";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: surveyCss }];
export const meta = ({ data }: Route.MetaArgs) => [{ title: `${data?.framework.id ?? "กรอบการประเมิน"} — ITA Survey` }];

const VIEWS = ["iit", "eit", "oit"] as const;
type View = (typeof VIEWS)[number];

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.manageFrameworks });
  const detail = await getFrameworkDetail(await getDb(), user, params.frameworkId, langFromRequest(request));
  const asked = new URL(request.url).searchParams.get("show");
  const view: View = VIEWS.includes(asked as View) ? (asked as View) : "iit";
  // Only the questionnaire shown travels to the page.
  return {
    framework: detail.framework,
    uses: detail.uses,
    editable: detail.editable,
    view,
    survey: view === "iit" ? detail.iit : view === "eit" ? detail.eit : null,
    oit: view === "oit" ? detail.oit : null,
  };
}

async function frameworkTextOf(form: FormData): Promise<string> {
  const file = form.get("file");
  if (file && typeof file !== "string" && file.size > 0) return file.text();
  const text = form.get("text");
  return typeof text === "string" ? text : "";
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request, { roles: ROLES.manageFrameworks });
  const db = await getDb();
  const form = await readForm(request);
  const id = params.frameworkId;
  const path = (to: string) => `/admin/frameworks/${encodeURIComponent(to)}`;
  switch (form.get("intent")) {
    case "publish":
      await publishFramework(db, user, id);
      throw redirect(path(id));
    case "copy":
      throw redirect(path((await copyFramework(db, user, id)).id));
    case "delete":
      await deleteFrameworkDraft(db, user, id);
      throw redirect("/admin/frameworks");
    case "import": {
      const result = await importFramework(db, user, { text: await frameworkTextOf(form) });
      if (!result.ok) return data({ issues: result.issues }, { status: INVALID_FORM_STATUS });
      throw redirect(path(result.id));
    }
    default:
      throw httpError(400, "Unknown action.", "ไม่รู้จักคำสั่งนี้");
  }
}

const MODES = {
  grades: { th: "เกรด (AA–F)", en: "grades (AA–F)" },
  pass_fail: { th: "ผ่าน/ไม่ผ่านเป้าหมาย", en: "pass or fail the target" },
  labels: { th: "ระดับผล (ตั้งแต่ปี 2566)", en: "labels (from 2566)" },
} as const;

export default function FrameworkPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { framework: fw, uses, editable, view, survey, oit } = loaderData;
  const self = `/admin/frameworks/${encodeURIComponent(fw.id)}`;
  const inUse = uses.rounds + uses.official > 0;
  return (
    <>
      <p className="muted">
        <Link to="/admin/frameworks">{t({ th: "← กรอบการประเมินทั้งหมด", en: "← All frameworks" })}</Link>
      </p>
      <h1>{t({ th: fw.titleTh, en: fw.titleEn })}</h1>
      <p data-testid="framework-status">
        <span className="badge">
          {fw.status === "draft" ? t({ th: "ฉบับร่าง", en: "Draft" }) : t({ th: "เผยแพร่แล้ว", en: "Published" })}
        </span>{" "}
        <code>{fw.id}</code> · {t({ th: `ปี ${fw.year}`, en: `year ${fw.year}` })}
        {fw.version > 1 ? t({ th: ` · ฉบับที่ ${fw.version}`, en: ` · version ${fw.version}` }) : ""}
        {" · "}
        {fw.source === "file" ? t({ th: "ไฟล์ของระบบ", en: "system file" }) : t({ th: "นำเข้า", en: "imported" })}
        {fw.copiedFrom ? t({ th: ` · คัดลอกจาก ${fw.copiedFrom}`, en: ` · copied from ${fw.copiedFrom}` }) : ""}
      </p>
      <p className="muted small">
        {fw.createdAt
          ? t({
              th: `นำเข้าโดย ${fw.createdBy ?? "บรรทัดคำสั่ง"} ${formatDate(fw.createdAt.slice(0, 10), lang)}`,
              en: `Imported by ${fw.createdBy ?? "the command line"} on ${formatDate(fw.createdAt.slice(0, 10), lang)}`,
            })
          : null}
        {fw.publishedAt
          ? t({
              th: ` · เผยแพร่โดย ${fw.publishedBy ?? "บรรทัดคำสั่ง"} ${formatDate(fw.publishedAt.slice(0, 10), lang)}`,
              en: ` · published by ${fw.publishedBy ?? "the command line"} on ${formatDate(fw.publishedAt.slice(0, 10), lang)}`,
            })
          : null}
        {" · "}
        {t({
          th: `ใช้ใน ${uses.rounds} รอบ และผลอย่างเป็นทางการ ${uses.official} ปี`,
          en: `used by ${uses.rounds} round(s) and ${uses.official} official result(s)`,
        })}
      </p>

      <section className="card">
        <h2>{t({ th: "สิ่งที่ทำได้", en: "Actions" })}</h2>
        {editable ? (
          <p className="notice">
            {t({
              th: "ฉบับร่างยังใช้กับรอบการประเมินไม่ได้ ตรวจแบบสอบถามและรายการ OIT ด้านล่าง แล้วกดเผยแพร่ เมื่อเผยแพร่แล้วจะแก้ไขหรือลบไม่ได้อีก",
              en: "A draft cannot be used by rounds yet. Check the questionnaires and the OIT list below, then publish. Once published it can no longer be changed or deleted.",
            })}
          </p>
        ) : (
          <p className="muted">
            {t({
              th: `กรอบที่เผยแพร่แล้วแก้ไขไม่ได้${inUse ? " (มีรอบหรือผลทางการใช้อยู่)" : ""}: หากต้องแก้ไข ให้คัดลอกเป็นฉบับใหม่ แก้ไข แล้วเผยแพร่`,
              en: `A published framework never changes${inUse ? " (rounds or official results use it)" : ""}: to correct it, copy it into a new version, edit and publish that.`,
            })}
          </p>
        )}
        <div className="actions framework-actions">
          {editable ? (
            <Form method="post">
              <input type="hidden" name="intent" value="publish" />
              <button type="submit" className="button" data-testid="publish-framework">
                {t({ th: "เผยแพร่กรอบนี้", en: "Publish this framework" })}
              </button>
            </Form>
          ) : null}
          <Form method="post">
            <input type="hidden" name="intent" value="copy" />
            <button type="submit" className="button">
              {t({ th: "คัดลอกเป็นฉบับร่างใหม่", en: "Copy into a new draft" })}
            </button>
          </Form>
          <a className="button" href={`${self}/export`} download={`${fw.id}.json`}>
            {t({ th: "ส่งออก JSON เพื่อแก้ไข", en: "Export JSON for editing" })}
          </a>
          {editable ? (
            <Form method="post">
              <input type="hidden" name="intent" value="delete" />
              <button type="submit" className="link-button">
                {t({ th: "ลบฉบับร่างนี้", en: "Delete this draft" })}
              </button>
            </Form>
          ) : null}
        </div>
        {editable ? (
          <details open={!!actionData?.issues} className="framework-replace">
            <summary>{t({ th: "แทนที่ร่างด้วยไฟล์ที่แก้ไขแล้ว", en: "Replace the draft with an edited file" })}</summary>
            <FrameworkImportForm issues={actionData?.issues} replacing={fw.id} />
          </details>
        ) : null}
      </section>

      <section className="card" data-testid="framework-preview">
        <h2>{t({ th: "ตัวอย่างแบบสอบถามและรายการ OIT", en: "Preview of the questionnaires and the OIT list" })}</h2>
        <nav className="year-tabs" aria-label={t({ th: "เลือกส่วนที่จะดู", en: "Choose what to preview" })}>
          {(
            [
              ["iit", { th: `IIT (${fw.counts.iit} ข้อ)`, en: `IIT (${fw.counts.iit} items)` }],
              ["eit", { th: `EIT (${fw.counts.eit} ข้อ)`, en: `EIT (${fw.counts.eit} items)` }],
              ["oit", { th: `OIT (${fw.counts.oit} ข้อ)`, en: `OIT (${fw.counts.oit} items)` }],
            ] as const
          ).map(([key, label]) => (
            <Link key={key} to={`${self}?show=${key}`} aria-current={view === key ? "page" : undefined}>
              {t(label)}
            </Link>
          ))}
        </nav>
        <p className="hint">
          {t({
            th: "แสดงแบบอ่านอย่างเดียว ตามที่ผู้ตอบจะเห็น ตอบหรือส่งไม่ได้",
            en: "Read-only, as respondents would see it; nothing can be answered or sent.",
          })}
        </p>
        {survey ? (
          <div data-testid={`preview-${view}`}>
            <SurveyPreview key={`${fw.id}:${view}:${lang}`} json={survey} lang={lang} />
          </div>
        ) : null}
        {oit ? (
          <div data-testid="preview-oit">
            {oit.map((g) => (
              <section key={g.id}>
                <h3>
                  {g.id} {t({ th: g.nameTh, en: g.nameEn })}{" "}
                  <span className="muted small">
                    {t({ th: `ตัวชี้วัดที่ ${g.indicator}`, en: `indicator ${g.indicator}` })}
                  </span>
                </h3>
                <ol>
                  {g.items.map((o) => (
                    <li key={o.id}>
                      <code>{o.id}</code> {t({ th: o.topicTh, en: o.topicEn })}
                      {o.status && o.status !== "stated" ? t({ th: " (ยังไม่ยืนยัน)", en: " (not confirmed)" }) : ""}
                    </li>
                  ))}
                </ol>
              </section>
            ))}
          </div>
        ) : null}
      </section>
      <section className="card">
        <h2>{t({ th: "ตัวชี้วัดและเกณฑ์", en: "Indicators and rating" })}</h2>
        <FrameworkNotes
          framework={fw.id}
          notes={fw.provenance}
          parts={["indicators", "weights", "items", "oit", "rating", "samples", "reportTexts"]}
        />
        <div
          className="table-wrap"
          role="region"
          tabIndex={0}
          aria-label={t({ th: "ตัวชี้วัดและน้ำหนัก", en: "Indicators and weights" })}
        >
          <table>
            <thead>
              <tr>
                <th scope="col">{t({ th: "ตัวชี้วัด", en: "Indicator" })}</th>
                <th scope="col">{t({ th: "เครื่องมือ", en: "Instrument" })}</th>
                <th scope="col">{t({ th: "น้ำหนัก", en: "Weight" })}</th>
              </tr>
            </thead>
            <tbody>
              {fw.indicators.map((i) => (
                <tr key={i.number}>
                  <td>
                    {i.number}. {t({ th: i.nameTh, en: i.nameEn })}
                  </td>
                  <td>{i.instrument}</td>
                  <td>{i.weight}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          {t({ th: "การให้ผล: ", en: "Rating: " })}
          {t(MODES[fw.gradingMode])}
          {fw.ratingUncertain ? t({ th: " (เกณฑ์ยังไม่ยืนยัน)", en: " (rule not confirmed)" }) : ""}
        </p>
        <ul className="small">
          {fw.ratingLabels.map((l) => (
            <li key={l.label}>
              {t({ th: l.label, en: l.labelEn })}: {t({ th: `คะแนนรวม ≥ ${l.minTotal}`, en: `total ≥ ${l.minTotal}` })}
              {l.minEach !== null
                ? t({ th: ` และทุกเครื่องมือ ≥ ${l.minEach}`, en: ` and every instrument ≥ ${l.minEach}` })
                : ""}
            </li>
          ))}
        </ul>
        <p className="muted small">
          {fw.reportTextsFrom === fw.id
            ? t({ th: "ข้อความรายงานมาตรการ: ของกรอบนี้เอง", en: "Measures report texts: its own" })
            : fw.reportTextsFrom
              ? t({
                  th: `ข้อความรายงานมาตรการ: ใช้ของ ${fw.reportTextsFrom} (ปีใกล้ที่สุดที่ให้ผลแบบเดียวกัน)`,
                  en: `Measures report texts: those of ${fw.reportTextsFrom} (the nearest year rated the same way)`,
                })
              : t({ th: "ข้อความรายงานมาตรการ: ไม่มี", en: "Measures report texts: none" })}
        </p>
      </section>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
