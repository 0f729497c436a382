import type { Db } from "../../../db/client";
import {
  countFrameworkUses,
  deleteDraftFramework,
  findFrameworkRow,
  insertFrameworkRow,
  listFrameworkRows,
  updateDraftFramework,
  type FrameworkRow,
} from "../../../db/repositories/frameworks";
import { findUserById } from "../../../db/repositories/users";
import {
  checkFramework,
  frameworkVersionOf,
  generateQuestionnaire,
  parseFramework,
  type Framework,
  type FrameworkIssue,
} from "../../ita";
import type { Lang } from "../../lib/i18n";
import { audit } from "../../server/audit.server";
import { assertCan, type SessionUser } from "../../server/auth.server";
import { httpError } from "../../server/http.server";
import { nowIso } from "../../server/ids.server";
import { checkPreviousItems } from "../../ita/oit-previous";
import {
  frameworkFor,
  hasHandKeptQuestionnaire,
  isFileFramework,
  listFrameworks,
  loadFramework,
  pickLanguage,
  readQuestionnaire,
} from "./frameworks.server";
import { reportTextsFor } from "./report-texts.server";

// Frameworks an agency can update (issue 17): a super-administrator imports a framework file (validated with
// the same checks and Thai messages as `ita framework check`), previews its questionnaires and OIT checklist,
// and publishes it. Drafts may be replaced or deleted; a published framework never changes (a correction is a
// new version, `ita-2568.2`, started with "copy"). The framework files of the surveys folder are listed beside
// the imported ones, read-only. Every write commits with its audit entry. Import and publish also run from the
// command line (`ita framework import`), where the actor is null: whoever holds the server's shell.

/** The largest framework file taken (the year files are about 70 KB). */
export const MAX_FRAMEWORK_BYTES = 1024 * 1024;

export type ImportResult =
  { ok: true; id: string; status: "draft" | "published"; replaced: boolean } | { ok: false; issues: FrameworkIssue[] };

export interface FrameworkListItem {
  id: string;
  year: number;
  titleTh: string;
  titleEn: string;
  version: number;
  source: "file" | "imported";
  status: "draft" | "published";
  /** Rounds and official results that name it (a published framework in use is immutable). */
  uses: { rounds: number; official: number };
  updatedAt: string | null;
}

const notFound = () => httpError(404, "No such framework.", "ไม่พบกรอบการประเมินนี้");

function issue(path: string, messageTh: string, messageEn: string): FrameworkIssue {
  return { path, messageTh, messageEn };
}

/** The text of a framework file as JSON, or the issues that say why it is not one. */
function readText(text: string): { json: unknown } | { issues: FrameworkIssue[] } {
  if (!text.trim())
    return {
      issues: [issue("", "ไม่มีเนื้อหา: เลือกไฟล์ JSON หรือวางข้อความ JSON", "empty: choose a JSON file or paste JSON")],
    };
  if (Buffer.byteLength(text, "utf8") > MAX_FRAMEWORK_BYTES)
    return { issues: [issue("", "ไฟล์ใหญ่เกิน 1 MB", "the file is larger than 1 MB")] };
  try {
    return { json: JSON.parse(text) };
  } catch (error) {
    const detail = (error as Error).message;
    return { issues: [issue("", `ไฟล์ไม่ใช่ JSON ที่ถูกต้อง (${detail})`, `not valid JSON (${detail})`)] };
  }
}

/** Every framework: the files (published, read-only) and the imported ones, newest year first. */
export async function listFrameworksForAdmin(db: Db, actor: SessionUser): Promise<FrameworkListItem[]> {
  assertCan(actor, "manageFrameworks");
  const items: FrameworkListItem[] = [];
  for (const id of listFrameworks()) {
    try {
      const fw = loadFramework(id);
      items.push({
        id,
        year: fw.year,
        titleTh: fw.titleTh,
        titleEn: fw.titleEn,
        version: frameworkVersionOf(id).version,
        source: "file",
        status: "published",
        uses: await countFrameworkUses(db, id),
        updatedAt: null,
      });
    } catch {
      // a framework file that does not load is not listed (`ita framework check` explains it)
    }
  }
  for (const row of await listFrameworkRows(db)) {
    const fw = JSON.parse((await findFrameworkRow(db, row.id))!.json) as Framework;
    items.push({
      id: row.id,
      year: row.year,
      titleTh: row.title_th,
      titleEn: fw.titleEn,
      version: row.version,
      source: "imported",
      status: row.status,
      uses: await countFrameworkUses(db, row.id),
      updatedAt: row.updated_at,
    });
  }
  return items.sort((a, b) => b.year - a.year || a.id.localeCompare(b.id));
}

