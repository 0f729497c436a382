import type { Db } from "../client";

/** One item's answer as the ITA core's OIT scoring takes it (structurally `OitEntry` of app/ita). */
export type OitChecklistEntry = { has: boolean; urls: string[] };

export type LinkState = { ok: boolean; status?: number; error?: string };

export interface OitAnswer {
  item: string;
  has: boolean | null;
  urls: string[];
  note: string | null;
  responsible: string | null;
  updatedBy: string | null;
  updatedAt: string;
  linkStatus: Record<string, LinkState>;
  checkedAt: string | null;
}

function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** Every answered or started item of a round's checklist, by item id. */
export async function listOitAnswers(db: Db, roundId: string): Promise<Map<string, OitAnswer>> {
  const rows = await db.selectFrom("oit_answers").selectAll().where("round_id", "=", roundId).execute();
  return new Map(
    rows.map((r) => [
      r.item,
      {
        item: r.item,
        has: r.has === null ? null : Number(r.has) === 1,
        urls: parseJson<string[]>(r.urls, []),
        note: r.note,
        responsible: r.responsible,
        updatedBy: r.updated_by,
        updatedAt: r.updated_at,
        linkStatus: parseJson<Record<string, LinkState>>(r.link_status, {}),
        checkedAt: r.checked_at,
      },
    ]),
  );
}

/**
 * The round's checklist in the shape `scoreOit(framework, checklist)` takes: item id → {has, urls};
 * items not yet marked มี or ไม่มี are left out (unanswered).
 */
export async function getOitChecklist(db: Db, roundId: string): Promise<Record<string, OitChecklistEntry>> {
  const answers = await listOitAnswers(db, roundId);
  const checklist: Record<string, OitChecklistEntry> = {};
  for (const a of answers.values()) if (a.has !== null) checklist[a.item] = { has: a.has, urls: a.urls };
  return checklist;
}

export interface OitAnswerInput {
  item: string;
  has: boolean | null;
  urls: string[];
  note: string | null;
  responsible: string | null;
}

/**
 * Saves the given items (insert or update). The link check result of an item is kept only while its
 * URLs stay the same. Returns the items whose answer actually changed, for the audit log. Run it in the
 * caller's transaction: it reads the stored answers before it writes.
 */
export async function saveOitAnswers(
  db: Db,
  roundId: string,
  inputs: OitAnswerInput[],
  by: { userId: string; now: string },
): Promise<string[]> {
  const existing = await listOitAnswers(db, roundId);
  const changed: string[] = [];
  for (const input of inputs) {
    const before = existing.get(input.item);
    const urls = JSON.stringify(input.urls);
    const has = input.has === null ? null : input.has ? 1 : 0;
    if (
      before &&
      before.has === input.has &&
      JSON.stringify(before.urls) === urls &&
      (before.note ?? null) === input.note &&
      (before.responsible ?? null) === input.responsible
    ) {
      continue;
    }
    if (!before && input.has === null && !input.urls.length && !input.note && !input.responsible) continue;
    changed.push(input.item);
    const sameUrls = before && JSON.stringify(before.urls) === urls;
    const values = {
      has,
      urls,
      note: input.note,
      responsible: input.responsible,
      updated_by: by.userId,
      updated_at: by.now,
      link_status: sameUrls ? JSON.stringify(before.linkStatus) : null,
      checked_at: sameUrls ? before.checkedAt : null,
    };
    if (before) {
      await db
        .updateTable("oit_answers")
        .set(values)
        .where("round_id", "=", roundId)
        .where("item", "=", input.item)
        .execute();
    } else {
      await db
        .insertInto("oit_answers")
        .values({ round_id: roundId, item: input.item, ...values })
        .execute();
    }
  }
  return changed;
}

/** Records the result of a link check for one item (only if its URLs are still the ones checked). */
export async function saveLinkStatus(
  db: Db,
  roundId: string,
  item: string,
  urls: string[],
  status: Record<string, LinkState>,
  checkedAt: string,
): Promise<void> {
  await db
    .updateTable("oit_answers")
    .set({ link_status: JSON.stringify(status), checked_at: checkedAt })
    .where("round_id", "=", roundId)
    .where("item", "=", item)
    .where("urls", "=", JSON.stringify(urls))
    .execute();
}

export async function isOitPublic(db: Db, roundId: string): Promise<boolean> {
  const row = await db
    .selectFrom("oit_publication")
    .select("public")
    .where("round_id", "=", roundId)
    .executeTakeFirst();
  return Number(row?.public ?? 0) === 1;
}

export async function setOitPublic(db: Db, roundId: string, value: boolean, now: string): Promise<void> {
  await db
    .insertInto("oit_publication")
    .values({ round_id: roundId, public: value ? 1 : 0, updated_at: now })
    .onConflict((oc) => oc.column("round_id").doUpdateSet({ public: value ? 1 : 0, updated_at: now }))
    .execute();
}
