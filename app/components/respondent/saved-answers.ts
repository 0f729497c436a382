// The respondent's work kept in the browser so that a reload or a dropped connection loses
// nothing: EIT in localStorage for a day, IIT only for the tab's session (a shared office PC
// must not show a colleague's answers), nothing at all on a kiosk.

export type Keeping = "local" | "session" | "none";

export interface SavedAnswers {
  data: Record<string, unknown>;
  pageNo: number;
  submissionId: string;
  expires: number;
}

export const EIT_KEEP_MS = 24 * 60 * 60 * 1000;

function storageFor(keeping: Keeping): Storage | null {
  if (keeping === "none" || typeof window === "undefined") return null;
  try {
    return keeping === "local" ? window.localStorage : window.sessionStorage;
  } catch {
    return null; // storage disabled (some in-app browsers, private modes)
  }
}

export function newSubmissionId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // Older in-app browsers: a version-4 UUID from getRandomValues.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40; // 16 bytes: these indexes exist
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function readSaved(keeping: Keeping, key: string, now = Date.now()): SavedAnswers | null {
  const storage = storageFor(keeping);
  if (!storage) return null;
  try {
    const raw = storage.getItem(key);
    if (!raw) return null;
    const saved = JSON.parse(raw) as SavedAnswers;
    if (typeof saved?.submissionId !== "string" || typeof saved.data !== "object" || saved.expires < now) {
      storage.removeItem(key);
      return null;
    }
    return saved;
  } catch {
    return null;
  }
}

export function writeSaved(keeping: Keeping, key: string, saved: SavedAnswers): void {
  try {
    storageFor(keeping)?.setItem(key, JSON.stringify(saved));
  } catch {
    // quota or disabled storage: the answers stay in the page
  }
}

export function removeSaved(keeping: Keeping, key: string): void {
  try {
    storageFor(keeping)?.removeItem(key);
  } catch {
    // nothing to remove
  }
}
