import { data, Link, redirect } from "react-router";
import { AdminError } from "../../components/admin-error";
import { FrameworkImportForm } from "../../components/framework-import";
import { formatDate } from "../../lib/dates";
import { useLang, useT } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { INVALID_FORM_STATUS, readForm } from "../../server/http.server";
import { importFramework, listFrameworksForAdmin } from "../../services/frameworks/manage.server";
import type { Route } from "./+types/frameworks";
import "../../styles/frameworks.css";

export const meta = () => [{ title: "กรอบการประเมิน — ITA Survey" }];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.manageFrameworks });
  return { frameworks: await listFrameworksForAdmin(await getDb(), user) };
}

/** The text of the chosen file, else the pasted text. */
async function frameworkTextOf(form: FormData): Promise<string> {
  const file = form.get("file");
  if (file && typeof file !== "string" && file.size > 0) return file.text();
  const text = form.get("text");
  return typeof text === "string" ? text : "";
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request, { roles: ROLES.manageFrameworks });
  const form = await readForm(request);
  const result = await importFramework(await getDb(), user, {
    text: await frameworkTextOf(form),
    publish: form.get("publish") === "1",
  });
  if (!result.ok) return data({ issues: result.issues }, { status: INVALID_FORM_STATUS });
  throw redirect(`/admin/frameworks/${encodeURIComponent(result.id)}`);
}

export default function Frameworks({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  return (
    <>
      <h1>{t({ th: "กรอบการประเมิน", en: "Frameworks" })}</h1>
      <p className="lead">
        {t({
          th: "กรอบการประเมินของแต่ละปี: ตัวชี้วัด น้ำหนัก ข้อคำถาม IIT/EIT รายการ OIT และเกณฑ์ระดับผล กรอบที่เผยแพร่แล้วใช้กับรอบการประเมินและผลอย่างเป็นทางการได้ และแก้ไขไม่ได้อีก (การแก้ไขคือฉบับใหม่)",
          en: "Each year's framework: indicators, weights, IIT/EIT items, the OIT list and the rating rule. A published framework may be used by rounds and official results and never changes (a correction is a new version).",
        })}
      </p>
      <div
        className="table-wrap"
        role="region"
        tabIndex={0}
        aria-label={t({ th: "รายการกรอบการประเมิน", en: "The frameworks" })}
      >
        <table data-testid="framework-list">
          <thead>
            <tr>
              <th scope="col">{t({ th: "ปี", en: "Year" })}</th>
              <th scope="col">{t({ th: "กรอบการประเมิน", en: "Framework" })}</th>
              <th scope="col">{t({ th: "สถานะ", en: "Status" })}</th>
              <th scope="col">{t({ th: "ใช้อยู่", en: "In use" })}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.frameworks.map((f) => (
              <tr key={f.id}>
                <td>{f.year}</td>
                <td>
                  <Link to={`/admin/frameworks/${encodeURIComponent(f.id)}`}>
                    {t({ th: f.titleTh, en: f.titleEn })}
                  </Link>
                  <br />
                  <span className="muted small">
                    <code>{f.id}</code>
                    {f.version > 1 ? t({ th: ` · ฉบับที่ ${f.version}`, en: ` · version ${f.version}` }) : ""}
                    {f.source === "file"
                      ? t({ th: " · ไฟล์ของระบบ", en: " · system file" })
                      : t({ th: " · นำเข้า", en: " · imported" })}
                    {f.updatedAt ? ` · ${formatDate(f.updatedAt.slice(0, 10), lang)}` : ""}
                  </span>
                </td>
                <td>
                  {f.status === "draft" ? t({ th: "ฉบับร่าง", en: "Draft" }) : t({ th: "เผยแพร่แล้ว", en: "Published" })}
                </td>
                <td>
                  {t({
                    th: `${f.uses.rounds} รอบ · ผลทางการ ${f.uses.official} ปี`,
                    en: `${f.uses.rounds} round(s) · ${f.uses.official} official result(s)`,
                  })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card">
        <h2>{t({ th: "นำเข้ากรอบการประเมิน", en: "Import a framework" })}</h2>
        <p className="hint">
          {t({
            th: "เริ่มจาก “ส่งออก JSON” ของกรอบที่ใกล้เคียง แก้ไข แล้วนำเข้าที่นี่ ระบบตรวจทุกช่องและแจ้งทุกข้อผิดพลาดพร้อมตำแหน่งในไฟล์ ยังไม่รองรับไฟล์ Excel (XLSX)",
            en: "Start from the “Export JSON” of a similar framework, edit it and import it here. Every field is checked and every error is listed with its place in the file. Excel (XLSX) files are not supported yet.",
          })}
        </p>
        <FrameworkImportForm issues={actionData?.issues} />
      </section>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
