import { Form, Link, redirect } from "react-router";
import { AdminError } from "../../components/admin-error";
import { formatDate } from "../../lib/dates";
import { useLang, useT, pageTitle } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { readForm } from "../../server/http.server";
import { getKeyedEntry, voidKeyedEntry } from "../../services/submissions/keyed-entries.server";
import type { Route } from "./+types/round-entries-void";
import "../../styles/admin-ops.css";

export const meta: Route.MetaFunction = ({ matches }) =>
  pageTitle(matches, { th: "ยกเลิกแบบสอบถามที่บันทึกไว้", en: "Void a keyed-in sheet" });

// The confirmation page of a void (a plain form: works without JavaScript); the POST voids and returns to the list.
export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.paperEntry });
  const { round, entry } = await getKeyedEntry(await getDb(), user, params.roundId, params.entryId, "th");
  return { round, entry };
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request, { roles: ROLES.paperEntry });
  await readForm(request);
  const { serial } = await voidKeyedEntry(await getDb(), user, params.roundId, params.entryId);
  return redirect(`/admin/rounds/${params.roundId}/entries?voided=${encodeURIComponent(serial)}`);
}

export default function VoidEntry({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { round, entry } = loaderData;
  const list = `/admin/rounds/${round.id}/entries`;
  return (
    <>
      <h1>{t({ th: `ยกเลิกแบบสอบถามเลขที่ ${entry.serial}?`, en: `Void sheet ${entry.serial}?` })}</h1>
      <p>
        {t({
          th: `บันทึกโดย ${entry.enteredBy || "—"} เวลา ${formatDate(entry.enteredAt, lang, "dateTime")}`,
          en: `Keyed by ${entry.enteredBy || "—"} at ${formatDate(entry.enteredAt, lang, "dateTime")}.`,
        })}
      </p>
      <p>
        {t({
          th: "เมื่อยกเลิกแล้ว คำตอบชุดนี้จะถูกลบและไม่นับในผลการประเมินอีก เลขที่แบบสอบถามยังคงอยู่ในประวัติการใช้งาน และนำเลขที่นี้ไปบันทึกใหม่ได้",
          en: "Voiding deletes these answers: they stop counting in the results, the serial stays in the audit log, and the serial can be keyed in again.",
        })}
      </p>
      {round.editable ? (
        <Form method="post" className="actions">
          <button type="submit" className="button danger">
            {t({ th: "ยืนยันการยกเลิก", en: "Void this sheet" })}
          </button>
          <Link className="button" to={list}>
            {t({ th: "ไม่ยกเลิก กลับไปรายการ", en: "Keep it, back to the list" })}
          </Link>
        </Form>
      ) : (
        <p className="notice">
          <Link to={list}>{t({ th: "รอบนี้ปิดแล้ว กลับไปรายการ", en: "This round is closed; back to the list" })}</Link>
        </p>
      )}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
