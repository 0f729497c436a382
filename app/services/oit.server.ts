import ExcelJS from "exceljs";
import { z, type ZodError } from "zod";
import type { Db } from "../../db/client";
import { findAgency } from "../../db/repositories/agencies";
import {
  countStartedOitAnswers,
  findPreviousOitRound,
  getOitChecklist,
  isOitPublic,
  listOitAnswers,
  saveLinkStatus,
  saveOitAnswers as saveOitAnswerRows,
  setOitPublic,
  writeCopiedOitAnswers,
  type LinkState,
  type OitAnswerInput,
  type OitAnswer,
} from "../../db/repositories/oit";
import { findRoundBySlug, type Round } from "../../db/repositories/rounds";
import {
  isEvidenceUrl,
  oitSourcesOf,
  previousOf,
  scoreOit,
  type Framework,
  type OitPrevious,
  type OitScores,
} from "../ita";
import { fieldErrorsFromZod, type FieldError, type FieldMessages } from "../lib/forms";
import { can } from "../lib/roles";
import { audit } from "../server/audit.server";
import { assertCan, type SessionUser } from "../server/auth.server";
import { config } from "../server/config.server";
import { assertFound, notFound } from "../server/http.server";
import { nowIso } from "../server/ids.server";
import { addPlainRow } from "../server/spreadsheet.server";
import { checkLinks } from "../server/link-check.server";
import { ensureFrameworks, frameworkFor, loadFramework } from "./frameworks/frameworks.server";
import { roundOfActor } from "./rounds/rounds.server";

// The OIT checklist of a round (open data, indicators 9 and 10): the page with its server-computed scores,
// saving answers, publishing the public link table, checking the evidence links, and the XLSX workbook.
// Every write commits together with its audit entry.

export type { OitAnswer };

export type OitRow = {
  id: string;
  subindicator: string;
  topicTh: string;
  topicEn: string;
  answer: OitAnswer | null;
  /** What evidence the NACC expects (from the framework data), with how sure that reading is; null when none. */
  evidence: { th: string; en: string; status: "stated" | "inferred" | "uncertain" | null } | null;
  /** The item of last year's checklist it continues, "new" this year, or unknown. */
  previous: OitPrevious;
};

export type OitGroup = { id: string; indicator: number; nameTh: string; nameEn: string; items: OitRow[] };

export type OitScoreSummary = {
  subindicators: OitScores["subindicators"];
  indicators: (OitScores["indicators"][number] & { nameTh: string; nameEn: string })[];
  needsEvidence: string[];
  unanswered: number;
};

export const MAX_URLS = 10;
export const MAX_TEXT = 500;

/** The round's checklist laid out by sub-indicator, with the server-computed scores. */
async function loadOitView(db: Db, round: Round): Promise<{ framework: Framework; groups: OitGroup[] }> {
  const fw = await frameworkFor(db, round.framework);
  const answers = await listOitAnswers(db, round.id);
  const groups: OitGroup[] = fw.subindicators.map((sub) => ({
    id: sub.id,
    indicator: sub.indicator,
    nameTh: sub.nameTh,
    nameEn: sub.nameEn,
    items: fw.oitItems
      .filter((o) => o.subindicator === sub.id)
      .map((o) => ({
        id: o.id,
        subindicator: sub.id,
        topicTh: o.topicTh,
        topicEn: o.topicEn,
        answer: answers.get(o.id) ?? null,
        evidence:
          o.evidenceTh && o.evidenceEn
            ? { th: o.evidenceTh, en: o.evidenceEn, status: o.evidenceStatus ?? null }
            : null,
        previous: previousOf(fw, o.id),
      })),
  }));
  return { framework: fw, groups };
}

function summarise(fw: Framework, scores: OitScores): OitScoreSummary {
  return {
    subindicators: scores.subindicators,
    indicators: scores.indicators.map((i) => ({
      ...i,
      nameTh: fw.indicators.find((x) => x.number === i.indicator)?.nameTh ?? "",
      nameEn: fw.indicators.find((x) => x.number === i.indicator)?.nameEn ?? "",
    })),
    needsEvidence: scores.needsEvidence,
    unanswered: scores.unanswered.length,
  };
}

