import { z } from "zod";
import type { Db } from "../../db/client";
import {
  deleteOfficialResult,
  findOfficialResult,
  listOfficialResults,
  saveOfficialResult,
} from "../../db/repositories/official-results";
import type { OfficialResultRow } from "../../db/repositories/official-results";
import { analyze, formatAnalysisJson, parseIndicatorScores } from "../ita";
import type { AnalysisJson, IndicatorScores } from "../ita";
import { audit } from "../server/audit.server";
import { listFrameworks, loadFramework } from "./frameworks/frameworks.server";
import { newId, nowIso } from "../server/ids.server";

export type FieldError = { field: string; message: string; messageTh: string };

export type OfficialResult = {
  id: string;
  fiscalYear: number;
  framework: string;
  scores: IndicatorScores;
  publishedTotal: number | null;
  publishedGrade: string | null;
  note: string | null;
  updatedAt: string;
  analysis: AnalysisJson;
};

/** An official result with the app's own analysis of its ten scores (recomputed total beside the published one). */
export function withAnalysis(row: OfficialResultRow): OfficialResult {
  const fw = loadFramework(row.framework);
  const { scores } = parseIndicatorScores(fw, JSON.parse(row.scores));
  return {
    id: row.id,
    fiscalYear: Number(row.fiscal_year),
    framework: row.framework,
    scores,
    publishedTotal: row.published_total === null ? null : Number(row.published_total),
    publishedGrade: row.published_grade,
    note: row.note,
    updatedAt: row.updated_at,
    analysis: formatAnalysisJson(analyze(fw, scores), fw),
  };
}

export async function listOfficialWithAnalysis(db: Db, agencyId: string): Promise<OfficialResult[]> {
  return (await listOfficialResults(db, agencyId)).map(withAnalysis);
}

const optionalNumber = z.preprocess(
  (v) => (v === "" || v == null ? null : Number(String(v).replace(",", "."))),
  z.number().min(0).max(100).nullable(),
);

const formSchema = z.object({
  fiscal_year: z.coerce.number().int().min(2500).max(2700),
  framework: z.string().refine((id) => listFrameworks().includes(id)),
  published_total: optionalNumber,
  published_grade: z.preprocess(
    (v) => (typeof v === "string" && v.trim() ? v.trim().slice(0, 10) : null),
    z.string().nullable(),
  ),
  note: z.preprocess(
    (v) => (typeof v === "string" && v.trim() ? v.trim().slice(0, 2000) : null),
    z.string().nullable(),
  ),
});

const th: Record<string, string> = {
  fiscal_year: "ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2565",
  framework: "ไม่รู้จักกรอบการประเมินนี้",
  published_total: "คะแนนรวมต้องเป็นตัวเลข 0–100",
};

/** Reads the official-results form; every indicator of the framework needs a score from 0 to 100. */
export function parseOfficialForm(form: FormData): {
  value?: Omit<OfficialResult, "id" | "updatedAt" | "analysis">;
  errors: FieldError[];
} {
  const raw = Object.fromEntries(form);
  const parsed = formSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      errors: parsed.error.issues.map((i) => {
        const field = String(i.path[0] ?? "form");
        return { field, message: `${field}: ${i.message}`, messageTh: th[field] ?? "ข้อมูลไม่ถูกต้อง" };
      }),
    };
  }
  const fw = loadFramework(parsed.data.framework);
  const errors: FieldError[] = [];
  const rawScores: Record<string, unknown> = {};
  for (const i of fw.indicators) {
    const text = String(raw[`s${i.number}`] ?? "")
      .trim()
      .replace(",", ".");
    const value = Number(text);
    if (text === "" || !Number.isFinite(value) || value < 0 || value > 100)
      errors.push({
        field: `s${i.number}`,
        message: `indicator ${i.number}: enter a score from 0 to 100`,
        messageTh: `ตัวชี้วัดที่ ${i.number}: กรอกคะแนน 0–100`,
      });
    else rawScores[i.number] = value;
  }
  if (errors.length) return { errors };
  const { scores } = parseIndicatorScores(fw, rawScores);
  return {
    errors: [],
    value: {
      fiscalYear: parsed.data.fiscal_year,
      framework: fw.id,
      scores,
      publishedTotal: parsed.data.published_total,
      publishedGrade: parsed.data.published_grade,
      note: parsed.data.note,
    },
  };
}

/** Saves (inserts or replaces) an agency's official results of a year and writes the audit line. */
export async function saveOfficial(
  db: Db,
  user: { id: string },
  agencyId: string,
  value: NonNullable<ReturnType<typeof parseOfficialForm>["value"]>,
): Promise<string> {
  const now = nowIso();
  const id = await saveOfficialResult(db, {
    id: newId(),
    agency_id: agencyId,
    fiscal_year: value.fiscalYear,
    framework: value.framework,
    scores: JSON.stringify(value.scores),
    published_total: value.publishedTotal,
    published_grade: value.publishedGrade,
    note: value.note,
    created_by: user.id,
    created_at: now,
    updated_by: user.id,
    updated_at: now,
  });
  await audit(db, {
    user,
    agencyId,
    action: "official.save",
    entity: "official_result",
    entityId: id,
    detail: { fiscalYear: value.fiscalYear, framework: value.framework, publishedTotal: value.publishedTotal },
  });
  return id;
}

/** Deletes an agency's official results of a year and writes the audit line; false when there were none. */
export async function removeOfficial(
  db: Db,
  user: { id: string },
  agencyId: string,
  fiscalYear: number,
): Promise<boolean> {
  const row = await findOfficialResult(db, agencyId, fiscalYear);
  if (!row || !(await deleteOfficialResult(db, agencyId, fiscalYear))) return false;
  await audit(db, {
    user,
    agencyId,
    action: "official.delete",
    entity: "official_result",
    entityId: row.id,
    detail: {
      fiscalYear,
      framework: row.framework,
      publishedTotal: row.published_total === null ? null : Number(row.published_total),
    },
  });
  return true;
}
