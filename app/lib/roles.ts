import type { Text } from "./i18n";

export type Role = "super" | "admin" | "clerk" | "viewer";

/** Highest first. Permissions are explicit lists per feature (below), not "this rank or higher". */
export const ROLE_ORDER: readonly Role[] = ["super", "admin", "clerk", "viewer"];

/** Who may do what. A feature's loader and action each pick one of these lists. */
export const ROLES = {
  /** Any signed-in user may read the admin area of their agency. */
  any: ["super", "admin", "clerk", "viewer"],
  /** Create and change rounds, their settings, channels and codes. */
  manageRounds: ["super", "admin"],
  /** Create users, issue set-password links, disable users. */
  manageUsers: ["super", "admin"],
  /** Create and edit agencies. */
  manageAgencies: ["super"],
  /** Work in one agency's name for a session (the acting agency). */
  actInAgency: ["super"],
  /** Read results and reports. */
  readResults: ["super", "admin", "viewer"],
  /** Key in paper and phone answers. */
  paperEntry: ["admin", "clerk"],
  /** Fill the OIT checklist. */
  oit: ["super", "admin"],
  /** Read the audit log. */
  audit: ["super", "admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof ROLES;

/** Whether a user (anything with a role) has a permission; the interface uses it to show or hide actions. */
export function can(user: { role: string } | null | undefined, permission: Permission): boolean {
  return !!user && (ROLES[permission] as readonly string[]).includes(user.role);
}

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
