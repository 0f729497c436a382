import fs from "node:fs";
import path from "node:path";
import { parseFramework, type Answers, type Framework, type SurveyInstrument } from "../../app/ita/index";
import { ROOT } from "./env";

export function readFramework(id = "ita-2565"): Framework {
  return parseFramework(JSON.parse(fs.readFileSync(path.join(ROOT, "surveys", id, "framework.json"), "utf8")));
}

/** A small deterministic generator (mulberry32), so that failures can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A complete, valid set of answers for one respondent, every level drawn at random. */
export function randomAnswers(
  fw: Framework,
  instrument: SurveyInstrument,
  random: () => number = Math.random,
): Answers {
  const answers: Answers = {};
  for (const item of fw.items[instrument]) {
    const levels = fw.scales[item.scale]!.choices.length;
    const pick = () => Math.floor(random() * levels);
    answers[item.id] = item.subItems
      ? Object.fromEntries(item.subItems.map((_, i) => [String(i + 1), pick()]))
      : pick();
  }
  if (instrument === "EIT")
    answers.respondent_type = fw.respondentTypes[Math.floor(random() * fw.respondentTypes.length)]!.id;
  return answers;
}
