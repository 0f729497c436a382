import fs from "node:fs";
import path from "node:path";
import type { Lang } from "../../lib/i18n";
import { pickLanguage } from "../submissions/respondent-page.server";

export type Kind = "iit" | "eit";

/** A round's SurveyJS questionnaire in one language (the same file the respondent pages use). */
export function readQuestionnaireIn(framework: string, kind: Kind, lang: Lang): Record<string, unknown> {
  const dir = process.env.SURVEYS_DIR || path.resolve("surveys");
  const json = JSON.parse(fs.readFileSync(path.join(dir, framework, `${kind}.json`), "utf8"));
  return pickLanguage(json, lang) as Record<string, unknown>;
}
