import { frameworkName } from "../../lib/frameworks";
import { Link } from "react-router";
import { AdminError } from "../../components/admin-error";
import { useLang, useT, pageTitle } from "../../lib/i18n";
import { ROLES, can } from "../../lib/roles";
import { ROUND_STATUS_LABELS, roundLabel } from "../../lib/rounds";
import { listRounds } from "../../services/rounds/rounds.server";
import { agencyScope, requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import type { Route } from "./+types/rounds";

export const meta: Route.MetaFunction = ({ matches }) =>
  pageTitle(matches, { th: "รอบการประเมิน", en: "Assessment rounds" });

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.any });
  return {
    rounds: await listRounds(await getDb(), user),
    canCreate: can(user, "manageRounds"),
    // A super-administrator sees every agency's rounds, named, unless working in one agency.
    showAgency: user.role === "super" && !agencyScope(user),
  };
}

export default function Rounds({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { rounds, canCreate, showAgency } = loaderData;
  return (
    <>
      <h1>{t({ th: "รอบการประเมิน", en: "Assessment rounds" })}</h1>
      {canCreate ? (
        <p>
          <Link className="button primary" to="/admin/rounds/new">
            {t({ th: "+ สร้างรอบการประเมินใหม่", en: "+ New round" })}
          </Link>
        </p>
      ) : null}
      {rounds.length === 0 ? (
        <p className="notice">{t({ th: "ยังไม่มีรอบการประเมิน", en: "No rounds yet." })}</p>
      ) : (
        <ul className="card-list">
          {rounds.map((r) => (
            <li key={r.id} className="card">
              <h2>
                <Link to={`/admin/rounds/${r.id}`}>
                  {roundLabel({ ...r, agencyName: showAgency ? r.agencyName : null }, lang)}
                </Link>
              </h2>
              <p className="muted">
                <span className={`badge ${r.status}`}>{t(ROUND_STATUS_LABELS[r.status])}</span> ·{" "}
                {t(frameworkName(r.framework))} · {t({ th: "ลิงก์", en: "link" })} /s/{r.slug}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
