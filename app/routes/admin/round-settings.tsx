import { Link, redirect } from "react-router";
import { AdminError } from "../../components/admin-error";
import { RoundForm } from "../../components/round-form";
import { useT } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { getRoundSettings, updateRoundSettings } from "../../services/rounds/rounds.server";
import { requireRoundAccess } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { formInput, invalidForm, readForm } from "../../server/http.server";
import type { Route } from "./+types/round-settings";

export const meta = () => [{ title: "ตั้งค่ารอบการประเมิน — ITA Survey" }];

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
      <RoundForm
        values={loaderData.values}
        frameworks={loaderData.frameworks}
        errors={actionData?.errors}
        submit={{ th: "บันทึกการตั้งค่า", en: "Save settings" }}
      />
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
