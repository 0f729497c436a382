import { useEffect, useRef } from "react";
import { Form, useActionData } from "react-router";
import { AdminError } from "../../components/admin-error";
import { fieldMessage, FormErrors } from "../../components/form-errors";
import { useT, pageTitle } from "../../lib/i18n";
import { ROLES, roleLabel } from "../../lib/roles";
import { requireUser, sessionIdOf } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { formInput, invalidForm, readForm } from "../../server/http.server";
import { changeOwnPassword, getProfile } from "../../services/users/profile.server";
import type { Route } from "./+types/profile";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, { th: "บัญชีของฉัน", en: "My account" });

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.any });
  return getProfile(await getDb(), user);
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request, { roles: ROLES.any });
  const input = formInput(await readForm(request));
  const result = await changeOwnPassword(await getDb(), user, sessionIdOf(request), input);
  if (!result.ok) return invalidForm(result.errors);
  return { errors: [], sessionsEnded: result.sessionsEnded };
}

export default function Profile({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const result = useActionData<typeof action>();
  const form = useRef<HTMLFormElement>(null);
  const errors = result?.errors;
  const done = result && "sessionsEnded" in result ? result : undefined;
  const { email, name, role, agencyName, actingAgencyName, min, max } = loaderData;
  useEffect(() => {
    if (done) form.current?.reset();
    else if (errors?.length) form.current?.querySelector<HTMLInputElement>(`[name="${errors[0]!.field}"]`)?.focus();
  }, [done, errors]);
  const message = (field: string) => {
    const e = fieldMessage(errors, field);
    return e ? (
      <p className="field-error" id={`${field}-error`}>
        {t({ th: e.messageTh, en: e.message })}
      </p>
    ) : null;
  };
  const invalid = (field: string) =>
    fieldMessage(errors, field) ? { "aria-invalid": true, "aria-describedby": `${field}-error` } : {};
  return (
    <>
      <h1>{t({ th: "บัญชีของฉัน", en: "My account" })}</h1>
      <dl className="card profile" data-testid="profile">
        <dt>{t({ th: "อีเมล", en: "Email" })}</dt>
        <dd>{email}</dd>
        {name ? (
          <>
            <dt>{t({ th: "ชื่อ", en: "Name" })}</dt>
            <dd>{name}</dd>
          </>
        ) : null}
        <dt>{t({ th: "บทบาท", en: "Role" })}</dt>
        <dd data-testid="profile-role">{t(roleLabel(role))}</dd>
        <dt>{t({ th: "หน่วยงาน", en: "Agency" })}</dt>
        <dd data-testid="profile-agency">
          {agencyName ??
            (actingAgencyName
              ? t({
                  th: `ทุกหน่วยงาน (ขณะนี้ทำงานในนาม ${actingAgencyName})`,
                  en: `All agencies (now working in ${actingAgencyName})`,
                })
              : t({ th: "ทุกหน่วยงาน (ผู้ดูแลระบบกลาง)", en: "All agencies (super-administrator)" }))}
        </dd>
      </dl>

      <h2>{t({ th: "เปลี่ยนรหัสผ่าน", en: "Change password" })}</h2>
      <p className="muted">
        {t({
          th: "เมื่อเปลี่ยนรหัสผ่านแล้ว ระบบจะออกจากระบบในเครื่องอื่นทั้งหมด เครื่องนี้ยังใช้งานต่อได้",
          en: "Changing the password signs you out everywhere else; this browser stays signed in.",
        })}
      </p>
      {done ? (
        <p className="success" role="status" data-testid="password-changed">
          {t({
            th: `เปลี่ยนรหัสผ่านเรียบร้อยแล้ว ออกจากระบบในเครื่องอื่น ${done.sessionsEnded} เครื่อง`,
            en: `Your password is changed. Signed out of ${done.sessionsEnded} other session(s).`,
          })}
        </p>
      ) : null}
      <FormErrors
        errors={errors}
        inline
        summary={{
          th: "ยังไม่ได้เปลี่ยนรหัสผ่าน กรุณาแก้ไขช่องที่แจ้งไว้",
          en: "The password was not changed: see the fields marked.",
        }}
      />
      <Form method="post" className="card narrow-form" ref={form}>
        <label htmlFor="current">{t({ th: "รหัสผ่านปัจจุบัน", en: "Current password" })}</label>
        <input
          id="current"
          name="current"
          type="password"
          autoComplete="current-password"
          required
          maxLength={max}
          {...invalid("current")}
        />
        {message("current")}
        <label htmlFor="password">
          {t({ th: `รหัสผ่านใหม่ (อย่างน้อย ${min} ตัวอักษร)`, en: `New password (at least ${min} characters)` })}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={min}
          maxLength={max}
          {...invalid("password")}
        />
        {message("password")}
        <label htmlFor="confirm">{t({ th: "พิมพ์รหัสผ่านใหม่อีกครั้ง", en: "Repeat the new password" })}</label>
        <input
          id="confirm"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          minLength={min}
          maxLength={max}
          {...invalid("confirm")}
        />
        {message("confirm")}
        <div className="actions">
          <button type="submit" className="button primary">
            {t({ th: "เปลี่ยนรหัสผ่าน", en: "Change password" })}
          </button>
        </div>
      </Form>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