/**
 * Imports a framework file's text: every problem is returned at once, each with its place in the file and
 * its Thai words (nothing is written); a valid file is stored as a draft (replacing a draft of the same id)
 * or, with `publish`, published. An id already published (or a framework file's) is refused: a correction is
 * a new version.
 */
export async function importFramework(
  db: Db,
  actor: SessionUser | null,
  input: { text: string; publish?: boolean },
): Promise<ImportResult> {
  if (actor) assertCan(actor, "manageFrameworks");
  const read = readText(input.text);
  if ("issues" in read) return { ok: false, issues: read.issues };
  const issues = checkFramework(read.json);
  if (issues.length) return { ok: false, issues };
  const fw = parseFramework(read.json);
  // The OIT items' `previous` ids, against last year's framework when this registry knows it.
  if (fw.previousFramework) {
    const previous = await frameworkFor(db, fw.previousFramework).catch(() => undefined);
    const more = previous ? checkPreviousItems(fw, previous) : [];
    if (more.length) return { ok: false, issues: more };
  }
  const taken = await idTaken(db, fw.id);
  if (taken) return { ok: false, issues: [taken] };
  const existing = await findFrameworkRow(db, fw.id);
  const now = nowIso();
  const status = input.publish ? "published" : "draft";
  const { baseId, version } = frameworkVersionOf(fw.id);
  const json = JSON.stringify(fw, null, 2);
  await db.transaction().execute(async (tx) => {
    if (existing) {
      const changed = await updateDraftFramework(tx, fw.id, {
        year: fw.year,
        title_th: fw.titleTh,
        json,
        status,
        updated_by: actor?.id ?? null,
        updated_at: now,
        ...(input.publish ? { published_by: actor?.id ?? null, published_at: now } : {}),
      });
      if (!changed) throw publishedMeanwhile(fw.id);
    } else {
      await insertFrameworkRow(tx, {
        id: fw.id,
        base_id: baseId,
        version,
        year: fw.year,
        title_th: fw.titleTh,
        status,
        json,
        copied_from: null,
        created_by: actor?.id ?? null,
        created_at: now,
        updated_by: actor?.id ?? null,
        updated_at: now,
        published_by: input.publish ? (actor?.id ?? null) : null,
        published_at: input.publish ? now : null,
      });
    }
    await audit(tx, {
      user: actor,
      agencyId: null,
      action: existing ? "framework.replace" : "framework.import",
      entity: "framework",
      entityId: fw.id,
      detail: { year: fw.year, status },
    });
    if (input.publish)
      await audit(tx, {
        user: actor,
        agencyId: null,
        action: "framework.publish",
        entity: "framework",
        entityId: fw.id,
      });
  });
  return { ok: true, id: fw.id, status, replaced: !!existing };
}

const publishedMeanwhile = (id: string) =>
  httpError(
    409,
    `Framework ${id} was published meanwhile; import the correction as a new version.`,
    `กรอบ ${id} ถูกเผยแพร่ไปแล้วในระหว่างนี้ หากต้องการแก้ไขให้นำเข้าเป็นฉบับใหม่`,
  );

