import { useRouteLoaderData } from "react-router";

export type Lang = "th" | "en";
export type Text = { th: string; en: string };

export const LANG_COOKIE = "lang";

/** The visitor's language from the `lang` cookie; Thai unless English was chosen. */
export function langFromRequest(request: Request): Lang {
  const cookie = request.headers.get("cookie") ?? "";
  return /(?:^|;\s*)lang=en(?:;|$)/.test(cookie) ? "en" : "th";
}

export function useLang(): Lang {
  const data = useRouteLoaderData("root") as { lang?: Lang } | undefined;
  return data?.lang ?? "th";
}

/** Picks the visitor's language from a {th, en} pair. */
export function useT(): (text: Text) => string {
  const lang = useLang();
  return (text) => text[lang];
}

/** Thai-first strings shared by the page chrome. */
export const common = {
  appName: { th: "ITA Survey — ประเมินคุณธรรมและความโปร่งใส", en: "ITA Survey — Integrity & Transparency Assessment" },
  appShort: { th: "ITA Survey", en: "ITA Survey" },
  switchLang: { th: "English", en: "ภาษาไทย" },
  signIn: { th: "เข้าสู่ระบบเจ้าหน้าที่", en: "Staff sign-in" },
  notFoundTitle: { th: "ไม่พบหน้าที่ต้องการ", en: "Page not found" },
  notFoundBody: {
    th: "ขออภัย ไม่พบหน้าที่ท่านเรียก อาจพิมพ์ที่อยู่ผิดหรือหน้านี้ถูกย้ายแล้ว",
    en: "Sorry, we could not find that page. The address may be mistyped or the page has moved.",
  },
  errorTitle: { th: "ขออภัย ระบบขัดข้องชั่วคราว", en: "Sorry, something went wrong" },
  errorBody: {
    th: "กรุณาลองใหม่อีกครั้งในอีกสักครู่ หากยังพบปัญหา โปรดแจ้งเจ้าหน้าที่ของหน่วยงาน",
    en: "Please try again in a moment. If the problem persists, contact the agency's staff.",
  },
  backHome: { th: "กลับหน้าแรก", en: "Back to the home page" },
} satisfies Record<string, Text>;

/** The language a route's meta function should use: the root loader's (Thai unless English was chosen). */
export function metaLang(matches: readonly unknown[]): Lang {
  for (const m of matches) {
    const match = m as { id?: string; data?: { lang?: unknown } } | undefined;
    if (match?.id === "root") return match.data?.lang === "en" ? "en" : "th";
  }
  return "th";
}

/** A route's page title in the visitor's language: "<title> — ITA Survey" (issue 16: English mode everywhere). */
export function pageTitle(matches: readonly unknown[], text: Text): { title: string }[] {
  return [{ title: `${text[metaLang(matches)]} — ITA Survey` }];
}
