import { Form, NavLink, Outlet, redirect } from "react-router";
import { AdminError } from "../../components/admin-error";
import { SiteHeader } from "../../components/site-header";
import { useT } from "../../lib/i18n";
import { ROLES, can, roleLabel } from "../../lib/roles";
import { getAccount } from "../../services/users/users.server";
import { agencyOf, requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import type { Route } from "./+types/layout";

export async function loader({ request }: Route.LoaderArgs) {
  // A supervisor has no agency admin page: /admin (where sign-in lands) leads to their group; any other 403.
  const signedIn = await requireUser(request);
  if (signedIn.role === "supervisor" && /^\/admin\/?(\.data)?$/.test(new URL(request.url).pathname))
    throw redirect("/supervise");
  const user = await requireUser(request, { roles: ROLES.any });
  const { agencyName, ...account } = await getAccount(await getDb(), user);
  const working = agencyOf(user);
  return {
    user: account,
    agencyName,
    // A super-administrator working in one agency: its name, and a way back to all agencies.
    acting:
      user.role === "super" && user.acting_agency_id
        ? { id: user.acting_agency_id, name: user.acting_agency_name ?? "" }
        : null,
    can: {
      users: can(user, "manageUsers"),
      audit: can(user, "audit"),
      agencies: can(user, "manageAgencies"),
      frameworks: can(user, "manageFrameworks"),
      groups: can(user, "manageGroups"),
      official: !!working && can(user, "readResults"),
      reports: !!working && can(user, "readResults"),
    },
  };
}

export default function AdminLayout({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { user, agencyName, acting, can } = loaderData;
  return (
    <>
      <SiteHeader>
        <NavLink to="/admin/profile" className="small account-link" data-testid="account-link">
          <span className="visually-hidden">{t({ th: "บัญชีของฉัน: ", en: "My account: " })}</span>
          {user.email} · {t(roleLabel(user.role))}
        </NavLink>
        <Form method="post" action="/logout" className="inline-form">
          <button type="submit" className="link-button">
            {t({ th: "ออกจากระบบ", en: "Sign out" })}
          </button>
        </Form>
      </SiteHeader>
      {acting ? (
        <div className="acting-agency no-print" role="status" data-testid="acting-agency">
          <span>
            {t({ th: "กำลังทำงานในนามหน่วยงาน", en: "Working in the agency" })} <strong>{acting.name}</strong>
          </span>
          <Form method="post" action="/admin/acting-agency" className="inline-form">
            <input type="hidden" name="intent" value="leave" />
            <button type="submit" className="link-button">
              {t({ th: "เลิกทำงานในนามหน่วยงานนี้", en: "Stop working in this agency" })}
            </button>
          </Form>
        </div>
      ) : null}
      <nav className="admin-nav" aria-label={t({ th: "เมนูผู้ดูแล", en: "Administration menu" })}>
        {agencyName ? <strong className="admin-agency">{agencyName}</strong> : null}
        {agencyName || acting ? (
          <NavLink to="/admin" end>
            {t({ th: "ภาพรวม", en: "Dashboard" })}
          </NavLink>
        ) : null}
        <NavLink to="/admin/rounds">{t({ th: "รอบการประเมิน", en: "Rounds" })}</NavLink>
        {can.official ? (
          <NavLink to="/admin/official">{t({ th: "ผลอย่างเป็นทางการ", en: "Official results" })}</NavLink>
        ) : null}
        {can.reports ? (
          <NavLink to="/admin/reports">{t({ th: "รายงานมาตรการ", en: "Measures reports" })}</NavLink>
        ) : null}
        {can.users ? <NavLink to="/admin/users">{t({ th: "ผู้ใช้งาน", en: "Users" })}</NavLink> : null}
        {can.audit ? <NavLink to="/admin/audit">{t({ th: "บันทึกการใช้งาน", en: "Audit log" })}</NavLink> : null}
        {can.agencies ? <NavLink to="/admin/agencies">{t({ th: "หน่วยงาน", en: "Agencies" })}</NavLink> : null}
        {can.frameworks ? (
          <NavLink to="/admin/frameworks">{t({ th: "กรอบการประเมิน", en: "Frameworks" })}</NavLink>
        ) : null}
        {can.groups ? <NavLink to="/admin/groups">{t({ th: "กลุ่มหน่วยงาน", en: "Agency groups" })}</NavLink> : null}
      </nav>
      <main className="page admin-page">
        <Outlet />
      </main>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
