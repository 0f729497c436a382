import fs from "node:fs";
import path from "node:path";
import { FRAMEWORK_ID_PATTERN, type Framework } from "../../ita/framework";
import { parseReportTexts, type ReportTexts } from "../../report/texts";
import { listFrameworks, loadFramework, surveysDir } from "./frameworks.server";

const cache = new Map<string, ReportTexts>();

/**
 * The report texts of a framework: surveys/<id>/report-texts.json (each ITA year brings its own).
 * Throws a clear error when the framework has none.
 */
export function loadReportTexts(frameworkId: string, dir: string = surveysDir()): ReportTexts {
  const file = path.join(path.resolve(dir), frameworkId, "report-texts.json");
  const cached = cache.get(file);
  if (cached) return cached;
  if (!FRAMEWORK_ID_PATTERN.test(frameworkId) || !fs.existsSync(file))
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

/**
 * The report texts a framework's measures report is drafted from: its own (surveys/<id>/report-texts.json),
 * else, for an imported framework, those of the framework file with the same kind of rating (labels, or grades and pass/fail)
 * and the nearest year not after its own (else the nearest after). The source is named in `from`.
 */
export function reportTextsFor(framework: Framework): { texts: ReportTexts; from: string } {
  if (hasReportTexts(framework.id)) return { texts: loadReportTexts(framework.id), from: framework.id };
  const candidates = listFrameworks()
    .filter(hasReportTexts)
    .flatMap((id) => {
      try {
        const fw = loadFramework(id);
        return (fw.gradingMode === "labels") === (framework.gradingMode === "labels") ? [{ id, year: fw.year }] : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => {
      const before = (y: number) => (y <= framework.year ? 0 : 1);
      return before(a.year) - before(b.year) || Math.abs(framework.year - a.year) - Math.abs(framework.year - b.year);
    });
  const chosen = candidates[0];
  if (!chosen)
    throw new Error(`framework "${framework.id}" has no report texts and no framework file to borrow them from`);
  return { texts: loadReportTexts(chosen.id), from: chosen.id };
}
