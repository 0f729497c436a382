import { frameworkName } from "../../lib/frameworks";
import { Link } from "react-router";
import { AdminError } from "../../components/admin-error";
import { formatDate } from "../../lib/dates";
import { useLang, useT, pageTitle } from "../../lib/i18n";
import { ROLES, can, hasRole } from "../../lib/roles";
import { ROUND_STATUS_LABELS } from "../../lib/rounds";
import { getRound } from "../../services/rounds/rounds.server";
import { requireRoundAccess } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import type { Route } from "./+types/round";
import { ROUND_LINKS } from "./round-links";

export const meta: Route.MetaFunction = ({ matches }) =>
  pageTitle(matches, { th: "รอบการประเมิน", en: "Assessment rounds" });

// The round's hub: its facts and a list of sections (ROUND_LINKS) that other features add to.
export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, round: guarded } = await requireRoundAccess(request, params.roundId, ROLES.any);
  const { round, agencyName, iitSeal } = await getRound(await getDb(), user, guarded.id);
  return {
    round,
    agencyName,
    iitSeal,
    links: ROUND_LINKS.filter((l) => hasRole(user, l.roles)).map((l) => ({ path: l.path, label: l.label })),
    canDelete: can(user, "manageRounds") && round.status === "closed",
  };
}

export default function RoundHub({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { round, agencyName, iitSeal, links, canDelete } = loaderData;
  const dash = "—";
  return (
    <>
      <p className="muted">
        <Link to="/admin/rounds">{t({ th: "← รอบการประเมินทั้งหมด", en: "← All rounds" })}</Link>
      </p>
      <h1>
        {round.title ?? t({ th: `ปีงบประมาณ พ.ศ. ${round.fiscalYear}`, en: `Fiscal year ${round.fiscalYear} BE` })}
      </h1>
      <p className="muted">{agencyName}</p>
      <dl className="facts">
        <dt>{t({ th: "สถานะ", en: "Status" })}</dt>
        <dd>
          <span className={`badge ${round.status}`} data-testid="round-status">
            {t(ROUND_STATUS_LABELS[round.status])}
          </span>
        </dd>
        <dt>{t({ th: "ปีงบประมาณ", en: "Fiscal year" })}</dt>
        <dd>{t({ th: `พ.ศ. ${round.fiscalYear}`, en: `${round.fiscalYear} BE` })}</dd>
        <dt>{t({ th: "กรอบการประเมิน", en: "Framework" })}</dt>
        <dd>{t(frameworkName(round.framework))}</dd>
        <dt>{t({ th: "ช่วงเวลารับคำตอบ", en: "Answer period" })}</dt>
        <dd>
          {round.opensOn || round.closesOn
            ? `${formatDate(round.opensOn, lang, "long") || dash} – ${formatDate(round.closesOn, lang, "long") || dash}`
            : t({ th: "ไม่กำหนดวัน (รับคำตอบตามสถานะ)", en: "No dates (follows the status)" })}
        </dd>
        <dt>{t({ th: "การเข้าตอบ IIT", en: "IIT access" })}</dt>
        <dd>
          {round.iitAccess === "pin"
            ? t({ th: "รหัส PIN", en: "PIN" })
            : t({ th: "รหัสใช้ครั้งเดียว", en: "One-time codes" })}
          {round.pin && round.iitAccess === "pin" ? (
            <>
              {" "}
              · <strong data-testid="round-pin">{round.pin}</strong>
            </>
          ) : null}
        </dd>
        {round.status === "closed" || iitSeal !== "none" ? (
          <>
            <dt>{t({ th: "การผนึกข้อมูล IIT", en: "IIT seal" })}</dt>
            <dd data-testid="round-seal" className={iitSeal === "sealed" ? undefined : "error"}>
              {iitSeal === "sealed"
                ? t({
                    th: "ผนึกแล้ว: ไม่มีสำเนาฐานข้อมูลใดจับคู่รหัสเข้าตอบกับคำตอบได้",
                    en: "Sealed: no copy of the database pairs an access code with an answer sheet",
                  })
                : t({
                    th: `ยังผนึกไม่เสร็จ: บันทึกการตั้งค่ารอบอีกครั้ง หรือสั่ง npm run --silent ita -- seal --round ${round.slug}`,
                    en: `Not sealed yet: save the round's settings again, or run npm run --silent ita -- seal --round ${round.slug}`,
                  })}
            </dd>
          </>
        ) : null}
        <dt>{t({ th: "เกณฑ์จุดแข็ง / ค่าเป้าหมาย", en: "Strength / target line" })}</dt>
        <dd data-testid="round-lines">
          {round.strengthLine} / {round.targetLine}
        </dd>
        <dt>{t({ th: "ผู้ตอบขั้นต่ำ IIT / EIT", en: "Minimum answers IIT / EIT" })}</dt>
        <dd data-testid="round-mins">
          {round.minIit} / {round.minEit}
        </dd>
        <dt>{t({ th: "ลิงก์สาธารณะ", en: "Public link" })}</dt>
        <dd>
          <a href={`/s/${round.slug}`}>/s/{round.slug}</a>
        </dd>
      </dl>
      <h2>{t({ th: "งานของรอบนี้", en: "This round's work" })}</h2>
      <ul className="link-list" data-testid="round-links">
        {links.map((l) => (
          <li key={l.path}>
            <Link to={`/admin/rounds/${round.id}/${l.path}`}>{t(l.label)}</Link>
          </li>
        ))}
        {canDelete ? (
          <li>
            <Link to={`/admin/rounds/${round.id}/delete`} className="danger-link">
              {t({ th: "ลบรอบนี้และคำตอบทั้งหมด", en: "Delete this round and its answers" })}
            </Link>
          </li>
        ) : null}
      </ul>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
