import { Form, Link, redirect } from "react-router";
import { AdminError } from "../../components/admin-error";
import { DataName, DataOption } from "../../components/data-name";
import { FormErrors } from "../../components/form-errors";
import { GroupForm } from "../../components/group-form";
import { pageTitle, useT } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import {
  changeMembership,
  createSupervisor,
  deleteGroup,
  getGroupPage,
  updateGroup,
} from "../../services/groups/groups.server";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { formInput, invalidForm, readForm } from "../../server/http.server";
import type { Route } from "./+types/group";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, { th: "กลุ่มหน่วยงาน", en: "Agency group" });

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.manageGroups });
  return getGroupPage(await getDb(), user, params.groupId);
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request, { roles: ROLES.manageGroups });
  const db = await getDb();
  const input = formInput(await readForm(request));
  switch (input.intent) {
    case "update": {
      const result = await updateGroup(db, user, params.groupId, input);
      if (!result.ok) return invalidForm(result.errors, { form: "update" as const });
      return { done: "update" as const };
    }
    case "delete": {
      const result = await deleteGroup(db, user, params.groupId);
      if (!result.ok) return invalidForm(result.errors, { form: "delete" as const });
      throw redirect("/admin/groups");
    }
    case "add-member":
    case "remove-member": {
      const result = await changeMembership(
        db,
        user,
        params.groupId,
        input,
        input.intent === "add-member" ? "add" : "remove",
      );
      if (!result.ok) return invalidForm(result.errors, { form: "member" as const });
      return { done: "member" as const };
    }
    case "supervisor": {
      const result = await createSupervisor(db, user, params.groupId, input);
      if (!result.ok) return invalidForm(result.errors, { form: "supervisor" as const });
      return { done: "supervisor" as const, email: result.email, link: result.link };
    }
    default:
      return invalidForm([{ field: "intent", message: "Unknown action.", messageTh: "ไม่รู้จักคำสั่งนี้" }], {
        form: "intent" as const,
      });
  }
}

