import { Link, redirect } from "react-router";
import { AdminError } from "../../components/admin-error";
import { AgencyForm } from "../../components/agency-form";
import { agencyTypeLabel } from "../../lib/agency-types";
import { useT, pageTitle } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { createAgency, listAgencies } from "../../services/agencies.server";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { formInput, invalidForm, readForm } from "../../server/http.server";
import type { Route } from "./+types/agencies";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, { th: "หน่วยงาน", en: "Agencies" });

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.manageAgencies });
  return { agencies: await listAgencies(await getDb(), user) };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request, { roles: ROLES.manageAgencies });
  const result = await createAgency(await getDb(), user, formInput(await readForm(request)));
  if (!result.ok) return invalidForm(result.errors);
  throw redirect(`/admin/agencies/${result.id}`);
}

export default function Agencies({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <h1>{t({ th: "หน่วยงาน", en: "Agencies" })}</h1>
      {loaderData.agencies.length === 0 ? (
        <p className="notice">{t({ th: "ยังไม่มีหน่วยงาน", en: "No agencies yet." })}</p>
      ) : (
        <ul className="card-list">
          {loaderData.agencies.map((a) => (
            <li key={a.id} className="card">
              <h2>
                <Link to={`/admin/agencies/${a.id}`}>{a.nameTh}</Link>
              </h2>
              <p className="muted">
                {t(agencyTypeLabel(a.type))}
                {a.size ? ` · ${a.size}` : ""}
                {a.staffCount != null ? t({ th: ` · บุคลากร ${a.staffCount} คน`, en: ` · ${a.staffCount} staff` }) : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
      <section className="card">
        <h2>{t({ th: "เพิ่มหน่วยงาน", en: "Add an agency" })}</h2>
        <AgencyForm intent="create" errors={actionData?.errors} submit={{ th: "เพิ่มหน่วยงาน", en: "Add agency" }} />
      </section>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
