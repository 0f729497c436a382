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

/** The same choice for an <option> (text only: an indent, then the name), with the lang attribute it needs. */
export function DataOption({
  value,
  nameTh,
  nameEn,
  indent = "",
}: {
  value: string;
  nameTh: string;
  nameEn?: string | null;
  indent?: string;
}) {
  const lang = useLang();
  const english = lang === "en" && nameEn;
  return (
    <option value={value} lang={lang === "en" && !english ? "th" : undefined}>
      {indent}
      {english ? nameEn : nameTh}
    </option>
  );
}
