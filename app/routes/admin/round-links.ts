import type { Role } from "../../lib/roles";
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
  { path: "settings", label: { th: "ตั้งค่ารอบการประเมิน", en: "Round settings" }, roles: ["super", "admin"] },
];
