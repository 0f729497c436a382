import { Form, Link } from "react-router";
import { AdminError } from "../../components/admin-error";
import { AgencyForm } from "../../components/agency-form";
import { NewUserForm, UserActionNotice, UserTable } from "../../components/user-admin";
import { useT, pageTitle } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { getAgency, updateAgency } from "../../services/agencies.server";
import { handleUserAction, listUsers } from "../../services/users/users.server";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { formInput, invalidForm, readForm } from "../../server/http.server";
import type { Route } from "./+types/agency";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, { th: "หน่วยงาน", en: "Agency" });

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.manageAgencies });
  const db = await getDb();
  const agency = await getAgency(db, user, params.agencyId);
  return { agency, users: await listUsers(db, user, agency.id), self: user.email };
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request, { roles: ROLES.manageAgencies });
  const db = await getDb();
  const agency = await getAgency(db, user, params.agencyId);
  const form = await readForm(request);
  if (form.get("intent") === "agency") {
    const result = await updateAgency(db, user, agency.id, formInput(form));
    if (!result.ok) return invalidForm(result.errors, { form: "agency" as const });
    return { saved: true };
  }
  const result = await handleUserAction(db, user, formInput(form), { agencyId: agency.id });
  if (!result.ok) return invalidForm(result.errors, { form: "user" as const });
  return { user: result };
}

export default function AgencyPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { agency, users, self } = loaderData;
  const refused = actionData && "form" in actionData ? actionData : undefined;
  const userResult =
    actionData && "user" in actionData
      ? actionData.user
      : refused?.form === "user"
        ? { ok: false as const, errors: refused.errors }
        : undefined;
  return (
    <>
      <p className="muted">
        <Link to="/admin/agencies">{t({ th: "← หน่วยงานทั้งหมด", en: "← All agencies" })}</Link>
      </p>
      <h1>{agency.nameTh}</h1>
      <section className="card no-print" data-testid="act-in-agency">
        {agency.actingHere ? (
          <p>
            {t({
              th: "ท่านกำลังทำงานในนามหน่วยงานนี้ จึงเปิดผลอย่างเป็นทางการและรายงานมาตรการของหน่วยงานนี้ได้",
              en: "You are working in this agency: its official results and measures reports are open to you.",
            })}{" "}
            <a href="/admin/official">{t({ th: "ผลอย่างเป็นทางการ", en: "Official results" })}</a> ·{" "}
            <a href="/admin/reports">{t({ th: "รายงานมาตรการ", en: "Measures reports" })}</a>
          </p>
        ) : (
          <Form method="post" action="/admin/acting-agency" className="stack-form">
            <p className="muted">
              {t({
                th: "ผู้ดูแลระบบกลางไม่ได้สังกัดหน่วยงานใด หากต้องการบันทึกผลอย่างเป็นทางการหรือจัดทำรายงานมาตรการแทนหน่วยงานนี้ ให้เลือกทำงานในนามหน่วยงานนี้ก่อน (ระบบบันทึกการเลือกไว้ในบันทึกการใช้งาน)",
                en: "A super-administrator belongs to no agency. To enter official results or draft measures reports for this agency, work in its name first (the switch is recorded in the audit log).",
              })}
            </p>
            <input type="hidden" name="intent" value="enter" />
            <input type="hidden" name="agencyId" value={agency.id} />
            <button type="submit" className="button primary">
              {t({ th: "ทำงานในนามหน่วยงานนี้", en: "Work in this agency" })}
            </button>
          </Form>
        )}
      </section>
      {actionData && "saved" in actionData ? (
        <p className="success" role="status">
          {t({ th: "บันทึกข้อมูลหน่วยงานแล้ว", en: "Agency saved." })}
        </p>
      ) : null}
      <UserActionNotice result={userResult} />
      <h2>{t({ th: "ผู้ใช้งานของหน่วยงาน", en: "The agency's users" })}</h2>
      {users.length ? (
        <UserTable users={users} showAgency={false} selfEmail={self} />
      ) : (
        <p className="notice">
          {t({ th: "ยังไม่มีผู้ใช้งาน เพิ่มผู้ดูแลของหน่วยงานด้านล่าง", en: "No users yet: add the agency's administrator below." })}
        </p>
      )}
      <NewUserForm key={userResult?.ok ? (userResult.link ?? "done") : "new"} roles={["admin", "clerk", "viewer"]} />
      <section className="card">
        <h2>{t({ th: "ข้อมูลหน่วยงาน", en: "Agency details" })}</h2>
        <AgencyForm
          intent="agency"
          values={agency}
          errors={refused?.form === "agency" ? refused.errors : undefined}
          submit={{ th: "บันทึกข้อมูลหน่วยงาน", en: "Save agency" }}
        />
      </section>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
