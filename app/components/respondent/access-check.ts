import type { Lang } from "../../lib/i18n";

export type Access = { pin: string } | { accessCode: string };

export type AccessCheck = { ok: true } | { ok: false; message: string };

/**
 * Asks POST /api/access-check whether the IIT would take this PIN or code, before 30 questions are
 * answered. Progressive: when the check cannot be made (no network, a server fault) the person goes
 * on as before, and the submission checks again.
 */
export async function checkAccess(round: string, access: Access, lang: Lang): Promise<AccessCheck> {
  let res: Response;
  try {
    res = await fetch("/api/access-check", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ round, ...access }),
      cache: "no-store",
    });
  } catch {
    return { ok: true };
  }
  if (![403, 404, 409, 429].includes(res.status)) return { ok: true };
  const answer = (await res.json().catch(() => null)) as { error?: string; errorTh?: string } | null;
  const message = (lang === "en" ? answer?.error : answer?.errorTh) ?? answer?.errorTh;
  return { ok: false, message: message || (lang === "en" ? "The code is not valid" : "รหัสไม่ถูกต้อง") };
}
