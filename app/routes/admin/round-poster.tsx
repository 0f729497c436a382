import { pageTitle, useT } from "../../lib/i18n";
import { AdminError } from "../../components/admin-error";
import { formatDate } from "../../lib/dates";
import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { getPoster } from "../../services/round-access.server";
import type { Route } from "./+types/round-poster";
import "../../styles/print-sheet.css";

export const meta: Route.MetaFunction = ({ matches }) =>
  pageTitle(matches, { th: "โปสเตอร์คิวอาร์โค้ด", en: "QR code poster" });

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.manageRounds });
  return getPoster(await getDb(), user, params.roundId, params.key);
}

// Thai only: the poster is printed for Thai citizens at a service point.
export default function Poster({ loaderData }: Route.ComponentProps) {
  const { agency, channel, address, closesOn, qr, roundId, fiscalYear } = loaderData;
  const t = useT();
  return (
    <>
      <div className="sheet-tools">
        <a href={`/admin/rounds/${roundId}/channels`}>{t({ th: "← กลับหน้าช่องทาง", en: "← Back to channels" })}</a>
        <span>
          {t({
            th: "กดพิมพ์จากเบราว์เซอร์ (Ctrl+P) บนกระดาษ A4 · โปสเตอร์เป็นภาษาไทยสำหรับผู้รับบริการ",
            en: "Print from the browser (Ctrl+P) on A4 · the poster is in Thai, for the agency's visitors",
          })}
        </span>
      </div>
      <article className="sheet poster" lang="th">
        <p className="agency">{agency}</p>
        <h1>ร่วมประเมินหน่วยงานของเรา</h1>
        <p className="invite">
          ท่านเคยมาติดต่อหรือรับบริการจากเรา โปรดสละเวลาประมาณ 5 นาที ตอบแบบสอบถามความคิดเห็นต่อการดำเนินงานของหน่วยงาน
          (การประเมินคุณธรรมและความโปร่งใส ITA ปีงบประมาณ พ.ศ. {fiscalYear}) ไม่ต้องระบุชื่อ
        </p>
        {closesOn ? (
          <p className="closes" data-testid="poster-closes">
            ตอบได้ถึงวันที่ {formatDate(closesOn, "th", "long")}
          </p>
        ) : null}
        <div className="qr-box" data-testid="poster-qr" dangerouslySetInnerHTML={{ __html: qr }} />
        <p>สแกนคิวอาร์โค้ดด้วยกล้องโทรศัพท์ หรือพิมพ์ที่อยู่นี้ในเบราว์เซอร์</p>
        <p className="short-link" data-testid="poster-address">
          {address}
        </p>
        <p className="foot">จุดบริการ: {channel} · ขอบคุณที่ช่วยให้เราปรับปรุงการให้บริการ</p>
      </article>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
