import { findAgency } from "../../../db/repositories/agencies";
import { findEitChannel } from "../../../db/repositories/round-access";
import { AdminError } from "../../components/admin-error";
import { notFound } from "../../server/http.server";
import { ROLES } from "../../lib/roles";
import { requireRoundAccess } from "../../server/auth.server";
import { config } from "../../server/config.server";
import { getDb } from "../../server/db.server";
import { eitLink, qrSvg } from "../../server/qr.server";
import type { Route } from "./+types/round-poster";
import "../../styles/print-sheet.css";

export const meta = () => [{ title: "โปสเตอร์คิวอาร์โค้ด — ITA Survey" }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { round } = await requireRoundAccess(request, params.roundId, ROLES.manageRounds);
  const db = await getDb();
  const channel = await findEitChannel(db, round.id, params.key);
  if (!channel) throw notFound();
  const agency = await findAgency(db, round.agency_id);
  const link = eitLink(config().PUBLIC_URL, round.slug, channel.key);
  return {
    agency: agency?.name_th ?? "",
    channel: channel.name,
    link,
    qr: await qrSvg(link),
    roundId: round.id,
    fiscalYear: round.fiscal_year,
  };
}

// Thai only: the poster is printed for Thai citizens at a service point.
export default function Poster({ loaderData }: Route.ComponentProps) {
  const { agency, channel, link, qr, roundId, fiscalYear } = loaderData;
  return (
    <>
      <div className="sheet-tools">
        <a href={`/admin/rounds/${roundId}/channels`}>← กลับหน้าช่องทาง (Back)</a>
        <span>กดพิมพ์จากเบราว์เซอร์ (Ctrl+P) บนกระดาษ A4 · Print on A4</span>
      </div>
      <article className="sheet poster">
        <p className="agency">{agency}</p>
        <h1>ร่วมประเมินหน่วยงานของเรา</h1>
        <p className="invite">
          ท่านเคยมาติดต่อหรือรับบริการจากเรา โปรดสละเวลาประมาณ 5 นาที ตอบแบบสอบถามความคิดเห็นต่อการดำเนินงานของหน่วยงาน
          (การประเมินคุณธรรมและความโปร่งใส ITA ปีงบประมาณ พ.ศ. {fiscalYear}) ไม่ต้องระบุชื่อ
        </p>
        <div className="qr-box" data-testid="poster-qr" dangerouslySetInnerHTML={{ __html: qr }} />
        <p>สแกนคิวอาร์โค้ดด้วยกล้องโทรศัพท์ หรือพิมพ์ลิงก์</p>
        <p className="short-link">{link}</p>
        <p className="foot">จุดบริการ: {channel} · ขอบคุณที่ช่วยให้เราปรับปรุงการให้บริการ</p>
      </article>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
