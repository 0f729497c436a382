import { Link } from "react-router";
import { AdminError } from "../../components/admin-error";
import { CHANNELS } from "../../lib/entry-channels";
import { formatDate } from "../../lib/dates";
import { useLang, useT, pageTitle } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { listKeyedEntries } from "../../services/submissions/keyed-entries.server";
import type { Route } from "./+types/round-entries";
import "../../styles/admin-ops.css";

export const meta: Route.MetaFunction = ({ matches }) =>
  pageTitle(matches, { th: "แบบสอบถาม EIT ที่บันทึกจากกระดาษหรือโทรศัพท์", en: "Keyed-in EIT sheets" });

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.paperEntry });
  const view = await listKeyedEntries(await getDb(), user, params.roundId);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim();
  return {
    ...view,
    q,
    voided: url.searchParams.get("voided"),
    corrected: url.searchParams.get("corrected"),
    entries: q ? view.entries.filter((e) => e.serial.toLowerCase().includes(q.toLowerCase())) : view.entries,
    total: view.entries.length,
  };
}

export default function RoundEntries({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { round, scope, entries, q, voided, total } = loaderData;
  const base = `/admin/rounds/${round.id}`;
  return (
    <>
      <p className="muted">
        <Link to={`${base}/entry`}>{t({ th: "← กลับหน้าบันทึกคำตอบ", en: "← Back to keying in" })}</Link>
      </p>
      <h1>{t({ th: "แบบสอบถาม EIT ที่บันทึกจากกระดาษหรือโทรศัพท์", en: "EIT sheets keyed in by staff" })}</h1>
      <p className="lead">
        {scope === "own"
          ? t({ th: "รายการที่ท่านบันทึกเอง", en: "The sheets you keyed in." })
          : t({ th: "ทุกรายการที่เจ้าหน้าที่บันทึกในรอบนี้", en: "Every sheet staff keyed in for this round." })}{" "}
        {t({
          th: "แบบสอบถาม IIT ไม่แสดงที่นี่และแก้ไขไม่ได้ เพื่อคุ้มครองผู้ตอบ",
          en: "IIT sheets are never listed or correctable, to protect respondents.",
        })}
      </p>
      {voided ? (
        <p className="success" role="status">
          {t({ th: `ยกเลิกแบบสอบถามเลขที่ ${voided} แล้ว`, en: `Sheet ${voided} voided.` })}
        </p>
      ) : null}
      {!round.editable ? (
        <p className="notice">
          {t({
            th: "รอบนี้ปิดแล้ว จึงแก้ไขหรือยกเลิกแบบสอบถามไม่ได้",
            en: "This round is closed: sheets can no longer be corrected or voided.",
          })}
        </p>
      ) : null}
      <form method="get" className="actions" role="search">
        <label htmlFor="q">{t({ th: "ค้นหาเลขที่แบบสอบถาม", en: "Find a serial number" })}</label>
        <input id="q" name="q" defaultValue={q} autoComplete="off" />
        <button type="submit" className="button">
          {t({ th: "ค้นหา", en: "Find" })}
        </button>
      </form>
      <p className="muted" data-testid="entries-count">
        {t({ th: `แสดง ${entries.length} จาก ${total} รายการ`, en: `Showing ${entries.length} of ${total}` })}
      </p>
      {entries.length === 0 ? (
        <p className="muted">{t({ th: "ยังไม่มีรายการ", en: "Nothing here yet." })}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t({ th: "เลขที่", en: "Serial" })}</th>
              <th scope="col">{t({ th: "ช่องทาง", en: "Channel" })}</th>
              <th scope="col">{t({ th: "ผู้บันทึก", en: "Keyed by" })}</th>
              <th scope="col">{t({ th: "เวลาที่บันทึก", en: "Keyed at" })}</th>
              {round.editable ? <th scope="col">{t({ th: "จัดการ", en: "Actions" })}</th> : null}
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-serial={e.serial}>
                <td>{e.serial}</td>
                <td>
                  {e.channel && e.channel in CHANNELS
                    ? t(CHANNELS[e.channel as keyof typeof CHANNELS])
                    : (e.channel ?? "—")}
                </td>
                <td>{e.enteredBy || "—"}</td>
                <td>{formatDate(e.enteredAt, lang, "dateTime")}</td>
                {round.editable ? (
                  <td>
                    <Link to={`${base}/entries/${e.id}`}>{t({ th: "แก้ไขคำตอบ", en: "Correct" })}</Link>
                    {" · "}
                    <Link to={`${base}/entries/${e.id}/void`}>{t({ th: "ยกเลิก", en: "Void" })}</Link>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