/** The checklist page: the groups of items with their answers, the scores, and what the actor may do. */
export async function getOitPage(db: Db, actor: SessionUser, roundId: string) {
  assertCan(actor, "readResults");
  const round = await roundOfActor(db, actor, roundId);
  const view = await loadOitView(db, round);
  return {
    round: { id: round.id, slug: round.slug, fiscalYear: round.fiscal_year },
    /** The framework and what it says is inferred or unconfirmed (shown above the checklist). */
    framework: { id: view.framework.id, provenance: view.framework.provenance ?? [] },
    groups: view.groups,
    scores: summarise(view.framework, scoreOit(view.framework, await getOitChecklist(db, round.id))),
    isPublic: await isOitPublic(db, round.id),
    canEdit: can(actor, "oit"),
    linkCheck: linkCheckOf(round.id),
    copy: await copyChoiceOf(db, round),
  };
}

// ---- Saving answers -------------------------------------------------------------------------------------

const text = z.string().transform((v) => v.trim().slice(0, MAX_TEXT) || null);
const hasAnswer = z.string().transform((v) => (v === "1" ? true : v === "0" ? false : null));
/**
 * A link typed without its scheme ("www.x.go.th/ita", "x.go.th") is read as https://…: officers copy the address
 * bar's text, which browsers show without it. Anything else without a scheme is left for the check below.
 */
