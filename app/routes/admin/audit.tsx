import { AdminError } from "../../components/admin-error";
import { auditActionLabel, auditDetailText } from "../../lib/audit-actions";
import { formatDate } from "../../lib/dates";
import { useLang, useT, pageTitle } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { listAuditLog } from "../../services/audit-log.server";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import type { Route } from "./+types/audit";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, { th: "บันทึกการใช้งาน", en: "Audit log" });

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.audit });
  return { entries: await listAuditLog(await getDb(), user) };
}

export default function Audit({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  return (
    <>
      <h1>{t({ th: "บันทึกการใช้งาน", en: "Audit log" })}</h1>
      <p className="muted">
        {t({
          th: "ใคร เปลี่ยนแปลงอะไร เมื่อใด: รอบการประเมิน แบบตรวจ OIT ผลการประเมิน ผู้ใช้งาน และการลบข้อมูล (ล่าสุด 300 รายการ)",
          en: "Who changed what and when: rounds, OIT answers, official results, users and deletions (latest 300).",
        })}
      </p>
      {loaderData.entries.length === 0 ? (
        <p className="notice">{t({ th: "ยังไม่มีรายการ", en: "Nothing yet." })}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="audit-table">
            <thead>
              <tr>
                <th>{t({ th: "เวลา", en: "When" })}</th>
                <th>{t({ th: "ผู้ใช้", en: "Who" })}</th>
                <th>{t({ th: "การกระทำ", en: "Action" })}</th>
                <th>{t({ th: "รายละเอียด", en: "Detail" })}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.entries.map((e) => (
                <tr key={e.id}>
                  <td>{formatDate(e.createdAt, lang, "dateTime")}</td>
                  <td>{e.userEmail ?? t({ th: "ระบบ", en: "System" })}</td>
                  <td data-action={e.action}>{t(auditActionLabel(e.action))}</td>
                  <td className="small">{auditDetailText(e.detail)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
