import { Form, NavLink, Outlet } from "react-router";
import { AdminError } from "../../components/admin-error";
import { SiteHeader } from "../../components/site-header";
import { useT } from "../../lib/i18n";
import { ROLES, roleLabel } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import "../../styles/supervise.css";
import type { Route } from "./+types/layout";

// The supervisor's area (issue 18, decision 0011): a group of agencies, never one agency's admin pages.
export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.supervise });
  return { user: { email: user.email, role: user.role }, isSuper: user.role === "super" };
}

export default function SuperviseLayout({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { user, isSuper } = loaderData;
  return (
    <>
      <SiteHeader>
        <span className="small account-link">
          {user.email} · {t(roleLabel(user.role))}
        </span>
        <Form method="post" action="/logout" className="inline-form">
          <button type="submit" className="link-button">
            {t({ th: "ออกจากระบบ", en: "Sign out" })}
          </button>
        </Form>
      </SiteHeader>
      <nav className="admin-nav" aria-label={t({ th: "เมนูผู้กำกับดูแล", en: "Supervisor menu" })}>
        <NavLink to="/supervise" end>
          {t({ th: "ภาพรวมกลุ่มหน่วยงาน", en: "Group overview" })}
        </NavLink>
        {isSuper ? <NavLink to="/admin/groups">{t({ th: "จัดการกลุ่มหน่วยงาน", en: "Manage groups" })}</NavLink> : null}
        {isSuper ? <NavLink to="/admin">{t({ th: "หน้าผู้ดูแลระบบ", en: "Administration" })}</NavLink> : null}
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
