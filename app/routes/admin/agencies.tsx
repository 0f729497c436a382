import { data, Link, redirect } from "react-router";
import { insertAgency, listAgencies } from "../../../db/repositories/agencies";
import { AdminError } from "../../components/admin-error";
import { AgencyForm } from "../../components/agency-form";
import { agencyTypeLabel } from "../../lib/agency-types";
import { audit } from "../../lib/audit.server";
import { requireUser, ROLES } from "../../lib/auth.server";
import { getDb } from "../../lib/db.server";
import { useT } from "../../lib/i18n";
import { newId, nowIso } from "../../lib/ids.server";
import type { Route } from "./+types/agencies";
import { parseAgencyForm } from "./agency-form.server";
import { readForm } from "../../lib/forms.server";

export const meta = () => [{ title: "หน่วยงาน — ITA Survey" }];

export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request, { roles: ROLES.manageAgencies });
  return { agencies: await listAgencies(await getDb()) };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request, { roles: ROLES.manageAgencies });
  const parsed = parseAgencyForm(await readForm(request));
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const db = await getDb();
  const id = newId();
  await insertAgency(db, { id, ...parsed.value, created_at: nowIso() });
  await audit(db, { user, agencyId: id, action: "agency.create", entity: "agency", entityId: id, detail: { name_th: parsed.value.name_th } });
  throw redirect(`/admin/agencies/${id}`);
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
              <h2><Link to={`/admin/agencies/${a.id}`}>{a.name_th}</Link></h2>
              <p className="muted">
                {t(agencyTypeLabel(a.type))}
                {a.size ? ` · ${a.size}` : ""}
                {a.staff_count != null ? t({ th: ` · บุคลากร ${a.staff_count} คน`, en: ` · ${a.staff_count} staff` }) : ""}
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
