import { data, Form, redirect, useNavigation } from "react-router";
import { SiteHeader } from "../components/site-header";
import { common, pageTitle, useT } from "../lib/i18n";
import { signIn } from "../services/users/sign-in.server";
import { getUser, requireSameOrigin } from "../server/auth.server";
import { getDb } from "../server/db.server";
import { readForm, sameOriginPath } from "../server/http.server";
import type { Route } from "./+types/login";

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, common.signIn);
}

export async function loader({ request }: Route.LoaderArgs) {
  const next = sameOriginPath(new URL(request.url).searchParams.get("next"), "/admin");
  if (await getUser(request)) throw redirect(next);
  return { next };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireSameOrigin(request);
  const form = await readForm(request);
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  const next = sameOriginPath(form.get("next"), "/admin");
  const result = await signIn(await getDb(), { email, password, address: context.clientAddress || "unknown" });
  if (!result.ok) return data({ failed: true, email }, { status: 401 });
  return redirect(next, { headers: { "Set-Cookie": result.cookie } });
}

export default function Login({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <SiteHeader />
      <main className="page narrow">
        <h1>{t({ th: "เข้าสู่ระบบเจ้าหน้าที่", en: "Staff sign-in" })}</h1>
        <p className="muted">
          {t({
            th: "สำหรับเจ้าหน้าที่ผู้ดูแลการประเมินของหน่วยงานเท่านั้น ผู้ตอบแบบสอบถามไม่ต้องเข้าสู่ระบบ",
            en: "For the agency's assessment officers only. Respondents do not need to sign in.",
          })}
        </p>
        {actionData?.failed ? (
          <p className="error" role="alert">
            {t({
              th: "เข้าสู่ระบบไม่สำเร็จ: อีเมลหรือรหัสผ่านไม่ถูกต้อง หรือบัญชีถูกระงับชั่วคราวเพราะใส่รหัสผ่านผิดหลายครั้ง (รอ 15 นาทีแล้วลองใหม่)",
              en: "Sign-in failed: wrong email or password, or the account is locked for a while after repeated wrong passwords (wait 15 minutes).",
            })}
          </p>
        ) : null}
        <Form method="post" className="stack-form">
          <input type="hidden" name="next" value={loaderData.next} />
          <label htmlFor="email">{t({ th: "อีเมล", en: "Email" })}</label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            maxLength={254}
            defaultValue={actionData?.email ?? ""}
          />
          <label htmlFor="password">{t({ th: "รหัสผ่าน", en: "Password" })}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={200}
          />
          <div className="actions">
            <button type="submit" className="button primary" disabled={busy}>
              {t({ th: "เข้าสู่ระบบ", en: "Sign in" })}
            </button>
          </div>
        </Form>
        <p className="muted">
          {t({
            th: "ลืมรหัสผ่าน? โปรดติดต่อผู้ดูแลระบบของหน่วยงานเพื่อขอลิงก์ตั้งรหัสผ่านใหม่",
            en: "Forgot your password? Ask your agency's administrator for a new set-password link.",
          })}
        </p>
      </main>
    </>
  );
}
