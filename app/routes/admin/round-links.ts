import { ROLES, type Role } from "../../lib/roles";
import type { Text } from "../../lib/i18n";

export interface RoundLink {
  /** Path under the round, e.g. "oit" → /admin/rounds/:roundId/oit. */
  path: string;
  label: Text;
  /** Roles that see the link; the linked route's own guard is what protects it. */
  roles: readonly Role[];
}

// The round page's list of sections. Add one line per feature (keep the order of the officer's work:
// set up, collect, check, read results, report).
export const ROUND_LINKS: RoundLink[] = [
  { path: "settings", label: { th: "ตั้งค่ารอบการประเมิน", en: "Round settings" }, roles: ROLES.manageRounds },
  {
    path: "channels",
    label: { th: "ช่องทาง EIT และโปสเตอร์คิวอาร์โค้ด", en: "EIT channels and QR posters" },
    roles: ROLES.manageRounds,
  },
  {
    path: "access",
    label: { th: "รหัสเข้าตอบ IIT (PIN หรือรหัสใช้ครั้งเดียว)", en: "IIT access (PIN or one-time codes)" },
    roles: ROLES.manageRounds,
  },
  {
    path: "entry",
    label: { th: "บันทึกคำตอบจากกระดาษหรือโทรศัพท์", en: "Key in paper and phone answers" },
    roles: ROLES.paperEntry,
  },
  {
    path: "entries",
    label: { th: "แบบสอบถาม EIT ที่บันทึกแล้ว (ค้นหา แก้ไข ยกเลิก)", en: "Keyed-in EIT sheets (find, correct, void)" },
    roles: ROLES.paperEntry,
  },
  {
    path: "oit",
    label: { th: "แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)", en: "Open data checklist (OIT)" },
    roles: ROLES.readResults,
  },
  {
    path: "progress",
    label: { th: "ความคืบหน้าการตอบ", en: "Response progress" },
    roles: ROLES.any,
  },
  {
    path: "results",
    label: { th: "ผลการประเมินและส่งออกข้อมูลคำตอบ", en: "Results and response exports" },
    roles: ROLES.readResults,
  },
  {
    path: "report",
    label: { th: "รายงานมาตรการส่งเสริมคุณธรรมและความโปร่งใส", en: "Integrity measures report" },
    roles: ["admin", "viewer"],
  },
];
