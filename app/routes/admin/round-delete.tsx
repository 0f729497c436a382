import { data, Form, Link, redirect } from "react-router";
import { AdminError } from "../../components/admin-error";
import { FormErrors } from "../../components/form-errors";
import { useT, pageTitle } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { CONFIRM_DELETE_WORDS, deleteRound, getRoundForDelete } from "../../services/rounds/rounds.server";
import { requireRoundAccess } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { formInput, invalidForm, readForm } from "../../server/http.server";
import type { Route } from "./+types/round-delete";

export const meta: Route.MetaFunction = ({ matches }) =>
  pageTitle(matches, { th: "ลบรอบการประเมิน", en: "Delete a round" });

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, round } = await requireRoundAccess(request, params.roundId, ROLES.manageRounds);
  return { round: await getRoundForDelete(await getDb(), user, round.id), confirmWords: CONFIRM_DELETE_WORDS };
}

// Data retention: a closed round is deleted with everything that references it (cascade), and logged.
export async function action({ request, params }: Route.ActionArgs) {
  const { user, round } = await requireRoundAccess(request, params.roundId, ROLES.manageRounds);
  // A round that is not closed is refused (409: close it first) before its form is read.
  const input = round.status === "closed" ? formInput(await readForm(request)) : {};
  const result = await deleteRound(await getDb(), user, round.id, input);
  if (!result.ok)
    return result.notClosed ? data({ errors: result.errors }, { status: 409 }) : invalidForm(result.errors);
  throw redirect("/admin/rounds");
}

export default function RoundDelete({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { round, confirmWords } = loaderData;
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
          <FormErrors errors={actionData?.errors} />
          <label htmlFor="confirm">
            {t({
              th: `พิมพ์รหัสรอบ ${round.slug} หรือคำว่า “${confirmWords}”`,
              en: `Type the round code ${round.slug} or “${confirmWords}”`,
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
