import { data, Form, useActionData, useNavigation } from "react-router";
import { AdminError } from "../../components/admin-error";
import { FormErrors } from "../../components/form-errors";
import type { FieldError } from "../../lib/forms";
import { useT, pageTitle } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { formInput, invalidForm, readForm } from "../../server/http.server";
import { changePin, getRoundAccess, issueIitCodes, type CodeSlip } from "../../services/round-access.server";
import type { Route } from "./+types/round-access";
import "../../styles/admin-ops.css";

export const meta: Route.MetaFunction = ({ matches }) =>
  pageTitle(matches, { th: "การเข้าตอบแบบสอบถาม IIT", en: "IIT access" });

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.manageRounds });
  return getRoundAccess(await getDb(), user, params.roundId);
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request, { roles: ROLES.manageRounds });
  const db = await getDb();
  const form = await readForm(request);
  if (form.get("intent") === "pin") {
    const result = await changePin(db, user, params.roundId, formInput(form));
    if (!result.ok) return invalidForm(result.errors);
    return { errors: [], pinChanged: true };
  }
  const result = await issueIitCodes(db, user, params.roundId, formInput(form));
  if (!result.ok) return invalidForm(result.errors);
  // The plain codes exist only in this answer: never cached.
  return data(
    { errors: [], slips: result.slips, address: result.address },
    { headers: { "Cache-Control": "no-store" } },
  );
}

type Result = { errors: FieldError[]; pinChanged?: boolean; slips?: CodeSlip[]; address?: string };

export default function RoundAccess({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const result = useActionData() as Result | undefined;
  const busy = useNavigation().state !== "idle";
  const { round, agency, defaultCount, maxCount, codes } = loaderData;
  if (result?.slips)
    return (
      <Slips
        slips={result.slips}
        address={result.address ?? ""}
        agency={agency}
        fiscalYear={round.fiscalYear}
        roundId={round.id}
      />
    );
  return (
    <>
      <p className="muted">
        <a href={`/admin/rounds/${round.id}`}>{t({ th: "← กลับหน้ารอบการประเมิน", en: "← Back to the round" })}</a>
      </p>
      <h1>{t({ th: "การเข้าตอบแบบวัด IIT ของบุคลากร", en: "Staff access to the IIT" })}</h1>
      <FormErrors errors={result?.errors} />
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
        {round.mode === "pin" ? (
          <p className="notice" data-testid="pin-warning">
            {t({
              th: "คำเตือน: ใครก็ตามที่รู้รหัส PIN ส่งคำตอบ IIT เพิ่มได้ รวมถึงผู้ดูแลระบบเอง และตอบได้หลายครั้ง จำนวนคำตอบที่เข้ามาด้วย PIN แสดงในหน้าผลการประเมิน หากต้องการให้หนึ่งคนตอบได้หนึ่งครั้ง ให้ใช้รหัสใช้ครั้งเดียว (ค่าเริ่มต้นของรอบใหม่)",
              en: "Warning: anyone who holds the PIN can add IIT responses, the administrator included, and as many as they like. The results page shows how many responses came with the PIN. For one response per person use one-time codes (the default for new rounds).",
            })}
          </p>
        ) : null}
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
            <input name="count" type="number" min={1} max={maxCount} defaultValue={defaultCount} required />
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
  address,
  agency,
  fiscalYear,
  roundId,
}: {
  slips: CodeSlip[];
  address: string;
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
              <p>สแกนคิวอาร์โค้ด หรือเปิดเว็บ</p>
              <p className="address" data-testid="slip-address">
                {address}
              </p>
              <p>แล้วกรอกรหัสนี้ ใช้ได้ครั้งเดียว ไม่ระบุตัวตน</p>
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