const BARE_HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}(?::\d{1,5})?(?:[/?#]\S*)?$/i;

/** The item's link text split into links, a bare host read as https://; `assumed` lists what was read so. */
export function splitEvidenceUrls(value: string): { urls: string[]; assumed: { from: string; to: string }[] } {
  const assumed: { from: string; to: string }[] = [];
  const urls = value
    .split(/\s+/)
    .map((u) => u.trim())
    .filter(Boolean)
    .map((u) => {
      if (/^[a-z][a-z0-9+.-]*:/i.test(u) || !BARE_HOST.test(u)) return u;
      const to = `https://${u}`;
      assumed.push({ from: u, to });
      return to;
    });
  return { urls, assumed };
}

const evidenceUrls = z
  .array(z.string())
  .superRefine((urls, ctx) => {
    const bad = urls.find((u) => !isEvidenceUrl(u) || u.length > 2000);
    if (bad)
      ctx.addIssue({
        code: "custom",
        message: `Not a web link (http:// or https://): ${bad.slice(0, 80)}`,
        params: { th: `ลิงก์ไม่ถูกต้อง ต้องขึ้นต้นด้วย http:// หรือ https:// : ${bad.slice(0, 80)}` },
      });
    if (urls.length > MAX_URLS)
      ctx.addIssue({
        code: "custom",
        message: `At most ${MAX_URLS} links per item.`,
        params: { th: `ใส่ลิงก์ได้ไม่เกิน ${MAX_URLS} ลิงก์ต่อข้อ` },
      });
  })
  .transform((urls) => [...new Set(urls)]);

/** One item of the checklist form: has_<id> (1 มี, 0 ไม่มี, else not yet), urls_<id>, note_<id>, resp_<id>. */
function itemSchema(id: string) {
  return z.object({
    [`has_${id}`]: hasAnswer,
    [`urls_${id}`]: evidenceUrls,
    [`note_${id}`]: text,
    [`resp_${id}`]: text,
  });
}

/** A refused link names the link itself, so the words come from the issue (English, Thai in its params). */
function messagesOf(error: ZodError): FieldMessages {
  const messages: FieldMessages = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    const th = "params" in issue ? (issue.params as { th?: string } | undefined)?.th : undefined;
    messages[field] ??= [issue.message, th ?? issue.message];
  }
  return messages;
}

/** What a save did: the items stored (changed or not), those refused with their errors, and links read as https. */
export type OitSaveResult = {
  ok: boolean;
  changed: number;
  saved: string[];
  errors: FieldError[];
  assumed: { item: string; from: string; to: string }[];
};

/**
 * Saves the items present in the form (an item counts when its has_ or urls_ field was sent), each on its own:
 * an item with a link that is not http(s), or more than MAX_URLS links, is refused (its errors returned, its
 * row unchanged) while the form's other items are saved, so that one mistake never loses the rest. `ok` is
 * false when any item was refused. The audit entry lists the changed items.
 */
export async function saveOitAnswers(
  db: Db,
  actor: SessionUser,
  roundId: string,
  input: Record<string, unknown>,
): Promise<OitSaveResult> {
  assertCan(actor, "oit");
  const round = await roundOfActor(db, actor, roundId);
  const itemIds = (await frameworkFor(db, round.framework)).oitItems.map((o) => o.id);
  const field = (name: string) => (typeof input[name] === "string" ? (input[name] as string) : "");
  const errors: FieldError[] = [];
  const assumed: OitSaveResult["assumed"] = [];
  const inputs: OitAnswerInput[] = [];
  for (const id of itemIds.filter((id) => `has_${id}` in input || `urls_${id}` in input)) {
    const links = splitEvidenceUrls(field(`urls_${id}`));
    // Every field as a string ("" when absent), so that a missing field is read like an empty one.
    const parsed = itemSchema(id).safeParse({
      [`has_${id}`]: field(`has_${id}`),
      [`urls_${id}`]: links.urls,
      [`note_${id}`]: field(`note_${id}`),
      [`resp_${id}`]: field(`resp_${id}`),
    });
    if (!parsed.success) {
      errors.push(...fieldErrorsFromZod(parsed.error, messagesOf(parsed.error)));
      continue;
    }
    const form = parsed.data as Record<string, unknown>;
    assumed.push(...links.assumed.map((a) => ({ item: id, ...a })));
    inputs.push({
      item: id,
      has: form[`has_${id}`] as boolean | null,
      urls: form[`urls_${id}`] as string[],
      note: form[`note_${id}`] as string | null,
      responsible: form[`resp_${id}`] as string | null,
    });
  }
  // A save of one item (the item's own autosave or its "checked" button) clears its "to re-check" mark even
  // when nothing changed; a save of the whole page clears it only on the items that changed.
  const confirm = typeof input.item === "string" ? [input.item] : [];
  const changed = await db.transaction().execute(async (tx) => {
    const items = await saveOitAnswerRows(tx, round.id, inputs, { userId: actor.id, now: nowIso(), confirm });
    if (items.length)
      await audit(tx, {
        user: actor,
        agencyId: round.agency_id,
        action: "oit.answer",
        entity: "round",
        entityId: round.id,
        detail: { items },
      });
    return items;
  });
  return { ok: errors.length === 0, changed: changed.length, saved: inputs.map((i) => i.item), errors, assumed };
}

// ---- Starting from the previous round's links ------------------------------------------------------------

/** Loads a framework by id for following `previousFramework`; null when it is not installed. */
function frameworkOrNull(id: string): Framework | null {
  try {
    return loadFramework(id);
  } catch {
    return null;
  }
}

/** The previous round a checklist can be copied from, and what the copy would do; null when there is none. */
export type OitCopyChoice = {
  fromRound: { id: string; fiscalYear: number; title: string | null; framework: string };
  /** Whether the previous round's framework maps onto this one (the same, or reached through previousFramework). */
  mappable: boolean;
  /** Items of this round's checklist already holding something: copying over them needs a confirmation. */
  started: number;
} | null;

async function copyChoiceOf(db: Db, round: Round): Promise<OitCopyChoice> {
  const from = await findPreviousOitRound(db, round);
  if (!from) return null;
  // Imported frameworks (issue 17) are served once this process has met them.
  await ensureFrameworks(db, [round.framework, from.framework]);
  return {
    fromRound: { id: from.id, fiscalYear: from.fiscal_year, title: from.title, framework: from.framework },
    mappable: oitSourcesOf(loadFramework(round.framework), from.framework, frameworkOrNull) !== null,
    started: await countStartedOitAnswers(db, round.id),
  };
}

const uniqueJoined = (values: (string | null)[], separator: string) =>
  [...new Set(values.filter((v): v is string => Boolean(v)))].join(separator).slice(0, MAX_TEXT) || null;

export type OitCopyResult =
  | {
      ok: true;
      fromRound: { id: string; fiscalYear: number };
      copied: string[];
      /** Items of this year's checklist with nothing to copy (new this year, or unanswered last round). */
      notCopied: string[];
    }
  | { ok: false; errors: FieldError[] };

const COPY_ERRORS = {
  none: {
    field: "copy",
    message: "There is no earlier round of this agency with OIT answers to copy.",
    messageTh: "ไม่พบรอบก่อนหน้าของหน่วยงานที่มีคำตอบ OIT ให้คัดลอก",
  },
  unmapped: {
    field: "copy",
    message: "The previous round's framework cannot be matched item by item with this round's.",
    messageTh: "จับคู่ข้อของแบบตรวจรอบก่อนกับรอบนี้ไม่ได้ (กรอบการประเมินไม่ต่อเนื่องกัน)",
  },
  started: (n: number) => ({
    field: "confirm",
    message: `This round's checklist already has ${n} answered items: tick the box to replace them with last round's.`,
    messageTh: `แบบตรวจรอบนี้มีคำตอบแล้ว ${n} ข้อ หากต้องการแทนที่ด้วยของรอบก่อน กรุณาเลือกช่องยืนยัน`,
  }),
} satisfies Record<string, FieldError | ((n: number) => FieldError)>;

/**
 * Starts the round's checklist from the agency's previous round: each item gets the previous answer and evidence
 * links of the items it continues (mapped through the frameworks' `previous` lists when the years differ; a
 * merged item gets the union of their links, มี when any of them was มี), marked "to re-check" until an officer
 * saves it. Refused (nothing written) when there is no previous round, when its framework does not map onto
 * this one, or when this round already has answers and `confirm` is not "1". One transaction with its audit entry.
 */
export async function copyOitFromPreviousRound(
  db: Db,
  actor: SessionUser,
  roundId: string,
  input: Record<string, unknown>,
): Promise<OitCopyResult> {
  assertCan(actor, "oit");
  const round = await roundOfActor(db, actor, roundId);
  const fw = await frameworkFor(db, round.framework);
  const previous = await findPreviousOitRound(db, round);
  if (previous) await ensureFrameworks(db, [previous.framework]);
  return db.transaction().execute(async (tx) => {
    const from = await findPreviousOitRound(tx, round);
    if (!from) return { ok: false as const, errors: [COPY_ERRORS.none] };
    const sources = oitSourcesOf(fw, from.framework, frameworkOrNull);
    if (!sources) return { ok: false as const, errors: [COPY_ERRORS.unmapped] };
    const started = await countStartedOitAnswers(tx, round.id);
    if (started > 0 && input.confirm !== "1") return { ok: false as const, errors: [COPY_ERRORS.started(started)] };
    const previous = await listOitAnswers(tx, from.id);
    const inputs: OitAnswerInput[] = [];
    const notCopied: string[] = [];
    for (const item of fw.oitItems) {
      const found = (sources.get(item.id) ?? []).flatMap((id) => previous.get(id) ?? []);
      const answered = found.filter((a) => a.has !== null || a.urls.length > 0);
      if (!answered.length) {
        notCopied.push(item.id);
        continue;
      }
      inputs.push({
        item: item.id,
        has: answered.some((a) => a.has === true) ? true : answered.some((a) => a.has === false) ? false : null,
        urls: [...new Set(answered.flatMap((a) => a.urls))].slice(0, MAX_URLS),
        note: uniqueJoined(
          answered.map((a) => a.note),
          " / ",
        ),
        responsible: uniqueJoined(
          answered.map((a) => a.responsible),
          ", ",
        ),
      });
    }
    await writeCopiedOitAnswers(tx, round.id, inputs, { userId: actor.id, now: nowIso(), fromRound: from.id });
    await audit(tx, {
      user: actor,
      agencyId: round.agency_id,
      action: "oit.copy",
      entity: "round",
      entityId: round.id,
      detail: { fromRound: from.id, fromFramework: from.framework, copied: inputs.length, replaced: started },
    });
    return {
      ok: true as const,
      fromRound: { id: from.id, fiscalYear: from.fiscal_year },
      copied: inputs.map((i) => i.item),
      notCopied,
    };
  });
}

/** Opens (`public: "1"`) or closes (anything else) the round's public link table at /oit/<slug>. */
export async function setOitPublication(
  db: Db,
  actor: SessionUser,
  roundId: string,
  input: Record<string, unknown>,
): Promise<{ ok: true; isPublic: boolean }> {
  assertCan(actor, "oit");
  const round = await roundOfActor(db, actor, roundId);
  const value = input.public === "1";
  await db.transaction().execute(async (tx) => {
    await setOitPublic(tx, round.id, value, nowIso());
    await audit(tx, {
      user: actor,
      agencyId: round.agency_id,
      action: "oit.public",
      entity: "round",
      entityId: round.id,
      detail: { public: value },
    });
  });
  return { ok: true, isPublic: value };
}

/**
 * "Check links": fetches every evidence URL of the round from the server (a few at a time, each URL with a
 * total deadline, the whole check within a budget; only http(s), no private or special addresses unless
 * LINK_CHECK_ALLOW_PRIVATE), then stores the results with one audit entry. The fetching happens before the
 * transaction opens; a result is stored only for an item whose URLs are still the ones checked.
 * `onProgress` hears the number of distinct URLs done and in all (the page's progress).
 */
export async function checkOitLinks(
  db: Db,
  actor: SessionUser,
  roundId: string,
  options: {
    allowPrivate?: boolean;
    timeoutMs?: number;
    budgetMs?: number;
    onProgress?: (progress: { done: number; total: number; broken: number }) => void;
  } = {},
): Promise<{ ok: true; checked: number; broken: number }> {
  assertCan(actor, "oit");
  const round = await roundOfActor(db, actor, roundId);
  const answers = [...(await listOitAnswers(db, round.id)).values()].filter((a) => a.urls.length);
  const urls = answers.flatMap((a) => a.urls);
  const progress = { done: 0, total: new Set(urls).size, broken: 0 };
  options.onProgress?.({ ...progress });
  const results = await checkLinks(urls, {
    allowPrivate: options.allowPrivate ?? config().LINK_CHECK_ALLOW_PRIVATE,
    timeoutMs: options.timeoutMs ?? config().LINK_CHECK_URL_TIMEOUT_MS,
    budgetMs: options.budgetMs ?? config().LINK_CHECK_BUDGET_MS,
    concurrency: 8,
    onResult: (_url, state) => {
      progress.done++;
      if (!state.ok) progress.broken++;
      options.onProgress?.({ ...progress });
    },
  });
  const checked = results.size;
  const broken = [...results.values()].filter((r) => !r.ok).length;
  if (answers.length) {
    const now = nowIso();
    await db.transaction().execute(async (tx) => {
      for (const a of answers) {
        const status: Record<string, LinkState> = {};
        for (const url of a.urls) status[url] = results.get(url) ?? { ok: false, error: "not-checked" };
        await saveLinkStatus(tx, round.id, a.item, a.urls, status, now);
      }
      await audit(tx, {
        user: actor,
        agencyId: round.agency_id,
        action: "oit.check-links",
        entity: "round",
        entityId: round.id,
        detail: { checked, broken },
      });
    });
  }
  return { ok: true, checked, broken };
}

// ---- The link check in the background -------------------------------------------------------------------
// A check of many links takes minutes, so "check links" starts it in the background and the page shows its
// progress (polling) instead of holding the request. The jobs live in this process's memory, one per round:
// a restart forgets a check under way (nothing of it is stored; start it again), and with several processes
// the progress shows on requests that reach the process running it. The results are stored in the database
// when the check ends, as before.

export type LinkCheckView = {
  state: "running" | "done" | "failed";
  done: number;
  total: number;
  broken: number;
  startedAt: string;
  finishedAt: string | null;
};

const linkChecks = new Map<string, LinkCheckView>();
const FINISHED_KEPT_MS = 60 * 60_000;

function forgetOldChecks(now: number): void {
  for (const [roundId, job] of linkChecks) {
    if (job.finishedAt && now - Date.parse(job.finishedAt) > FINISHED_KEPT_MS) linkChecks.delete(roundId);
  }
}

/**
 * Starts checking the round's links in the background (or joins the check already under way) and answers at
 * once with its progress. The check runs as the actor; its results and audit entry are written when it ends.
 */
export async function startOitLinkCheck(db: Db, actor: SessionUser, roundId: string): Promise<LinkCheckView> {
  assertCan(actor, "oit");
  const round = await roundOfActor(db, actor, roundId);
  forgetOldChecks(Date.now());
  const current = linkChecks.get(round.id);
  if (current?.state === "running") return { ...current };
  const job: LinkCheckView = { state: "running", done: 0, total: 0, broken: 0, startedAt: nowIso(), finishedAt: null };
  linkChecks.set(round.id, job);
  void checkOitLinks(db, actor, round.id, {
    onProgress: (p) => Object.assign(job, p),
  }).then(
    (result) => Object.assign(job, { state: "done", broken: result.broken, finishedAt: nowIso() }),
    (error: unknown) => {
      console.error(`[ita] link check of round ${round.id}: ${error instanceof Error ? error.message : String(error)}`);
      Object.assign(job, { state: "failed", finishedAt: nowIso() });
    },
  );
  return { ...job };
}

/** The round's link check under way or last finished in this process (null when there is none). */
function linkCheckOf(roundId: string): LinkCheckView | null {
  const job = linkChecks.get(roundId);
  return job ? { ...job } : null;
}

// ---- The workbook and the public page --------------------------------------------------------------------

/** The link table agencies publish (item, topic, มี/ไม่มี, URLs, note) as an XLSX workbook. */
export async function getOitWorkbook(
  db: Db,
  actor: SessionUser,
  roundId: string,
): Promise<{ body: Buffer; filename: string }> {
  assertCan(actor, "readResults");
  const round = await roundOfActor(db, actor, roundId);
  const agency = await findAgency(db, round.agency_id);
  const { groups } = await loadOitView(db, round);
  const book = new ExcelJS.Workbook();
  book.creator = "ITA Survey";
  const sheet = book.addWorksheet("OIT");
  sheet.columns = [
    { header: "ข้อ", key: "item", width: 7 },
    { header: "ตัวชี้วัดย่อย", key: "sub", width: 12 },
    { header: "ข้อมูล", key: "topic", width: 45 },
    { header: "มี/ไม่มี", key: "has", width: 10 },
    { header: "URL", key: "urls", width: 60 },
    { header: "หมายเหตุ", key: "note", width: 30 },
  ];
  sheet.spliceRows(
    1,
    0,
    [`แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) ${agency?.name_th ?? ""} ประจำปีงบประมาณ พ.ศ. ${round.fiscal_year}`],
    [],
  );
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.getRow(3).font = { bold: true };
  for (const group of groups) {
    for (const row of group.items) {
      const a = row.answer;
      addPlainRow(sheet, {
        item: row.id.toUpperCase(),
        sub: group.id,
        topic: row.topicTh,
        has: a?.has === true ? "มี" : a?.has === false ? "ไม่มี" : "",
        urls: a?.urls.join("\n") ?? "",
        note: a?.note ?? "",
      });
    }
  }
  sheet.getColumn("urls").alignment = { wrapText: true, vertical: "top" };
  sheet.getColumn("topic").alignment = { wrapText: true, vertical: "top" };
  return {
    body: Buffer.from(await book.xlsx.writeBuffer()),
    filename: `oit-${round.fiscal_year}-${round.slug}.xlsx`,
  };
}

/** The public link table at /oit/<slug>: 404 unless the round is out of draft and its table is published. */
export async function getPublicOitTable(db: Db, slug: string | undefined) {
  const round = assertFound(slug ? await findRoundBySlug(db, slug) : undefined);
  if (round.status === "draft" || !(await isOitPublic(db, round.id))) throw notFound();
  const agency = await findAgency(db, round.agency_id);
  const { groups } = await loadOitView(db, round);
  return {
    agency: agency?.name_th ?? "",
    fiscalYear: round.fiscal_year,
    rows: groups.flatMap((g) =>
      g.items.map((r) => ({
        id: r.id,
        sub: g.id,
        topicTh: r.topicTh,
        topicEn: r.topicEn,
        has: r.answer?.has ?? null,
        urls: r.answer?.urls ?? [],
        note: r.answer?.note ?? "",
      })),
    ),
  };
}
