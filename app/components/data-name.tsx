import { useLang } from "../lib/i18n";

/**
 * A name people typed (an agency's, a group's): its English form on an English page when it has one, else the
 * Thai as typed, marked lang="th" on an English page (decision 0016: data stays Thai, and says so).
 */
export function DataName({ th, en }: { th: string; en?: string | null }) {
  const lang = useLang();
  if (lang === "th") return <>{th}</>;
  return en ? <>{en}</> : <span lang="th">{th}</span>;
}

/** The same choice for an <option>, which holds text only: its label and the lang attribute it needs. */
export function useDataOption(): (name: { nameTh: string; nameEn?: string | null }) => {
  label: string;
  lang: "th" | undefined;
} {
  const lang = useLang();
  return ({ nameTh, nameEn }) =>
    lang === "en" && nameEn
      ? { label: nameEn, lang: undefined }
      : { label: nameTh, lang: lang === "en" ? "th" : undefined };
}
