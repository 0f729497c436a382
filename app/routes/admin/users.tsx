import { data } from "react-router";
import { findAgency, listAgencies } from "../../../db/repositories/agencies";
import { listUsers } from "../../../db/repositories/user-admin";
import { AdminError } from "../../components/admin-error";
import { NewUserForm, UserActionNotice, UserTable } from "../../components/user-admin";
import { ROLES } from "../../lib/roles";
import { agencyScope, requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { useT } from "../../lib/i18n";
import type { Route } from "./+types/users";
import { assignableRoles, handleUserAction } from "../../services/users/users.server";
import { readForm } from "../../server/http.server";

export const meta = () => [{ title: "ผู้ใช้งาน — ITA Survey" }];

const OTHER_AGENCY = {
  field: "agencyId",
  message: "You are working in another agency: add the user there, or stop working in it first.",
  messageTh: "ท่านกำลังทำงานในนามหน่วยงานอื่นอยู่ เพิ่มผู้ใช้ได้เฉพาะของหน่วยงานนั้น หรือเลิกทำงานในนามหน่วยงานนั้นก่อน",
};

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.manageUsers });
  const db = await getDb();
  const scope = agencyScope(user);
  // A super-administrator working in one agency sees and adds that agency's users only.
  const acting = user.role === "super" && scope ? await findAgency(db, scope) : undefined;
  const agencies =
    user.role === "super"
      ? (acting ? [acting] : await listAgencies(db)).map((a) => ({ id: a.id, name_th: a.name_th }))
      : undefined;
  return {
    users: await listUsers(db, scope),
    roles: assignableRoles(user),
    agencies,
    showAgency: user.role === "super" && !scope,
    self: user.email,
  };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request, { roles: ROLES.manageUsers });
  const form = await readForm(request);
  const scope = agencyScope(user);
  const chosen = user.role === "super" ? String(form.get("agencyId") ?? "") || null : null;
  if (user.role === "super" && scope && chosen && chosen !== scope)
    return data({ ok: false as const, errors: [OTHER_AGENCY] }, { status: 400 });
  const agencyId = scope ?? chosen;
  const result = await handleUserAction(await getDb(), user, form, agencyId);
  return data(result, { status: result.ok ? 200 : 400 });
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
