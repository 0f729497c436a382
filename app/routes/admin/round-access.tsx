import { data, Form, useActionData, useNavigation } from "react-router";
import { findAgency } from "../../../db/repositories/agencies";
import { countIitCodes, insertIitCodes, setRoundPin } from "../../../db/repositories/round-access";
import { AdminError } from "../../components/admin-error";
import { audit } from "../../server/audit.server";
import { ROLES } from "../../lib/roles";
import { requireRoundAccess } from "../../server/auth.server";
import { config } from "../../server/config.server";
import { getDb } from "../../server/db.server";
import { useT } from "../../lib/i18n";
import { iitCodeLink, qrSvg } from "../../server/qr.server";
import type { Route } from "./+types/round-access";
import "../../styles/admin-ops.css";
import { readForm } from "../../server/http.server";

export const meta = () => [{ title: "การเข้าตอบแบบสอบถาม IIT — ITA Survey" }];

const MAX_BATCH = 2000;

export async function loader({ request, params }: Route.LoaderArgs) {
  const { round } = await requireRoundAccess(request, params.roundId, ROLES.manageRounds);
  const db = await getDb();
  const agency = await findAgency(db, round.agency_id);
  return {
    round: { id: round.id, mode: round.iit_access, pin: round.pin, fiscalYear: round.fiscal_year },
    agency: agency?.name_th ?? "",
    defaultCount: Math.min(MAX_BATCH, Math.max(1, agency?.staff_count ?? 25)),
    codes: await countIitCodes(db, round.id),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user, round } = await requireRoundAccess(request, params.roundId, ROLES.manageRounds);
  const db = await getDb();
  const form = await readForm(request);
  if (form.get("intent") === "pin") {
    const pin = String(form.get("pin") ?? "").trim();
    if (!/^\d{4,8}$/.test(pin))
      return data(
        { errors: [{ field: "pin", message: "The PIN is 4–8 digits", messageTh: "รหัส PIN ต้องเป็นตัวเลข 4–8 หลัก" }] },
        { status: 422 },
      );
    await setRoundPin(db, round.id, pin);
    await audit(db, {
      user,
      agencyId: round.agency_id,
      action: "round.pin",
      entity: "round",
      entityId: round.id,
      detail: "PIN changed",
    });
    return { errors: [], pinChanged: true };
  }
  const count = Number(form.get("count"));
  if (!Number.isInteger(count) || count < 1 || count > MAX_BATCH)
    return data(
      {
        errors: [
          { field: "count", message: `Between 1 and ${MAX_BATCH} codes`, messageTh: `สร้างได้ครั้งละ 1–${MAX_BATCH} รหัส` },
        ],
      },
      { status: 422 },
    );
  const codes = await insertIitCodes(db, round.id, count);
  await audit(db, {
    user,
    agencyId: round.agency_id,
    action: "codes.create",
    entity: "round",
    entityId: round.id,
    detail: { count },
  });
  // The plain codes exist only in this answer: the database keeps their hashes.
  const slips = await Promise.all(
    codes.map(async (code) => {
      const link = iitCodeLink(config().PUBLIC_URL, round.slug, code);
      return { code, link, qr: await qrSvg(link) };
    }),
  );
  return data({ errors: [], slips }, { headers: { "Cache-Control": "no-store" } });
}

type Result = {
  errors: { field: string; message: string; messageTh: string }[];
  pinChanged?: boolean;
  slips?: { code: string; link: string; qr: string }[];
};

