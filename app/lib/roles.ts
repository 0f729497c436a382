import type { Text } from "./i18n";

export type Role = "super" | "admin" | "clerk" | "viewer" | "supervisor";

/** Highest first. Permissions are explicit lists per feature (below), not "this rank or higher". */
export const ROLE_ORDER: readonly Role[] = ["super", "admin", "clerk", "viewer", "supervisor"];

/** Who may do what. A feature's loader and action each pick one of these lists. */
export const ROLES = {
  /** Any signed-in user may read the admin area of their agency. */
  any: ["super", "admin", "clerk", "viewer"],
  /** Create and change rounds, their settings, channels and codes. */
  manageRounds: ["super", "admin"],
  /** Create users, issue set-password links, disable users. */
  manageUsers: ["super", "admin"],
  /** Import, preview, publish, copy and export ITA frameworks (issue 17): they serve every agency. */
  manageFrameworks: ["super"],
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
  /**
   * Read a group of agencies (decision 0011): each agency's progress, and its indicators, total and rating as
   * the agency itself would read them (IIT only from its release), the league table and its CSV/XLSX. A
   * supervisor is in no other list: no agency's admin pages, IIT sheets or exports of rows.
   */
  supervise: ["super", "supervisor"],
  /** Create and change agency groups, their members and their supervisors. */
  manageGroups: ["super"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof ROLES;

/** Anything with a role; a super-administrator's session may name the agency they work in (act for). */
export type RoleHolder = { role: string; acting_agency_id?: string | null };

/**
 * Whether a user holds one of `roles`. A super-administrator working in an agency (acting for it) also holds
 * that agency administrator's abilities there (keying in paper answers, the measures report…); which agency
 * they reach is the agency guards' business (requireAgencyAccess: the acting agency only).
 */
export function hasRole(user: RoleHolder | null | undefined, roles: readonly string[]): boolean {
  if (!user) return false;
  if (roles.includes(user.role)) return true;
  return user.role === "super" && !!user.acting_agency_id && roles.includes("admin");
}

/** Whether a user has a permission; the interface uses it to show or hide actions. */
export function can(user: RoleHolder | null | undefined, permission: Permission): boolean {
  return hasRole(user, ROLES[permission]);
}

const LABELS: Record<Role, Text> = {
  super: { th: "ผู้ดูแลระบบกลาง", en: "Super-administrator" },
  admin: { th: "ผู้ดูแลของหน่วยงาน", en: "Agency administrator" },
  clerk: { th: "เจ้าหน้าที่บันทึกข้อมูล", en: "Data-entry clerk" },
  viewer: { th: "ผู้ดูผลการประเมิน", en: "Results viewer" },
  supervisor: { th: "ผู้กำกับดูแลกลุ่มหน่วยงาน", en: "Supervisor" },
};

/** The Thai/English name of a role, for the interface. */
export function roleLabel(role: string): Text {
  return LABELS[role as Role] ?? { th: role, en: role };
}
