import { data, Link, redirect } from "react-router";
import { updateRound } from "../../../db/repositories/rounds";
import { AdminError } from "../../components/admin-error";
import { RoundForm } from "../../components/round-form";
import { audit } from "../../server/audit.server";
import { ROLES } from "../../lib/roles";
import { requireRoundAccess } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { useT } from "../../lib/i18n";
import { nowIso } from "../../server/ids.server";
import type { Route } from "./+types/round-settings";
import { availableFrameworks } from "../../services/rounds/defaults.server";
import { allowedStatusChange, parseRoundForm, type RoundSettings } from "../../services/rounds/round-form.server";
import { readForm } from "../../server/http.server";

export const meta = () => [{ title: "ตั้งค่ารอบการประเมิน — ITA Survey" }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { round } = await requireRoundAccess(request, params.roundId, ROLES.manageRounds);
  const { id, slug, agency_id, created_at, updated_at, ...values } = round;
  return { round: { id, slug }, values, frameworks: availableFrameworks() };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user, round } = await requireRoundAccess(request, params.roundId, ROLES.manageRounds);
  const parsed = parseRoundForm(await readForm(request), availableFrameworks());
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  if (!allowedStatusChange(round.status, parsed.value.status)) {
    return data(
      {
        errors: [
          { field: "status", message: "A round cannot go back to draft.", messageTh: "รอบที่เปิดแล้วกลับไปเป็นร่างไม่ได้" },
        ],
      },
      { status: 400 },
    );
  }
  const changed = (Object.keys(parsed.value) as (keyof RoundSettings)[]).filter((k) => parsed.value[k] !== round[k]);
  if (changed.length) {
    const db = await getDb();
    await updateRound(db, round.id, { ...parsed.value, updated_at: nowIso() });
    const detail = Object.fromEntries(
      changed.map((k) => [k, k === "pin" ? "(changed)" : { from: round[k], to: parsed.value[k] }]),
    );
    await audit(db, {
      user,
      agencyId: round.agency_id,
      action: "round.update",
      entity: "round",
      entityId: round.id,
      detail,
    });
  }
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
