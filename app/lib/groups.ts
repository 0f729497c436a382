import type { Text } from "./i18n";

/** The kinds of agency group (decision 0011); groups of any kind nest (country → province → district). */
export const GROUP_KINDS = ["country", "province", "district", "ministry", "department", "other"] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

const LABELS: Record<GroupKind, Text> = {
  country: { th: "ประเทศ", en: "Country" },
  province: { th: "จังหวัด", en: "Province" },
  district: { th: "อำเภอ", en: "District" },
  ministry: { th: "กระทรวง", en: "Ministry" },
  department: { th: "กรม", en: "Department" },
  other: { th: "อื่น ๆ", en: "Other" },
};

/** The Thai/English name of a group kind. */
export function groupKindLabel(kind: string): Text {
  return LABELS[kind as GroupKind] ?? { th: kind, en: kind };
}
