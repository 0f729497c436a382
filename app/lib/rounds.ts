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
