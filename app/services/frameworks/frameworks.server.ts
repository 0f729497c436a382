import fs from "node:fs";
import path from "node:path";
import type { Db } from "../../../db/client";
import { findPublishedFrameworkJson, listPublishedFrameworkJson } from "../../../db/repositories/frameworks";
import { FRAMEWORK_ID_PATTERN, parseFramework, type Framework } from "../../ita/framework";
import { generateQuestionnaire } from "../../ita/questionnaire";
import type { Lang } from "../../lib/i18n";
import type { SurveyKind } from "../../lib/instruments";
import { config } from "../../server/config.server";

// The framework years in SURVEYS_DIR: surveys/<id>/framework.json (the ITA method's items and scoring) and
// surveys/<id>/iit.json, eit.json (the SurveyJS questionnaires, hand-kept for 2565). A framework without its own
// iit.json/eit.json gets questionnaires generated from its items (app/ita/questionnaire.ts). Each file is read,
// and each questionnaire generated, once per process.
//
// Frameworks imported by a super-administrator (issue 17) live in the database (table frameworks); once
// published they never change, so each process keeps the ones it has met. A process that meets an id it does
// not know (another process published it) looks it up in the database: services call `frameworkFor(db, id)`
// or `ensureFrameworks(db, ids)` before the synchronous `loadFramework`, which serves both kinds. Drafts are
// never served here (rounds and official results may only name a published framework).

const FRAMEWORK_FILE = "framework.json";
const ID_PATTERN = FRAMEWORK_ID_PATTERN;
const frameworks = new Map<string, Framework>();
/** Published frameworks from the database that this process has met, by id. */
const imported = new Map<string, Framework>();
const questionnaires = new Map<string, Record<string, unknown>>();

/** The folder of the framework years: SURVEYS_DIR (default "surveys"), as an absolute path. */
export function surveysDir(): string {
  return config().SURVEYS_DIR;
}

/** Ids of the frameworks in `dir`: every folder that holds a framework.json, sorted. */
export function listFrameworks(dir: string = surveysDir()): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && ID_PATTERN.test(e.name) && fs.existsSync(path.join(dir, e.name, FRAMEWORK_FILE)))
    .map((e) => e.name)
    .sort();
}

/**
 * Loads `<dir>/<id>/framework.json`, validates it with parseFramework and caches it per (dir, id).
 * Throws a clear error for an unknown id or an invalid file.
 */
