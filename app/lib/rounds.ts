import type { Text } from "./i18n";

/** A round's life: draft (not accepting answers) → open → closed (a closed round may be re-opened). */
export const ROUND_STATUSES = ["draft", "open", "closed"] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** How staff reach the IIT: one PIN for the agency, or one-time codes per person. */
export const IIT_ACCESS_KINDS = ["pin", "codes"] as const;
export type IitAccess = (typeof IIT_ACCESS_KINDS)[number];

export const ROUND_STATUS_LABELS: Record<RoundStatus, Text> = {
  draft: { th: "ร่าง (ยังไม่เปิดรับคำตอบ)", en: "Draft (not accepting answers)" },
  open: { th: "เปิดรับคำตอบ", en: "Open" },
  closed: { th: "ปิดแล้ว", en: "Closed" },
};

/** The settings of a round an administrator edits, as the round form shows them (the rounds service's view). */
export interface RoundSettingsValues {
  title: string | null;
  fiscalYear: number;
  framework: string;
  status: RoundStatus;
  opensOn: string | null;
  closesOn: string | null;
  iitAccess: IitAccess;
  pin: string | null;
  strengthLine: number;
  targetLine: number;
  minIit: number;
  minEit: number;
}

/**
 * What a round is called on every screen (issue 16): its agency (when the page does not already say it), its
 * fiscal year in พ.ศ. and its title when it has one; never its slug. `nth` tells apart rounds of one agency and
 * year without a title ("รอบที่ 2").
 */
export function roundLabel(
  round: { agencyName?: string | null; fiscalYear: number; title: string | null; nth?: number | null },
  lang: "th" | "en",
): string {
  const year =
    lang === "th"
      ? `ปีงบประมาณ พ.ศ. ${round.fiscalYear}`
      : `${round.agencyName ? "fiscal" : "Fiscal"} year ${round.fiscalYear}`;
  const parts = [round.agencyName || null, year];
  if (round.title) parts.push(round.title);
  else if (round.nth) parts.push(lang === "th" ? `รอบที่ ${round.nth}` : `round ${round.nth}`);
  return parts.filter(Boolean).join(" · ");
}

/**
 * `nth` for each round of a list: 1, 2… among the rounds of the same agency and fiscal year that have no title,
 * in the order given; null where the agency, year and title already tell the round apart.
 */
export function numberUntitled<T extends { agencyId: string; fiscalYear: number; title: string | null }>(
  rounds: T[],
): (T & { nth: number | null })[] {
  const key = (r: T) => `${r.agencyId}|${r.fiscalYear}`;
  const untitled = new Map<string, number>();
  for (const r of rounds) if (!r.title) untitled.set(key(r), (untitled.get(key(r)) ?? 0) + 1);
  const seen = new Map<string, number>();
  return rounds.map((r) => {
    if (r.title || (untitled.get(key(r)) ?? 0) < 2) return { ...r, nth: null };
    const nth = (seen.get(key(r)) ?? 0) + 1;
    seen.set(key(r), nth);
    return { ...r, nth };
  });
}
