import type { Provenance } from "../ita/framework";
import { frameworkName } from "../lib/frameworks";
import { useT } from "../lib/i18n";

const STATUS = {
  stated: { th: "ยืนยันจากแหล่งข้อมูล", en: "stated by a source" },
  inferred: { th: "อนุมานจากแหล่งรอง", en: "inferred from secondary sources" },
  uncertain: { th: "ยังไม่ยืนยัน", en: "not confirmed" },
} as const;

/**
 * What a framework year says is not confirmed about the parts a page shows (its OIT list, its questionnaires,
 * its weights): one notice, nothing when every part shown is stated. The data is the framework's `provenance`.
 */
export function FrameworkNotes({
  framework,
  notes,
  parts,
}: {
  framework: string;
  notes: readonly Provenance[];
  parts: readonly Provenance["part"][];
}) {
  const t = useT();
  const shown = notes.filter((n) => parts.includes(n.part) && n.status !== "stated");
  if (!shown.length) return null;
  return (
    <details className="notice small" data-testid="framework-notes">
      <summary>
        {t({
          th: `ข้อมูลบางส่วนของ${frameworkName(framework).th} ยังไม่ยืนยันกับคู่มือทางการ`,
          en: `Parts of the ${frameworkName(framework).en} are not confirmed by an official handbook`,
        })}
      </summary>
      <ul>
        {shown.map((n) => (
          <li key={n.part}>
            <strong>{t(STATUS[n.status])}:</strong> {t({ th: n.noteTh, en: n.noteEn })}
          </li>
        ))}
      </ul>
    </details>
  );
}
