import type { Text } from "./i18n";

export type Role = "super" | "admin" | "clerk" | "viewer";

const LABELS: Record<Role, Text> = {
  super: { th: "ผู้ดูแลระบบกลาง", en: "Super-administrator" },
  admin: { th: "ผู้ดูแลของหน่วยงาน", en: "Agency administrator" },
  clerk: { th: "เจ้าหน้าที่บันทึกข้อมูล", en: "Data-entry clerk" },
  viewer: { th: "ผู้ดูผลการประเมิน", en: "Results viewer" },
};

/** The Thai/English name of a role, for the interface. */
export function roleLabel(role: string): Text {
  return LABELS[role as Role] ?? { th: role, en: role };
}
