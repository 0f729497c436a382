import { useLocation } from "react-router";
import { AdminError } from "../../components/admin-error";
import { DateField } from "../../components/date-field";
import { ReportBlocks } from "../../components/report-blocks";
import { CALENDAR_FIELD } from "../../lib/dates";
import { useT } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { getReportDocument } from "../../services/reports/reports.server";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import printCss from "../../styles/report-print.css?url";
import type { Route } from "./+types/report-print";

// The A4 print view of a report (/print) and of its progress report (/progress), outside the admin chrome.
export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: printCss }];
export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title ?? "รายงาน — ITA Survey" }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.readResults });
  const url = new URL(request.url);
  const { id, title, progress, thaiDigits, date, blocks } = await getReportDocument(
    await getDb(),
    user,
    params.reportId,
    {
      progress: url.pathname.endsWith("/progress"),
      date: url.searchParams.get("date"),
      digits: url.searchParams.get("digits"),
      calendar: url.searchParams.get(CALENDAR_FIELD),
    },
  );
  return { id, title, progress, thaiDigits, date, blocks };
}

export default function ReportPrint({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { id, progress, thaiDigits, date, blocks } = loaderData;
  const path = useLocation().pathname;
  const counter = thaiDigits ? "counter(page, thai)" : "counter(page)";
  const total = thaiDigits ? "counter(pages, thai)" : "counter(pages)";
  return (
    <>
      <style>{`@page { size: A4; margin: 2cm 2cm 2cm 2.5cm; @bottom-center { content: "หน้า " ${counter} " / " ${total}; font-family: "Sarabun", sans-serif; font-size: 11pt; } }`}</style>
      <div className="doc-toolbar no-print">
        <a href={`/admin/reports/${id}`}>{t({ th: "← กลับไปแก้ไข", en: "← Back to editing" })}</a>
        <button type="button" className="button primary" onClick={() => window.print()}>
          {t({ th: "พิมพ์ / บันทึกเป็น PDF", en: "Print / save as PDF" })}
        </button>
        <a className="button" href={`${path}?digits=${thaiDigits ? "arabic" : "thai"}&date=${date}`}>
          {thaiDigits ? t({ th: "ใช้เลขอารบิก", en: "Arabic digits" }) : t({ th: "ใช้เลขไทย", en: "Thai digits" })}
        </a>
        {progress ? (
          <form method="get" className="inline-form">
            <label htmlFor="asof" className="inline-form">
              {t({ th: "ณ วันที่", en: "As of" })}
            </label>{" "}
            <DateField id="asof" name="date" value={date} />
            <input type="hidden" name="digits" value={thaiDigits ? "thai" : "arabic"} />{" "}
            <button type="submit" className="button">
              {t({ th: "แสดง", en: "Show" })}
            </button>
          </form>
        ) : (
          <a href={`/admin/reports/${id}/progress`}>{t({ th: "รายงานความก้าวหน้า", en: "Progress report" })}</a>
        )}
      </div>
      <article className="doc-sheet" lang="th">
        <ReportBlocks blocks={blocks} />
      </article>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
