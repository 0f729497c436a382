import { data, Form, Link, redirect } from "react-router";
import { deleteRound } from "../../../db/repositories/round-admin";
import { AdminError } from "../../components/admin-error";
import { audit } from "../../server/audit.server";
import { ROLES } from "../../lib/roles";
import { requireRoundAccess } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { useT } from "../../lib/i18n";
import type { Route } from "./+types/round-delete";
import { readForm } from "../../server/http.server";

export const meta = () => [{ title: "ลบรอบการประเมิน — ITA Survey" }];

/** The Thai words an officer may type instead of the round's slug. */
const CONFIRM_WORDS = "ยืนยันการลบ";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { round } = await requireRoundAccess(request, params.roundId, ROLES.manageRounds);
  return {
    round: { id: round.id, slug: round.slug, fiscalYear: round.fiscal_year, closed: round.status === "closed" },
  };
}

// Data retention: a closed round is deleted with everything that references it (cascade), and logged.
export async function action({ request, params }: Route.ActionArgs) {
  const { user, round } = await requireRoundAccess(request, params.roundId, ROLES.manageRounds);
  if (round.status !== "closed") {
    return data({ error: "Only a closed round can be deleted.", errorTh: "ลบได้เฉพาะรอบที่ปิดแล้ว" }, { status: 409 });
  }
  const typed = String((await readForm(request)).get("confirm") ?? "").trim();
  if (typed !== round.slug && typed !== CONFIRM_WORDS) {
    return data(
      {
        error: "Type the round's code or the confirmation words.",
        errorTh: `โปรดพิมพ์รหัสรอบ หรือคำว่า “${CONFIRM_WORDS}” ให้ถูกต้อง`,
      },
      { status: 400 },
    );
  }
  const db = await getDb();
  await deleteRound(db, round.id);
  await audit(db, {
    user,
    agencyId: round.agency_id,
    action: "round.delete",
    entity: "round",
    entityId: round.id,
    detail: { slug: round.slug, fiscal_year: round.fiscal_year, framework: round.framework },
  });
  throw redirect("/admin/rounds");
}

export default function RoundDelete({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { round } = loaderData;
  return (
    <>
      <p className="muted">
        <Link to={`/admin/rounds/${round.id}`}>{t({ th: "← กลับไปหน้ารอบการประเมิน", en: "← Back to the round" })}</Link>
      </p>
      <h1>{t({ th: `ลบรอบการประเมิน พ.ศ. ${round.fiscalYear}`, en: `Delete the ${round.fiscalYear} BE round` })}</h1>
      {!round.closed ? (
        <p className="notice">{t({ th: "ต้องปิดรอบการประเมินก่อนจึงจะลบได้", en: "Close the round before deleting it." })}</p>
      ) : (
        <Form method="post">
          <p className="error">
            {t({
              th: "การลบจะลบคำตอบทั้งหมด รหัสเข้าตอบ แบบตรวจ OIT และผลการประเมินของรอบนี้อย่างถาวร กู้คืนไม่ได้ และระบบจะบันทึกการลบไว้",
              en: "This permanently deletes every answer, access code, OIT checklist and result of this round. It cannot be undone and is logged.",
            })}
          </p>
          {actionData ? (
            <p className="error" role="alert">
              {t({ th: actionData.errorTh, en: actionData.error })}
            </p>
          ) : null}
          <label htmlFor="confirm">
            {t({
              th: `พิมพ์รหัสรอบ ${round.slug} หรือคำว่า “${CONFIRM_WORDS}”`,
              en: `Type the round code ${round.slug} or “${CONFIRM_WORDS}”`,
            })}
          </label>
          <input id="confirm" name="confirm" autoComplete="off" required />
          <div className="actions">
            <button type="submit" className="button danger">
              {t({ th: "ลบถาวร", en: "Delete permanently" })}
            </button>
          </div>
        </Form>
      )}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