export default function GroupPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { group, parents, members, supervisors, candidates } = loaderData;
  const errorsOf = (form: string) =>
    actionData && "errors" in actionData && "form" in actionData && actionData.form === form ? actionData.errors : [];
  const created = actionData && "link" in actionData ? actionData : null;
  return (
    <>
      <p className="muted">
        <Link to="/admin/groups">{t({ th: "← กลุ่มทั้งหมด", en: "← All groups" })}</Link> ·{" "}
        <Link to={`/supervise/groups/${group.id}`}>{t({ th: "ดูภาพรวมกลุ่ม", en: "Group overview" })}</Link>
      </p>
      <h1>
        <DataName th={group.nameTh} en={group.nameEn} />
      </h1>
      <FormErrors errors={errorsOf("intent")} />
      {actionData && "done" in actionData && actionData.done === "update" ? (
        <p className="success" role="status">
          {t({ th: "บันทึกแล้ว", en: "Saved." })}
        </p>
      ) : null}

      <section className="card">
        <h2>{t({ th: "หน่วยงานในกลุ่มนี้", en: "Agencies in this group" })}</h2>
        <FormErrors errors={errorsOf("member")} />
        {members.length === 0 ? (
          <p className="muted">{t({ th: "ยังไม่มีหน่วยงาน", en: "No agencies yet." })}</p>
        ) : (
          <ul data-testid="group-members">
            {members.map((m) => (
              <li key={m.id}>
                <DataName th={m.nameTh} en={m.nameEn} />{" "}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="remove-member" />
                  <input type="hidden" name="agency_id" value={m.id} />
                  <button type="submit" className="link-button">
                    {t({ th: "นำออก", en: "Remove" })}
                    <span className="visually-hidden">
                      {" "}
                      <DataName th={m.nameTh} en={m.nameEn} />
                    </span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        {candidates.length ? (
          <Form method="post" className="stack-form">
            <input type="hidden" name="intent" value="add-member" />
            <label htmlFor="agency_id">{t({ th: "เพิ่มหน่วยงาน", en: "Add an agency" })}</label>
            <select id="agency_id" name="agency_id" required defaultValue="">
              <option value="" disabled>
                {t({ th: "— เลือกหน่วยงาน —", en: "— choose an agency —" })}
              </option>
              {candidates.map((a) => (
                <DataOption key={a.id} value={a.id} nameTh={a.nameTh} nameEn={a.nameEn} />
              ))}
            </select>
            <button type="submit" className="button">
              {t({ th: "เพิ่มเข้ากลุ่ม", en: "Add to group" })}
            </button>
          </Form>
        ) : null}
      </section>

      <section className="card">
        <h2>{t({ th: "ผู้กำกับดูแลกลุ่ม", en: "Supervisors" })}</h2>
        <p className="muted">
          {t({
            th: "ผู้กำกับดูแลเห็นความคืบหน้าและผลของทุกหน่วยงานในกลุ่มนี้และกลุ่มย่อย (ผล IIT เมื่อหน่วยงานประกาศผลแล้วเท่านั้น) แต่เข้าหน้าผู้ดูแลของหน่วยงานใดไม่ได้",
            en: "A supervisor sees the progress and results of every agency in this group and below (IIT only once released), and no agency's admin pages.",
          })}
        </p>
        {supervisors.length ? (
          <ul data-testid="group-supervisors">
            {supervisors.map((s) => (
              <li key={s.id}>
                {s.email}
                {s.name ? ` (${s.name})` : ""}
                {s.disabled ? ` · ${t({ th: "ระงับแล้ว", en: "disabled" })}` : ""}
              </li>
            ))}
          </ul>
        ) : null}
        {created ? (
          <div className="success" role="status">
            <p>
              {t({
                th: `เพิ่ม ${created.email} แล้ว ส่งลิงก์นี้ให้เจ้าของบัญชีเพื่อตั้งรหัสผ่าน (ใช้ได้ครั้งเดียว ภายใน 72 ชั่วโมง และจะไม่แสดงอีก):`,
                en: `Added ${created.email}. Give this link to the account's owner to set a password (single use, within 72 hours; it is not shown again):`,
              })}
            </p>
            <code className="one-time-link" data-testid="password-link">
              {created.link}
            </code>
          </div>
        ) : null}
        <FormErrors errors={errorsOf("supervisor")} />
        <Form method="post" className="form-grid">
          <input type="hidden" name="intent" value="supervisor" />
          <div>
            <label htmlFor="sup-email">{t({ th: "อีเมล", en: "Email" })}</label>
            <input id="sup-email" name="email" type="email" required maxLength={254} />
          </div>
          <div>
            <label htmlFor="sup-name">
              {t({ th: "ชื่อ", en: "Name" })} <span className="hint">{t({ th: "(ไม่บังคับ)", en: "(optional)" })}</span>
            </label>
            <input id="sup-name" name="name" maxLength={200} />
          </div>
          <div>
            <button type="submit" className="button primary">
              {t({ th: "เพิ่มผู้กำกับดูแล", en: "Add supervisor" })}
            </button>
          </div>
        </Form>
      </section>

      <section className="card">
        <h2>{t({ th: "แก้ไขกลุ่ม", en: "Edit group" })}</h2>
        <GroupForm
          intent="update"
          values={group}
          parents={parents}
          errors={errorsOf("update")}
          submit={{ th: "บันทึก", en: "Save" }}
        />
      </section>

      <section className="card">
        <h2>{t({ th: "ลบกลุ่ม", en: "Delete group" })}</h2>
        <FormErrors errors={errorsOf("delete")} />
        <Form method="post">
          <input type="hidden" name="intent" value="delete" />
          <button type="submit" className="button danger">
            {t({ th: "ลบกลุ่มนี้", en: "Delete this group" })}
          </button>
        </Form>
      </section>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
