import surveyCss from "survey-core/survey-core.fontless.min.css?url";
import { Link } from "react-router";
import { AdminError } from "../../components/admin-error";
import { EntryRunner } from "../../components/entry-runner";
import { langFromRequest, useLang, useT, pageTitle } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { getKeyedEntry } from "../../services/submissions/keyed-entries.server";
import type { Route } from "./+types/round-entries-edit";
import "../../styles/admin-ops.css";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: surveyCss }];
export const meta: Route.MetaFunction = ({ matches }) =>
  pageTitle(matches, { th: "แก้ไขคำตอบแบบสอบถามที่บันทึกไว้", en: "Correct a keyed-in sheet" });

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.paperEntry });
  return getKeyedEntry(await getDb(), user, params.roundId, params.entryId, langFromRequest(request));
}

export default function CorrectEntry({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { round, entry, survey, answers } = loaderData;
  const list = `/admin/rounds/${round.id}/entries`;
  return (
    <>
      <p className="muted">
        <Link to={list}>{t({ th: "← กลับไปรายการที่บันทึกแล้ว", en: "← Back to the keyed-in sheets" })}</Link>
      </p>
      <h1>{t({ th: `แก้ไขคำตอบ แบบสอบถามเลขที่ ${entry.serial}`, en: `Correct sheet ${entry.serial}` })}</h1>
      {round.editable ? (
        <EntryRunner
          json={survey}
          lang={lang}
          data={answers}
          endpoint={`${list}/${entry.id}/correct`}
          body={{}}
          done={{
            th: `บันทึกการแก้ไขแบบสอบถามเลขที่ ${entry.serial} แล้ว`,
            en: `Correction of sheet ${entry.serial} saved`,
            href: `${list}`,
            link: { th: "กลับไปรายการ", en: "Back to the list" },
          }}
        />
      ) : (
        <p className="notice">
          {t({ th: "รอบนี้ปิดแล้ว จึงแก้ไขคำตอบไม่ได้", en: "This round is closed: answers can no longer be corrected." })}
        </p>
      )}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
