import { Link } from "react-router";
import { listRoundsWithAgency } from "../../../db/repositories/round-admin";
import { AdminError } from "../../components/admin-error";
import { STATUS_LABELS } from "../../components/round-form";
import { ROLES, can } from "../../lib/roles";
import { agencyScope, requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { useT } from "../../lib/i18n";
import type { Route } from "./+types/rounds";

export const meta = () => [{ title: "รอบการประเมิน — ITA Survey" }];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.any });
  const scope = agencyScope(user);
  const rounds = await listRoundsWithAgency(await getDb(), scope);
  return {
    rounds: rounds.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      fiscalYear: r.fiscal_year,
      status: r.status,
      framework: r.framework,
      agency: r.agency_name_th,
    })),
    canCreate: can(user, "manageRounds"),
    // A super-administrator sees every agency's rounds, named, unless working in one agency.
    showAgency: user.role === "super" && !scope,
  };
}

export default function Rounds({ loaderData }: Route.ComponentProps) {
  const t = useT();
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
                  {r.title ?? t({ th: `ปีงบประมาณ พ.ศ. ${r.fiscalYear}`, en: `Fiscal year ${r.fiscalYear} BE` })}
                </Link>
              </h2>
              <p className="muted">
                {showAgency ? `${r.agency} · ` : ""}
                <span className={`badge ${r.status}`}>{t(STATUS_LABELS[r.status])}</span> · {r.framework} · {r.slug}
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