/** Why an id cannot take an import: a framework file has it, or a published framework does. */
async function idTaken(db: Db, id: string): Promise<FrameworkIssue | undefined> {
  const { baseId, version } = frameworkVersionOf(id);
  const next = `${baseId}.${(await nextVersion(db, baseId)) ?? version + 1}`;
  if (isFileFramework(id))
    return issue(
      "id",
      `มีกรอบการประเมิน ${id} ในระบบอยู่แล้ว (ไฟล์ของระบบ แก้ไขไม่ได้): หากเป็นฉบับแก้ไข ให้ตั้ง id เป็นฉบับใหม่ เช่น ${next}`,
      `framework ${id} is already installed (a system file, read-only): give a correction a new version id such as ${next}`,
    );
  const row = await findFrameworkRow(db, id);
  if (row?.status === "published")
    return issue(
      "id",
      `กรอบการประเมิน ${id} เผยแพร่แล้ว แก้ไขไม่ได้: หากเป็นฉบับแก้ไข ให้ตั้ง id เป็นฉบับใหม่ เช่น ${next}`,
      `framework ${id} is published and cannot change: give a correction a new version id such as ${next}`,
    );
  return undefined;
}

/** The next free version number of a year's framework (2 when only the file or version 1 exists). */
async function nextVersion(db: Db, baseId: string): Promise<number> {
  const versions = (await listFrameworkRows(db)).filter((r) => r.base_id === baseId).map((r) => r.version);
  return Math.max(1, ...versions) + 1;
}

/** A framework's JSON: a framework file or an imported one (drafts included); 404 when there is none. */
async function frameworkJson(db: Db, id: string): Promise<{ fw: Framework; row: FrameworkRow | null }> {
  if (isFileFramework(id)) return { fw: loadFramework(id), row: null };
  const row = await findFrameworkRow(db, id);
  if (!row) throw notFound();
  return { fw: parseFramework(JSON.parse(row.json)), row };
}

export interface OitPreviewGroup {
  id: string;
  indicator: number;
  nameTh: string;
  nameEn: string;
  status: string | null;
  items: { id: string; topicTh: string; topicEn: string; status: string | null }[];
}

/** One framework with what a super-administrator checks before publishing: its questionnaires and OIT checklist. */
export async function getFrameworkDetail(db: Db, actor: SessionUser, id: string, lang: Lang) {
  assertCan(actor, "manageFrameworks");
  const { fw, row } = await frameworkJson(db, id);
  const uses = await countFrameworkUses(db, fw.id);
  const who = async (userId: string | null) => (userId ? ((await findUserById(db, userId))?.email ?? null) : null);
  const questionnaire = (kind: "iit" | "eit") =>
    pickLanguage(
      !row && hasHandKeptQuestionnaire(fw.id, kind)
        ? readQuestionnaire(fw.id, kind)
        : generateQuestionnaire(fw, kind === "iit" ? "IIT" : "EIT"),
      lang,
    ) as Record<string, unknown>;
  let reportTextsFrom: string | null;
  try {
    reportTextsFrom = reportTextsFor(fw).from;
  } catch {
    reportTextsFrom = null;
  }
  const oit: OitPreviewGroup[] = fw.subindicators.map((sub) => ({
    id: sub.id,
    indicator: sub.indicator,
    nameTh: sub.nameTh,
    nameEn: sub.nameEn,
    status: sub.status ?? null,
    items: fw.oitItems
      .filter((o) => o.subindicator === sub.id)
      .map((o) => ({ id: o.id, topicTh: o.topicTh, topicEn: o.topicEn, status: o.status ?? null })),
  }));
  return {
    framework: {
      id: fw.id,
      year: fw.year,
      titleTh: fw.titleTh,
      titleEn: fw.titleEn,
      gradingMode: fw.gradingMode,
      version: frameworkVersionOf(fw.id).version,
      source: row ? ("imported" as const) : ("file" as const),
      status: row?.status ?? ("published" as const),
      copiedFrom: row?.copied_from ?? null,
      createdBy: await who(row?.created_by ?? null),
      createdAt: row?.created_at ?? null,
      publishedBy: await who(row?.published_by ?? null),
      publishedAt: row?.published_at ?? null,
      indicators: fw.indicators.map(({ number, nameTh, nameEn, instrument, weight }) => ({
        number,
        nameTh,
        nameEn,
        instrument,
        weight,
      })),
      counts: { iit: fw.items.IIT.length, eit: fw.items.EIT.length, oit: fw.oitItems.length },
      ratingLabels:
        fw.gradingMode === "labels"
          ? (fw.rating?.labels.map((l) => ({
              label: l.label,
              labelEn: l.labelEn,
              minTotal: l.minTotal,
              minEach: l.minEachInstrument ?? null,
            })) ?? [])
          : fw.gradeBands.map((b) => ({ label: b.grade, labelEn: b.grade, minTotal: b.min, minEach: null })),
      ratingUncertain: fw.gradingMode === "labels" && fw.rating?.status === "uncertain",
      provenance: fw.provenance ?? [],
      reportTextsFrom,
    },
    uses,
    /** A draft may be published, replaced or deleted; nothing else changes. */
    editable: row?.status === "draft",
    iit: questionnaire("iit"),
    eit: questionnaire("eit"),
    oit,
  };
}

