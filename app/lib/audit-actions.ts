import type { Text } from "./i18n";

// What the audit log's action codes mean, for the log page (issue 16): the codes stay in the database and
// the API; people read these words. A code missing here is shown as it is.

export const AUDIT_ACTIONS: Record<string, Text> = {
  "agency.act": { th: "เริ่มทำงานในนามหน่วยงาน", en: "Started working in the agency" },
  "agency.act-leave": { th: "เลิกทำงานในนามหน่วยงาน", en: "Stopped working in the agency" },
  "agency.create": { th: "เพิ่มหน่วยงาน", en: "Added an agency" },
  "agency.update": { th: "แก้ไขข้อมูลหน่วยงาน", en: "Changed an agency" },
  "channel.create": { th: "เพิ่มช่องทาง EIT", en: "Added an EIT channel" },
  "channel.update": { th: "แก้ไขช่องทาง EIT", en: "Changed an EIT channel" },
  "codes.create": { th: "สร้างรหัสเข้าตอบ IIT", en: "Made IIT one-time codes" },
  "group.create": { th: "เพิ่มกลุ่มหน่วยงาน", en: "Added an agency group" },
  "group.delete": { th: "ลบกลุ่มหน่วยงาน", en: "Deleted an agency group" },
  "group.member-add": { th: "เพิ่มหน่วยงานเข้ากลุ่ม", en: "Added an agency to a group" },
  "group.member-remove": { th: "นำหน่วยงานออกจากกลุ่ม", en: "Took an agency out of a group" },
  "group.update": { th: "แก้ไขกลุ่มหน่วยงาน", en: "Changed an agency group" },
  "entry.correct": { th: "แก้ไขคำตอบแบบสอบถามที่บันทึกจากกระดาษ/โทรศัพท์", en: "Corrected a keyed-in sheet" },
  "entry.void": { th: "ยกเลิกแบบสอบถามที่บันทึกจากกระดาษ/โทรศัพท์", en: "Voided a keyed-in sheet" },
  "framework.copy": { th: "คัดลอกกรอบการประเมินเป็นฉบับร่าง", en: "Copied a framework into a draft" },
  "framework.delete": { th: "ลบร่างกรอบการประเมิน", en: "Deleted a framework draft" },
  "framework.import": { th: "นำเข้ากรอบการประเมิน", en: "Imported a framework" },
  "framework.publish": { th: "เผยแพร่กรอบการประเมิน", en: "Published a framework" },
  "framework.replace": { th: "แทนที่ร่างกรอบการประเมินด้วยไฟล์ใหม่", en: "Replaced a framework draft" },
  "official.delete": { th: "ลบผลอย่างเป็นทางการ", en: "Deleted official results" },
  "official.save": { th: "บันทึกผลอย่างเป็นทางการ", en: "Saved official results" },
  "oit.answer": { th: "บันทึกแบบตรวจ OIT", en: "Saved OIT answers" },
  "oit.copy": { th: "คัดลอกแบบตรวจ OIT จากรอบก่อน", en: "Copied the OIT checklist from the previous round" },
  "oit.check-links": { th: "ตรวจลิงก์หลักฐาน OIT", en: "Checked OIT evidence links" },
  "oit.public": { th: "เปิด/ปิดหน้า OIT สาธารณะ", en: "Published or unpublished the OIT page" },
  "report.create": { th: "สร้างรายงานมาตรการ", en: "Created a measures report" },
  "report.delete": { th: "ลบรายงานมาตรการ", en: "Deleted a measures report" },
  "report.edit": { th: "แก้ไขข้อความรายงาน", en: "Edited a report text" },
  "report.reset": { th: "คืนค่าข้อความอัตโนมัติ", en: "Restored an automatic text" },
  "report.measures": { th: "แก้ไขมาตรการและการติดตาม", en: "Changed measures and follow-up" },
  "report.options": { th: "แก้ไขตัวเลือกรายงาน", en: "Changed report options" },
  "round.create": { th: "สร้างรอบการประเมิน", en: "Created a round" },
  "round.delete": { th: "ลบรอบการประเมิน", en: "Deleted a round" },
  "round.pin": { th: "เปลี่ยนรหัส PIN", en: "Changed the PIN" },
  "round.recount": { th: "คำนวณคะแนนใหม่", en: "Recounted the tallies" },
  "round.update": { th: "แก้ไขรอบการประเมิน", en: "Changed a round" },
  "user.create": { th: "เพิ่มผู้ใช้งาน", en: "Added a user" },
  "user.disable": { th: "ระงับผู้ใช้งาน", en: "Disabled a user" },
  "user.enable": { th: "เปิดใช้ผู้ใช้งาน", en: "Enabled a user" },
  "user.link": { th: "ออกลิงก์ตั้งรหัสผ่าน", en: "Issued a set-password link" },
  "user.lock": { th: "ล็อกบัญชี (รหัสผ่านผิดหลายครั้ง)", en: "Locked an account (wrong passwords)" },
  "user.password": { th: "ตั้ง/เปลี่ยนรหัสผ่าน", en: "Set or changed a password" },
  "user.reset-link": { th: "ออกลิงก์ตั้งรหัสผ่านใหม่", en: "Issued a password reset link" },
};

/** The words for an audit action code (the code itself when unknown). */
export function auditActionLabel(action: string): Text {
  return AUDIT_ACTIONS[action] ?? { th: action, en: action };
}

/**
 * An entry's detail as short text: a JSON object becomes "key: value · key: value" (lists joined by commas,
 * nested objects as key=value); any other text is shown as it is.
 */
export function auditDetailText(detail: string | null): string {
  if (!detail) return "";
  let value: unknown;
  try {
    value = JSON.parse(detail);
  } catch {
    return detail;
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return detail;
  const show = (v: unknown): string =>
    Array.isArray(v)
      ? v.map(show).join(", ")
      : v && typeof v === "object"
        ? Object.entries(v)
            .map(([k, x]) => `${k}=${show(x)}`)
            .join(", ")
        : String(v);
  return Object.entries(value)
    .map(([k, v]) => `${k}: ${show(v)}`)
    .join(" · ");
}