export function loadFramework(id: string, dir: string = surveysDir()): Framework {
  const root = path.resolve(dir);
  const key = `${root}\0${id}`;
  const cached = frameworks.get(key);
  if (cached) return cached;
  const file = path.join(root, id, FRAMEWORK_FILE);
  if (!ID_PATTERN.test(id) || !fs.existsSync(file)) {
    const published = imported.get(id);
    if (published) return published;
    const known = [...listFrameworks(root), ...imported.keys()];
    throw new Error(
      `unknown framework "${id}": no ${path.join(id, FRAMEWORK_FILE)} in ${root} (available: ${known.join(", ") || "none"})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`framework "${id}": ${file} is not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const framework = parseFramework(json);
  if (framework.id !== id) throw new Error(`framework "${id}": ${file} declares id "${framework.id}"`);
  frameworks.set(key, framework);
  return framework;
}

/** Whether `id` is a framework file of the surveys folder (not an imported one). */
export function isFileFramework(id: string, dir: string = surveysDir()): boolean {
  return ID_PATTERN.test(id) && fs.existsSync(path.join(path.resolve(dir), id, FRAMEWORK_FILE));
}

/**
 * Makes the published imported frameworks among `ids` known to this process (one query for those it has not
 * met; ids of framework files and unknown ids are left for loadFramework to serve or refuse).
 */
export async function ensureFrameworks(db: Db, ids: Iterable<string>): Promise<void> {
  for (const id of new Set(ids)) {
    if (imported.has(id) || !ID_PATTERN.test(id) || isFileFramework(id)) continue;
    const json = await findPublishedFrameworkJson(db, id);
    if (json) rememberPublished(id, json);
  }
}

function rememberPublished(id: string, json: string): Framework {
  const known = imported.get(id);
  if (known) return known;
  const framework = parseFramework(JSON.parse(json));
  if (framework.id !== id) throw new Error(`framework "${id}": the stored JSON declares id "${framework.id}"`);
  imported.set(id, framework);
  return framework;
}

/** A framework by id, a file or a published imported one (looked up in the database when this process has not met it). */
export async function frameworkFor(db: Db, id: string): Promise<Framework> {
  await ensureFrameworks(db, [id]);
  return loadFramework(id);
}

/** A round's questionnaire in one language, for a framework file or a published imported framework. */
export async function questionnaireFor(
  db: Db,
  id: string,
  kind: SurveyKind,
  lang: Lang,
): Promise<Record<string, unknown>> {
  await ensureFrameworks(db, [id]);
  return questionnaireIn(id, kind, lang);
}

/** One framework a round or an official result may name: a file of the surveys folder or a published import. */
export interface FrameworkChoice {
  id: string;
  year: number;
  titleTh: string;
  titleEn: string;
  source: "file" | "imported";
  framework: Framework;
}

/**
 * Every framework a round or an official result may use, newest year first: the files of the surveys folder
 * (a file that does not load is left out) and the published imported frameworks.
 */
export async function listFrameworkChoices(db: Db): Promise<FrameworkChoice[]> {
  const choices: FrameworkChoice[] = [];
  for (const id of listFrameworks()) {
    try {
      const fw = loadFramework(id);
      choices.push({ id, year: fw.year, titleTh: fw.titleTh, titleEn: fw.titleEn, source: "file", framework: fw });
    } catch {
      // an unreadable framework file is not offered
    }
  }
  for (const row of await listPublishedFrameworkJson(db)) {
    if (choices.some((c) => c.id === row.id)) continue;
    try {
      const fw = rememberPublished(row.id, row.json);
      choices.push({
        id: row.id,
        year: fw.year,
        titleTh: fw.titleTh,
        titleEn: fw.titleEn,
        source: "imported",
        framework: fw,
      });
    } catch {
      // a stored framework that no longer validates (a later, stricter schema) is not offered
    }
  }
  return choices.sort((a, b) => b.year - a.year || a.id.localeCompare(b.id));
}

/**
 * The SurveyJS questionnaire of a framework year, both languages, cached per (folder, framework, kind): its
 * hand-kept surveys/<id>/<kind>.json when the folder ships one, else generated from the framework's items.
 */
export function readQuestionnaire(
  framework: string,
  kind: SurveyKind,
  dir: string = surveysDir(),
): Record<string, unknown> {
  const file = path.join(path.resolve(dir), framework, `${kind}.json`);
  let json = questionnaires.get(file);
  if (!json) {
    if (!ID_PATTERN.test(framework)) throw new Error(`unknown framework "${framework}"`);
    json = fs.existsSync(file)
      ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>)
      : generateQuestionnaire(loadFramework(framework, dir), kind === "iit" ? "IIT" : "EIT");
    questionnaires.set(file, json);
  }
  return json;
}

/** Whether a framework year ships a hand-kept questionnaire (else it is generated from the framework). */
export function hasHandKeptQuestionnaire(framework: string, kind: SurveyKind, dir: string = surveysDir()): boolean {
  return ID_PATTERN.test(framework) && fs.existsSync(path.join(path.resolve(dir), framework, `${kind}.json`));
}

/** A round's SurveyJS questionnaire in one language: what the respondent and paper-entry pages show. */
export function questionnaireIn(framework: string, kind: SurveyKind, lang: Lang): Record<string, unknown> {
  return pickLanguage(readQuestionnaire(framework, kind), lang) as Record<string, unknown>;
}

/**
 * Keeps one language of SurveyJS localizable strings ({default: Thai, en: English}):
 * the page then carries half the text, and the model needs no locale fallback.
 */
export function pickLanguage(node: unknown, lang: Lang): unknown {
  if (Array.isArray(node)) return node.map((n) => pickLanguage(n, lang));
  if (!node || typeof node !== "object") return node;
  const record = node as Record<string, unknown>;
  const keys = Object.keys(record);
  if (typeof record.default === "string" && keys.every((k) => k === "default" || k === "en")) {
    return lang === "en" && typeof record.en === "string" ? record.en : record.default;
  }
  return Object.fromEntries(keys.map((k) => [k, pickLanguage(record[k], lang)]));
}

/** Forgets cached frameworks and questionnaires (tests, or after a new framework folder is deployed). */
export function clearFrameworkCache(): void {
  frameworks.clear();
  imported.clear();
  questionnaires.clear();
}
