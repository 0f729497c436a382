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
  /** Copied from the previous round and not yet re-checked by an officer (ตรวจสอบอีกครั้ง). */
  recheck: boolean;
  /** The round the answer was copied from, or null. */
  copiedFrom: string | null;
}

function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** An answer's evidence URLs as stored (a JSON array; none when empty or unreadable). */
export function oitUrls(text: string | null): string[] {
  return parseJson<string[]>(text, []);
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
        urls: oitUrls(r.urls),
        note: r.note,
        responsible: r.responsible,
        updatedBy: r.updated_by,
        updatedAt: r.updated_at,
        linkStatus: parseJson<Record<string, LinkState>>(r.link_status, {}),
        checkedAt: r.checked_at,
        recheck: Number(r.recheck) === 1,
        copiedFrom: r.copied_from,
      },
    ]),
  );
}

/**
 * The round's checklist in the shape `scoreOit(framework, checklist)` takes: item id → {has, urls};
 * items not yet marked มี or ไม่มี are left out (unanswered).
 */
export async function getOitChecklist(db: Db, roundId: string): Promise<Record<string, OitChecklistEntry>> {
  return checklistOf(await listOitAnswers(db, roundId));
}

/** The answered items of a round's stored answers, as the ITA method reads them. */
export function checklistOf(answers: Map<string, OitAnswer>): Record<string, OitChecklistEntry> {
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
 * caller's transaction: it reads the stored answers before it writes. Every item written loses its
 * "to re-check" mark; an item in `confirm` is written (its mark cleared) even when nothing else changed.
 */
export async function saveOitAnswers(
  db: Db,
  roundId: string,
  inputs: OitAnswerInput[],
  by: { userId: string; now: string; confirm?: readonly string[] },
): Promise<string[]> {
  const existing = await listOitAnswers(db, roundId);
  const changed: string[] = [];
  for (const input of inputs) {
    const before = existing.get(input.item);
    const urls = JSON.stringify(input.urls);
    const has = input.has === null ? null : input.has ? 1 : 0;
    if (
      before &&
      !(before.recheck && by.confirm?.includes(input.item)) &&
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
      recheck: 0,
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

/** How many items of the round's checklist hold anything (an answer, a link, a note or a responsible person). */
export async function countStartedOitAnswers(db: Db, roundId: string): Promise<number> {
  return [...(await listOitAnswers(db, roundId)).values()].filter(
    (a) => a.has !== null || a.urls.length > 0 || a.note || a.responsible,
  ).length;
}

/**
 * The agency's round before `round` whose checklist holds an answer: the latest of an earlier fiscal year, or of
 * the same year created before it. Undefined when there is none.
 */
export async function findPreviousOitRound(
  db: Db,
  round: { id: string; agency_id: string; fiscal_year: number; created_at: string },
) {
  return db
    .selectFrom("rounds")
    .selectAll()
    .where("agency_id", "=", round.agency_id)
    .where("id", "<>", round.id)
    .where((eb) =>
      eb.or([
        eb("fiscal_year", "<", round.fiscal_year),
        eb.and([eb("fiscal_year", "=", round.fiscal_year), eb("created_at", "<", round.created_at)]),
      ]),
    )
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("oit_answers")
          .select("oit_answers.item")
          .whereRef("oit_answers.round_id", "=", "rounds.id")
          .where("oit_answers.has", "is not", null),
      ),
    )
    .orderBy("fiscal_year", "desc")
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}

/**
 * Writes answers copied from another round (insert or replace), each marked "to re-check" with the round it
 * came from; their link check results are not carried over. Run it in the caller's transaction.
 */
export async function writeCopiedOitAnswers(
  db: Db,
  roundId: string,
  inputs: OitAnswerInput[],
  by: { userId: string; now: string; fromRound: string },
): Promise<void> {
  const existing = await listOitAnswers(db, roundId);
  for (const input of inputs) {
    const values = {
      has: input.has === null ? null : input.has ? 1 : 0,
      urls: JSON.stringify(input.urls),
      note: input.note,
      responsible: input.responsible,
      updated_by: by.userId,
      updated_at: by.now,
      link_status: null,
      checked_at: null,
      recheck: 1,
      copied_from: by.fromRound,
    };
    if (existing.has(input.item))
      await db
        .updateTable("oit_answers")
        .set(values)
        .where("round_id", "=", roundId)
        .where("item", "=", input.item)
        .execute();
    else
      await db
        .insertInto("oit_answers")
        .values({ round_id: roundId, item: input.item, ...values })
        .execute();
  }
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
