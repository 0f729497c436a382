import { Link, redirect } from "react-router";
import { AdminError } from "../../components/admin-error";
import { RoundForm } from "../../components/round-form";
import { formatDate } from "../../lib/dates";
import { useT, pageTitle } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { getRoundSettings, updateRoundSettings } from "../../services/rounds/rounds.server";
import { requireRoundAccess } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { formInput, invalidForm, readForm } from "../../server/http.server";
import type { Route } from "./+types/round-settings";

export const meta: Route.MetaFunction = ({ matches }) =>
  pageTitle(matches, { th: "ตั้งค่ารอบการประเมิน", en: "Round settings" });

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, round } = await requireRoundAccess(request, params.roundId, ROLES.manageRounds);
  return getRoundSettings(await getDb(), user, round.id);
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user, round } = await requireRoundAccess(request, params.roundId, ROLES.manageRounds);
  const result = await updateRoundSettings(await getDb(), user, round.id, formInput(await readForm(request)));
  if (!result.ok) return invalidForm(result.errors);
  throw redirect(`/admin/rounds/${round.id}`);
}

export default function RoundSettingsPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <p className="muted">
        <Link to={`/admin/rounds/${loaderData.round.id}`}>
          {t({ th: "← กลับไปหน้ารอบการประเมิน", en: "← Back to the round" })}
        </Link>
      </p>
      <h1>{t({ th: "ตั้งค่ารอบการประเมิน", en: "Round settings" })}</h1>
      <IitReleaseNotice
        release={loaderData.iitRelease}
        withheld={loaderData.iitWithheld}
        minGroup={loaderData.iitMinGroup}
      />
      <RoundForm
        values={loaderData.values}
        frameworks={loaderData.frameworks}
        errors={actionData?.errors}
        submit={{ th: "บันทึกการตั้งค่า", en: "Save settings" }}
      />
    </>
  );
}

/**
 * What closing (and re-opening) does to the IIT: released once at the first close (or withheld for good with too
 * few answers), and a re-opened round takes the EIT only.
 */
function IitReleaseNotice({
  release,
  withheld,
  minGroup,
}: {
  release: { releasedAt: string; count: number } | null;
  withheld: boolean;
  minGroup: number;
}) {
  const t = useT();
  if (release)
    return (
      <p className="notice" data-testid="iit-release-notice">
        {t({
          th: `ผลแบบวัด IIT ประกาศแล้วเมื่อปิดรอบ (${formatDate(release.releasedAt, "th", "long")}) จากคำตอบ ${release.count} ชุด และจะไม่เปลี่ยนอีก การเปิดรอบอีกครั้งเปิดรับเฉพาะแบบวัด EIT — ไม่รับคำตอบ IIT เพิ่ม`,
          en: `The IIT was released when the round closed (${formatDate(release.releasedAt, "en", "long")}) from ${release.count} responses and will not change. Re-opening the round re-opens the EIT only: no more IIT answers are taken.`,
        })}
      </p>
    );
  if (withheld)
    return (
      <p className="notice" data-testid="iit-release-notice">
        {t({
          th: `ผลแบบวัด IIT ไม่ประกาศถาวร เพราะเมื่อปิดรอบมีบุคลากรตอบไม่ถึง ${minGroup} คน การเปิดรอบอีกครั้งเปิดรับเฉพาะแบบวัด EIT — ไม่รับคำตอบ IIT เพิ่ม`,
          en: `The IIT is withheld for good: fewer than ${minGroup} staff had answered when the round closed. Re-opening the round re-opens the EIT only: no more IIT answers are taken.`,
        })}
      </p>
    );
  return (
    <p className="small muted" data-testid="iit-release-notice">
      {t({
        th: `เมื่อเปลี่ยนสถานะเป็น "ปิด" ระบบจะประกาศผล IIT ครั้งเดียว หากมีบุคลากรตอบอย่างน้อย ${minGroup} คน หากตอบไม่ถึง ${minGroup} คน ผล IIT จะไม่แสดงถาวร ไม่ว่ากรณีใด หลังปิดรอบแล้วจะไม่รับคำตอบ IIT อีก แม้เปิดรอบอีกครั้ง (เปิดรับเฉพาะ EIT)`,
        en: `Setting the status to "closed" releases the IIT once, if at least ${minGroup} staff answered; with fewer, the IIT is withheld for good. Either way, once closed the round takes no more IIT answers, even when re-opened (EIT only).`,
      })}
    </p>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
