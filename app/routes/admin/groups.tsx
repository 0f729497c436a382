import { Link, redirect } from "react-router";
import { AdminError } from "../../components/admin-error";
import { DataName } from "../../components/data-name";
import { GroupForm } from "../../components/group-form";
import { groupKindLabel } from "../../lib/groups";
import { pageTitle, useT } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { createGroup, getGroupsPage } from "../../services/groups/groups.server";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { formInput, invalidForm, readForm } from "../../server/http.server";
import type { Route } from "./+types/groups";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, { th: "กลุ่มหน่วยงาน", en: "Agency groups" });

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.manageGroups });
  return getGroupsPage(await getDb(), user);
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request, { roles: ROLES.manageGroups });
  const result = await createGroup(await getDb(), user, formInput(await readForm(request)));
  if (!result.ok) return invalidForm(result.errors);
  throw redirect(`/admin/groups/${result.id}`);
}

export default function Groups({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { groups } = loaderData;
  return (
    <>
      <h1>{t({ th: "กลุ่มหน่วยงาน", en: "Agency groups" })}</h1>
      <p className="muted">
        {t({
          th: "กลุ่มหน่วยงาน เช่น จังหวัด อำเภอ กระทรวง กรม ซ้อนกันได้ หน่วยงานหนึ่งอยู่ได้หลายกลุ่ม ผู้กำกับดูแลของกลุ่มเห็นหน่วยงานในกลุ่มนั้นและกลุ่มย่อยทั้งหมด",
          en: "Groups such as provinces, districts, ministries and departments nest; an agency may be in several. A group's supervisor sees its agencies and those of every group below it.",
        })}{" "}
        <Link to="/supervise">{t({ th: "ดูภาพรวมกลุ่ม", en: "Group overview" })}</Link>
      </p>
      {groups.length === 0 ? (
        <p className="notice">{t({ th: "ยังไม่มีกลุ่มหน่วยงาน", en: "No groups yet." })}</p>
      ) : (
        <ul className="group-tree" data-testid="group-tree">
          {groups.map((g) => (
            <li key={g.id} style={{ paddingInlineStart: `${g.depth * 1.5}rem` }}>
              <Link to={`/admin/groups/${g.id}`}>
                <DataName th={g.nameTh} en={g.nameEn} />
              </Link>{" "}
              <span className="muted">· {t(groupKindLabel(g.kind))}</span>
            </li>
          ))}
        </ul>
      )}
      <section className="card">
        <h2>{t({ th: "เพิ่มกลุ่ม", en: "Add a group" })}</h2>
        <GroupForm
          intent="create"
          parents={groups}
          errors={actionData?.errors}
          submit={{ th: "เพิ่มกลุ่ม", en: "Add group" }}
        />
      </section>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