export default function RoundAccess({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const result = useActionData() as Result | undefined;
  const busy = useNavigation().state !== "idle";
  const { round, agency, defaultCount, codes } = loaderData;
  if (result?.slips)
    return <Slips slips={result.slips} agency={agency} fiscalYear={round.fiscalYear} roundId={round.id} />;
  return (
    <>
      <p className="muted">
        <a href={`/admin/rounds/${round.id}`}>{t({ th: "← กลับหน้ารอบการประเมิน", en: "← Back to the round" })}</a>
      </p>
      <h1>{t({ th: "การเข้าตอบแบบวัด IIT ของบุคลากร", en: "Staff access to the IIT" })}</h1>
      {result?.errors?.length ? (
        <ul className="error" role="alert">
          {result.errors.map((e) => (
            <li key={e.field}>{t({ th: e.messageTh, en: e.message })}</li>
          ))}
        </ul>
      ) : null}
      {result?.pinChanged ? (
        <p className="success" role="status">
          {t({ th: "เปลี่ยนรหัส PIN แล้ว", en: "PIN changed" })}
        </p>
      ) : null}
      <section className="card">
        <h2>{t({ th: "รหัส PIN ของรอบ", en: "Round PIN" })}</h2>
        <p className="muted">
          {round.mode === "pin"
            ? t({
                th: "รอบนี้ใช้รหัส PIN เดียวกันทั้งหน่วยงาน แจ้งบุคลากรทางช่องทางภายใน (ไม่ติดประกาศต่อสาธารณะ)",
                en: "This round uses one PIN for all staff. Share it internally, not in public.",
              })
            : t({
                th: "รอบนี้ใช้รหัสใช้ครั้งเดียว รหัส PIN ไม่ถูกใช้",
                en: "This round uses one-time codes; the PIN is not used.",
              })}
        </p>
        {round.pin ? (
          <p className="big-pin" data-testid="pin">
            {round.pin}
          </p>
        ) : null}
        <Form method="post" className="row-form">
          <input type="hidden" name="intent" value="pin" />
          <label>
            {t({ th: "รหัส PIN ใหม่ (ตัวเลข 4–8 หลัก)", en: "New PIN (4–8 digits)" })}{" "}
            <input name="pin" inputMode="numeric" pattern="\d{4,8}" required />
          </label>
          <button className="button" disabled={busy}>
            {t({ th: "เปลี่ยนรหัส PIN", en: "Change PIN" })}
          </button>
        </Form>
      </section>
      <section className="card">
        <h2>{t({ th: "รหัสใช้ครั้งเดียว", en: "One-time codes" })}</h2>
        <p data-testid="code-counts">
          {t({
            th: `สร้างแล้ว ${codes.total} รหัส · ใช้แล้ว ${codes.used} · ยังไม่ใช้ ${codes.total - codes.used}`,
            en: `${codes.total} codes · ${codes.used} used · ${codes.total - codes.used} unused`,
          })}
        </p>
        <p className="muted">
          {t({
            th: "ระบบแสดงรหัสเพียงครั้งเดียวหลังสร้าง (เก็บไว้เฉพาะค่าที่เข้ารหัสแล้ว) ให้พิมพ์ใบรหัสแล้วตัดแจกบุคลากรทันที และระบบจะไม่บอกว่ารหัสใดถูกใช้ไปแล้ว เพื่อปกปิดตัวตนผู้ตอบ",
            en: "Codes are shown once, right after they are made (only their hashes are kept): print and cut the slips now. The app never tells which code was used, to keep answers anonymous.",
          })}
        </p>
        <Form method="post" className="row-form">
          <input type="hidden" name="intent" value="codes" />
          <label>
            {t({ th: "จำนวนรหัส", en: "Number of codes" })}{" "}
            <input name="count" type="number" min={1} max={MAX_BATCH} defaultValue={defaultCount} required />
          </label>
          <button className="button primary" disabled={busy}>
            {t({ th: "สร้างรหัสและพิมพ์ใบรหัส", en: "Make codes and print slips" })}
          </button>
        </Form>
      </section>
    </>
  );
}

function Slips({
  slips,
  agency,
  fiscalYear,
  roundId,
}: {
  slips: NonNullable<Result["slips"]>;
  agency: string;
  fiscalYear: number;
  roundId: string;
}) {
  const t = useT();
  return (
    <>
      <div className="no-print">
        <h1>{t({ th: `ใบรหัสเข้าตอบ IIT ${slips.length} ใบ`, en: `${slips.length} IIT code slips` })}</h1>
        <p className="notice">
          {t({
            th: "รหัสเหล่านี้จะแสดงเพียงครั้งนี้ครั้งเดียว กรุณาพิมพ์ (Ctrl+P) ก่อนออกจากหน้านี้ แล้วตัดตามเส้นประ แจกบุคลากรคนละหนึ่งใบ",
            en: "These codes are shown only this once. Print them (Ctrl+P) before leaving this page, cut along the dashes and give one to each staff member.",
          })}
        </p>
        <p>
          <a href={`/admin/rounds/${roundId}/access`}>
            {t({ th: "เสร็จแล้ว กลับหน้าการเข้าตอบ", en: "Done: back to access" })}
          </a>
        </p>
      </div>
      <div className="slips">
        {slips.map((s) => (
          <div className="slip" key={s.code} data-code={s.code}>
            <div className="qr-box" dangerouslySetInnerHTML={{ __html: s.qr }} />
            <div>
              <p>{agency}</p>
              <p>แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT) ปี {fiscalYear}</p>
              <p className="code">{s.code}</p>
              <p>สแกนคิวอาร์โค้ด หรือกรอกรหัสนี้ ใช้ได้ครั้งเดียว ไม่ระบุตัวตน</p>
            </div>
          </div>
        ))}
      </div>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