/** Publishes a draft (409 when it is not a draft): from now on rounds and official results may name it. */
export async function publishFramework(db: Db, actor: SessionUser | null, id: string): Promise<{ ok: true }> {
  if (actor) assertCan(actor, "manageFrameworks");
  const row = await findFrameworkRow(db, id);
  if (!row) throw notFound();
  if (row.status !== "draft") throw httpError(409, `Framework ${id} is already published.`, `กรอบ ${id} เผยแพร่แล้ว`);
  // Checked again: a stricter schema since the draft was stored must not let an invalid framework out.
  const issues = checkFramework(JSON.parse(row.json));
  if (issues.length)
    throw httpError(
      422,
      `Framework ${id} no longer validates; import it again.`,
      `กรอบ ${id} ไม่ผ่านการตรวจสอบแล้ว กรุณานำเข้าใหม่`,
    );
  await db.transaction().execute(async (tx) => {
    const now = nowIso();
    const changed = await updateDraftFramework(tx, id, {
      status: "published",
      published_by: actor?.id ?? null,
      published_at: now,
      updated_by: actor?.id ?? null,
      updated_at: now,
    });
    if (!changed) throw publishedMeanwhile(id);
    await audit(tx, { user: actor, agencyId: null, action: "framework.publish", entity: "framework", entityId: id });
  });
  return { ok: true };
}

/**
 * "Copy this framework": a new draft from any framework (a file or an imported one), with the next free
 * version of its year (`ita-2568` → `ita-2568.2`), to correct and publish.
 */
export async function copyFramework(db: Db, actor: SessionUser, id: string): Promise<{ ok: true; id: string }> {
  assertCan(actor, "manageFrameworks");
  const { fw } = await frameworkJson(db, id);
  const { baseId } = frameworkVersionOf(fw.id);
  const newId = `${baseId}.${await nextVersion(db, baseId)}`;
  const copy = { ...fw, id: newId };
  const now = nowIso();
  await db.transaction().execute(async (tx) => {
    await insertFrameworkRow(tx, {
      id: newId,
      base_id: baseId,
      version: frameworkVersionOf(newId).version,
      year: fw.year,
      title_th: fw.titleTh,
      status: "draft",
      json: JSON.stringify(copy, null, 2),
      copied_from: fw.id,
      created_by: actor?.id ?? null,
      created_at: now,
      updated_by: actor?.id ?? null,
      updated_at: now,
      published_by: null,
      published_at: null,
    });
    await audit(tx, {
      user: actor,
      agencyId: null,
      action: "framework.copy",
      entity: "framework",
      entityId: newId,
      detail: { from: fw.id },
    });
  });
  return { ok: true, id: newId };
}

/** A framework's JSON for editing (any framework, drafts included), with its file name. */
export async function exportFramework(
  db: Db,
  actor: SessionUser,
  id: string,
): Promise<{ filename: string; text: string }> {
  assertCan(actor, "manageFrameworks");
  const { fw } = await frameworkJson(db, id);
  return { filename: `${fw.id}.json`, text: `${JSON.stringify(fw, null, 2)}\n` };
}

/** Deletes a draft (404 for anything else: a published framework is never deleted). */
export async function deleteFrameworkDraft(db: Db, actor: SessionUser, id: string): Promise<{ ok: true }> {
  assertCan(actor, "manageFrameworks");
  await db.transaction().execute(async (tx) => {
    if (!(await deleteDraftFramework(tx, id))) throw notFound();
    await audit(tx, { user: actor, agencyId: null, action: "framework.delete", entity: "framework", entityId: id });
  });
  return { ok: true };
}
