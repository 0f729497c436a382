import { AdminError } from "../../components/admin-error";
import { NewUserForm, UserActionNotice, UserTable } from "../../components/user-admin";
import { useT, pageTitle } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { getUsersPage, handleUserAction } from "../../services/users/users.server";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { formInput, invalidForm, readForm } from "../../server/http.server";
import type { Route } from "./+types/users";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, { th: "ผู้ใช้งาน", en: "Users" });

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.manageUsers });
  return { ...(await getUsersPage(await getDb(), user)), self: user.email };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request, { roles: ROLES.manageUsers });
  const result = await handleUserAction(await getDb(), user, formInput(await readForm(request)));
  if (!result.ok) return invalidForm(result.errors, { ok: false as const });
  return result;
}

export default function Users({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <h1>{t({ th: "ผู้ใช้งาน", en: "Users" })}</h1>
      <p className="muted">
        {t({
          th: "ผู้ดูแลของหน่วยงานทำได้ทุกอย่างในหน่วยงาน เจ้าหน้าที่บันทึกข้อมูลกรอกแบบสอบถามกระดาษได้อย่างเดียว ผู้ดูผลการประเมินอ่านผลได้แต่แก้ไขไม่ได้",
          en: "Agency administrators can do everything in the agency; clerks only key in paper answers; viewers read results and change nothing.",
        })}
      </p>
      <UserActionNotice result={actionData} />
      <UserTable users={loaderData.users} showAgency={loaderData.showAgency} selfEmail={loaderData.self} />
      <NewUserForm
        key={actionData?.ok ? (actionData.link ?? "done") : "new"}
        roles={loaderData.roles}
        agencies={loaderData.agencies}
      />
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
