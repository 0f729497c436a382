import surveyCss from "survey-core/survey-core.fontless.min.css?url";
import { useState } from "react";
import { Link, redirect } from "react-router";
import { AdminError } from "../../components/admin-error";
import { EntryRunner } from "../../components/entry-runner";
import { CHANNELS, choice } from "../../lib/entry-channels";
import { langFromRequest, useLang, useT, pageTitle } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { getEntryPage } from "../../services/round-access.server";
import type { Route } from "./+types/round-entry";
import "../../styles/admin-ops.css";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: surveyCss }];
export const meta: Route.MetaFunction = ({ matches }) =>
  pageTitle(matches, { th: "บันทึกแบบสอบถามจากกระดาษหรือโทรศัพท์", en: "Key in paper or phone answers" });

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.paperEntry });
  const url = new URL(request.url);
  const { instrument, channel } = choice(url);
  const page = await getEntryPage(await getDb(), user, params.roundId, {
    instrument,
    channel,
    lang: langFromRequest(request),
  });
  if (url.searchParams.has("instrument") && !instrument) throw redirect(url.pathname);
  return page;
}

export default function RoundEntry({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { round, instrument, channel, survey } = loaderData;
  const base = `/admin/rounds/${round.id}/entry`;
  const [accessCode, setAccessCode] = useState("");
  const [serial, setSerial] = useState("");
  return (
    <>
      <p className="muted">
        <Link to={`/admin/rounds/${round.id}`}>{t({ th: "← กลับหน้ารอบการประเมิน", en: "← Back to the round" })}</Link>
      </p>
      <h1>{t({ th: "บันทึกคำตอบจากแบบสอบถามกระดาษหรือทางโทรศัพท์", en: "Key in paper and telephone answers" })}</h1>
      <p className="lead">
        {t({
          th: "สำหรับผู้ที่สะดวกตอบบนกระดาษหรือทางโทรศัพท์ เจ้าหน้าที่กรอกคำตอบตามที่ผู้ตอบเลือกไว้ทุกข้อ ระบบตรวจและนับคะแนนเหมือนการตอบทางออนไลน์",
          en: "For people who prefer paper or the telephone: enter exactly what the respondent chose. Answers are checked and scored as online ones are.",
        })}
      </p>
      <div className="actions">
        <a className="button" href={`/admin/rounds/${round.id}/blank/eit`}>
          {t({ th: "พิมพ์แบบสอบถาม EIT เปล่า (A4)", en: "Print blank EIT (A4)" })}
        </a>
        <a className="button" href={`/admin/rounds/${round.id}/blank/iit`}>
          {t({ th: "พิมพ์แบบสอบถาม IIT เปล่า (A4)", en: "Print blank IIT (A4)" })}
        </a>
        <Link className="button" to={`/admin/rounds/${round.id}/entries`}>
          {t({ th: "แบบสอบถาม EIT ที่บันทึกแล้ว (ค้นหา แก้ไข ยกเลิก)", en: "Keyed-in EIT sheets (find, correct, void)" })}
        </Link>
      </div>
      <nav className="actions" aria-label={t({ th: "เลือกแบบวัดและช่องทาง", en: "Choose instrument and channel" })}>
        <Link
          className={`button${instrument === "eit" && channel === "paper" ? " primary" : ""}`}
          to={`${base}?instrument=eit&channel=paper`}
        >
          EIT · {t(CHANNELS.paper)}
        </Link>
        <Link
          className={`button${instrument === "eit" && channel === "phone" ? " primary" : ""}`}
          to={`${base}?instrument=eit&channel=phone`}
        >
          EIT · {t(CHANNELS.phone)}
        </Link>
        <Link className={`button${instrument === "iit" ? " primary" : ""}`} to={`${base}?instrument=iit&channel=paper`}>
          IIT · {t(CHANNELS.paper)}
        </Link>
      </nav>
      {instrument === "iit" && round.iitAccess === "codes" ? (
        <div className="notice">
          <label htmlFor="access-code">
            {t({
              th: "รอบนี้ใช้รหัสใช้ครั้งเดียว: กรอกรหัสที่ผู้ตอบเขียนไว้บนแบบสอบถาม",
              en: "This round uses one-time codes: enter the code written on the sheet.",
            })}
          </label>
          <input
            id="access-code"
            value={accessCode}
            onChange={(e) => setAccessCode(e.target.value)}
            autoComplete="off"
          />
        </div>
      ) : null}
      {instrument === "eit" ? (
        <div className="notice">
          <label htmlFor="serial">
            {t({
              th: "เลขที่แบบสอบถาม (เขียนไว้บนกระดาษหรือใบบันทึกการโทร ห้ามซ้ำในรอบนี้)",
              en: "Sheet serial number (written on the paper or call record; unique in this round)",
            })}
          </label>
          <input
            id="serial"
            name="serial"
            value={serial}
            onChange={(e) => setSerial(e.target.value)}
            autoComplete="off"
            maxLength={40}
            required
          />
        </div>
      ) : null}
      {instrument && survey ? (
        <EntryRunner
          key={`${instrument}-${channel}`}
          json={survey}
          lang={lang}
          endpoint={`${base}/submit?instrument=${instrument}&channel=${channel}`}
          body={instrument === "eit" ? { serial } : accessCode ? { accessCode } : {}}
          onStored={() => setSerial("")}
        />
      ) : (
        <p className="muted">
          {t({ th: "เลือกแบบวัดและช่องทางด้านบนเพื่อเริ่มบันทึก", en: "Choose an instrument and channel above to start." })}
        </p>
      )}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
