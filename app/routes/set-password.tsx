import { data, Form } from "react-router";
import { SiteHeader } from "../components/site-header";
import { pageTitle, useT } from "../lib/i18n";
import { getPasswordLink, setPasswordWithLink } from "../services/users/password-links.server";
import { requireSameOrigin } from "../server/auth.server";
import { getDb } from "../server/db.server";
import { formInput, INVALID_FORM_STATUS, readForm } from "../server/http.server";
import type { Route } from "./+types/set-password";

export function meta({ matches }: Route.MetaArgs) {
  return [
    ...pageTitle(matches, { th: "ตั้งรหัสผ่าน", en: "Set your password" }),
    { name: "referrer", content: "no-referrer" },
  ];
}

export async function loader({ params }: Route.LoaderArgs) {
  return getPasswordLink(await getDb(), params.token);
}

export async function action({ request, params }: Route.ActionArgs) {
  requireSameOrigin(request);
  const input = formInput(await readForm(request));
  const result = await setPasswordWithLink(await getDb(), params.token, input);
  if (!result.ok)
    return data({ problem: result.problem }, { status: result.problem === "expired" ? 410 : INVALID_FORM_STATUS });
  return { done: true as const };
}

export default function SetPassword({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const problem = actionData && "problem" in actionData ? actionData.problem : null;
  const done = actionData && "done" in actionData;
  const { min, max } = loaderData;
  return (
    <>
      <SiteHeader />
      <main className="page narrow">
        <h1>{t({ th: "ตั้งรหัสผ่าน", en: "Set your password" })}</h1>
        {done ? (
          <p className="success" role="status">
            {t({ th: "ตั้งรหัสผ่านเรียบร้อยแล้ว ", en: "Your password is set. " })}
            <a href="/login">{t({ th: "เข้าสู่ระบบ", en: "Sign in" })}</a>
          </p>
        ) : !loaderData.valid || problem === "expired" ? (
          <p className="error" role="alert">
            {t({
              th: "ลิงก์นี้ใช้ไม่ได้แล้ว (ใช้ไปแล้ว หมดอายุ หรือไม่ถูกต้อง) โปรดขอลิงก์ใหม่จากผู้ดูแลระบบของหน่วยงาน",
              en: "This link no longer works (used, expired or wrong). Ask your agency's administrator for a new one.",
            })}
          </p>
        ) : (
          <Form method="post">
            <p>
              {t({ th: "บัญชี: ", en: "Account: " })}
              <strong>{loaderData.email}</strong>
            </p>
            {problem ? (
              <p className="error" role="alert">
                {problem === "length"
                  ? t({
                      th: `รหัสผ่านต้องยาว ${min}–${max} ตัวอักษร`,
                      en: `The password must be ${min}–${max} characters long.`,
                    })
                  : t({ th: "รหัสผ่านทั้งสองช่องไม่ตรงกัน", en: "The two passwords differ." })}
              </p>
            ) : null}
            <label htmlFor="password">
              {t({ th: "รหัสผ่านใหม่ (อย่างน้อย 8 ตัวอักษร)", en: "New password (at least 8 characters)" })}
            </label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="new-password"
              required
              minLength={min}
              maxLength={max}
            />
            <label htmlFor="confirm">{t({ th: "พิมพ์รหัสผ่านอีกครั้ง", en: "Repeat the password" })}</label>
            <input
              id="confirm"
              name="confirm"
              type="password"
              autoComplete="new-password"
              required
              minLength={min}
              maxLength={max}
            />
            <div className="actions">
              <button type="submit" className="button primary">
                {t({ th: "บันทึกรหัสผ่าน", en: "Save password" })}
              </button>
            </div>
          </Form>
        )}
      </main>
    </>
  );
}
