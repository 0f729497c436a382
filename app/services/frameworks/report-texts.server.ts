import fs from "node:fs";
import path from "node:path";
import { parseReportTexts, type ReportTexts } from "../../report/texts";
import { surveysDir } from "./frameworks.server";

const cache = new Map<string, ReportTexts>();

/**
 * The report texts of a framework: surveys/<id>/report-texts.json (each ITA year brings its own).
 * Throws a clear error when the framework has none.
 */
export function loadReportTexts(frameworkId: string, dir: string = surveysDir()): ReportTexts {
  const file = path.join(path.resolve(dir), frameworkId, "report-texts.json");
  const cached = cache.get(file);
  if (cached) return cached;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(frameworkId) || !fs.existsSync(file))
    throw new Error(`framework "${frameworkId}" has no report texts (${file})`);
  const texts = parseReportTexts(JSON.parse(fs.readFileSync(file, "utf8")));
  if (texts.framework !== frameworkId) throw new Error(`${file} declares framework "${texts.framework}"`);
  cache.set(file, texts);
  return texts;
}

export function hasReportTexts(frameworkId: string): boolean {
  try {
    loadReportTexts(frameworkId);
    return true;
  } catch {
    return false;
  }
}
