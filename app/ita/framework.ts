import { z } from "zod";
import {
  CROSS_CHECKS,
  formatPath,
  zodIssueTh,
  type CrossCheck,
  type CrossCheckParams,
  type FrameworkIssue,
} from "./framework-messages";

/** The three ITA instruments: staff survey, external survey, open-data checklist. */
export const INSTRUMENTS = ["IIT", "EIT", "OIT"] as const;
export type Instrument = (typeof INSTRUMENTS)[number];
/** The instruments answered as questionnaires (scored from answers or tallies). */
export type SurveyInstrument = Exclude<Instrument, "OIT">;

const text = z.string().min(1);
const points = z.number().min(0).max(100);

const indicatorSchema = z.object({
  number: z.number().int().positive(),
  nameTh: text,
  nameEn: text,
  instrument: z.enum(INSTRUMENTS),
  weight: z.number().positive(),
});

const choiceSchema = z.object({
  level: z.number().int().min(0),
  labelTh: text,
  labelEn: text,
  points,
  reversePoints: points,
  /** The answer's words on the questionnaire, when they differ from the label (e.g. "Very much" for "Most"). */
  answerTh: text.optional(),
  answerEn: text.optional(),
});

/** The words a respondent reads (the row of a matrix, a question's title); the topic when absent. */
const questionWording = { questionTh: text.optional(), questionEn: text.optional() };

const subItemSchema = z.object({ topicTh: text, topicEn: text, reverse: z.boolean(), ...questionWording });

const itemSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  indicator: z.number().int(),
  scale: text,
  reverse: z.boolean(),
  topicTh: text,
  topicEn: text,
  subItems: z.array(subItemSchema).min(1).optional(),
  note: z.string().optional(),
  ...questionWording,
});

/** How sure the data is: quoted from a source, worked out from one, or weak (shown in the interface). */
const certainty = z.enum(["stated", "inferred", "uncertain"]);

const oitItemSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  indicator: z.number().int(),
  subindicator: text,
  groupTh: z.string().optional(),
  topicTh: text,
  topicEn: text,
  /** Where the item's certainty differs from the framework's note on its OIT list. */
  status: certainty.optional(),
  /**
   * What evidence the NACC expects for the item (our own short words, Thai and English, both or neither), and
   * how sure that reading is: "stated" when a source says it, "inferred" when read from the item's title.
   */
  evidenceTh: text.optional(),
  evidenceEn: text.optional(),
  evidenceStatus: certainty.optional(),
  /**
   * The items of `previousFramework`'s checklist this item continues (a merged item lists several); an empty
   * list means new this year. Absent when the framework names no previous one.
   */
  previous: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/)).optional(),
  previousStatus: certainty.optional(),
});

/** A note on what part of a framework is known, from where, and what is assumed (shown beside that part). */
const provenanceSchema = z.object({
  part: z.enum(["indicators", "weights", "items", "oit", "rating", "samples", "reportTexts"]),
  status: certainty,
  noteTh: text,
  noteEn: text,
});

/**
 * One label of a labelled rating (from 2566): reached when the 2-decimal total is at least `minTotal` and,
 * when `minEachInstrument` is set, each instrument's 2-decimal score (mean of its indicators) is at least it.
 */
const ratingLabelSchema = z.object({
  label: text,
  labelEn: text,
  /** Whether the label counts as passing (the NACC's "ผ่าน" side of the line). */
  passes: z.boolean(),
  minTotal: points,
  minEachInstrument: points.optional(),
});

/** The labelled rating rule of a year: labels from the highest down; the first one reached is the result. */
const ratingSchema = z.object({
  /** "uncertain" when the rule is not from an official handbook: the interface says so beside every label. */
  status: z.enum(["stated", "uncertain"]),
  noteTh: text,
  noteEn: text,
  labels: z.array(ratingLabelSchema).min(2),
});

/**
 * A framework id: a year's name (`ita-2568`), and for a later version of it `.<version>` (`ita-2568.2`, issue 17:
 * a published framework is never changed, a correction is a new version).
 */
export const FRAMEWORK_ID_PATTERN = /^[a-z0-9][a-z0-9-]*(\.[0-9]+)?$/;

/** The year's name and version of a framework id: `ita-2568.2` → ita-2568, 2; `ita-2568` → ita-2568, 1. */
export function frameworkVersionOf(id: string): { baseId: string; version: number } {
  const match = /^(.*)\.([0-9]+)$/.exec(id);
  return match ? { baseId: match[1]!, version: Number(match[2]) } : { baseId: id, version: 1 };
}

const frameworkObject = z.object({
  id: z.string().regex(FRAMEWORK_ID_PATTERN),
  year: z.number().int(),
  titleTh: text,
  titleEn: text,
  /** grades: AA…F bands on the total (2565); pass_fail: the target; labels: `rating` (from 2566). */
  gradingMode: z.enum(["grades", "pass_fail", "labels"]),
  target: points,
  strengthLine: points,
  indicators: z.array(indicatorSchema).min(1),
  subindicators: z.array(
    z.object({ id: text, indicator: z.number().int(), nameTh: text, nameEn: text, status: certainty.optional() }),
  ),
  scales: z.record(z.string(), z.object({ choices: z.array(choiceSchema).min(2) })),
  items: z.object({ IIT: z.array(itemSchema), EIT: z.array(itemSchema) }),
  oitItems: z.array(oitItemSchema),
  respondentTypes: z
    .array(z.object({ id: text, labelTh: text, labelEn: text, answerTh: text.optional(), answerEn: text.optional() }))
    .min(1),
  gradeBands: z.array(z.object({ grade: text, min: points })),
  rating: ratingSchema.optional(),
  sampleSize: z.object({
    iit: z.object({ default: z.number().int().positive(), allWhenFewer: z.boolean() }),
    eitByAgency: z.array(
      z.object({ agencyType: text, agencyTypeTh: text, size: text, min: z.number().int().positive() }),
    ),
    eitOther: z.object({
      percent: z.number().positive().max(100),
      min: z.number().int().positive(),
      max: z.number().int().positive(),
    }),
    minIitGroup: z.number().int().positive(),
  }),
  sources: z.array(z.string()).optional(),
  /** The framework of the year before, whose OIT item ids the `previous` lists of `oitItems` name. */
  previousFramework: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/)
    .optional(),
  /** What is known about this year and what is assumed, part by part (none for the well-sourced 2565). */
  provenance: z.array(provenanceSchema).optional(),
});

export type Framework = z.infer<typeof frameworkObject>;
export type Indicator = Framework["indicators"][number];
export type SurveyItem = z.infer<typeof itemSchema>;
export type OitItem = z.infer<typeof oitItemSchema>;
export type Choice = z.infer<typeof choiceSchema>;
export type SubItem = z.infer<typeof subItemSchema>;
export type RatingLabel = z.infer<typeof ratingLabelSchema>;
export type RatingRule = z.infer<typeof ratingSchema>;
export type Provenance = z.infer<typeof provenanceSchema>;

/** A framework file as read, before its shape is known: every part may be missing or of the wrong type. */
type Loose<T> = T extends readonly (infer U)[]
  ? Loose<U>[] | undefined
  : T extends object
    ? { [K in keyof T]?: Loose<T[K]> } | undefined
    : T | undefined;

const list = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : []);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

interface CrossIssue {
  path: (string | number)[];
  messageEn: string;
  messageTh: string;
}

/**
 * Cross-checks zod cannot express field by field: the framework must be one coherent ITA model. Reads the
 * file defensively (it runs even when some fields have the wrong shape, so a check lists every problem at
 * once) and skips a check whose inputs are themselves wrong (zod reports those).
 */
function crossCheck(input: unknown): CrossIssue[] {
  if (!isRecord(input)) return [];
  const fw = input as Loose<Framework> & object;
  const issues: CrossIssue[] = [];
  const fail = <C extends CrossCheck>(path: (string | number)[], code: C, params: CrossCheckParams<C>) => {
    const words = CROSS_CHECKS[code] as {
      en: (p: CrossCheckParams<C>) => string;
      th: (p: CrossCheckParams<C>) => string;
    };
    issues.push({ path, messageEn: words.en(params), messageTh: words.th(params) });
  };
  const indicators = list(fw.indicators);
  const byNumber = new Map<unknown, NonNullable<(typeof indicators)[number]>>();
  indicators.forEach((indicator, i) => {
    if (!indicator) return;
    if (byNumber.has(indicator.number))
      fail(["indicators", i, "number"], "duplicateIndicator", { number: indicator.number });
    else byNumber.set(indicator.number, indicator);
  });
  if (indicators.length > 0 && indicators.every((i) => typeof i?.weight === "number")) {
    const sum = indicators.reduce((total, i) => total + (i?.weight ?? 0), 0);
    if (Math.abs(sum - 100) > 1e-9) fail(["indicators"], "weightSum", { sum: Math.round(sum * 1e6) / 1e6 });
  }

  const scales = isRecord(fw.scales) ? fw.scales : {};
  for (const [name, scale] of Object.entries(scales)) {
    const choices = list(isRecord(scale) ? scale.choices : undefined);
    choices.forEach((c, index) => {
      if (typeof c?.level === "number" && c.level !== index)
        fail(["scales", name, "choices", index, "level"], "scaleLevels", { scale: name, last: choices.length - 1 });
    });
  }

  const ids = new Set<unknown>();
  const claim = (id: unknown, path: (string | number)[]) => {
    if (typeof id !== "string") return;
    if (ids.has(id)) fail(path, "duplicateItem", { id });
    ids.add(id);
  };
  const items = isRecord(fw.items) ? fw.items : {};
  for (const instrument of ["IIT", "EIT"] as const) {
    list(items[instrument]).forEach((item, i) => {
      if (!item) return;
      const at = (key: string) => ["items", instrument, i, key];
      claim(item.id, at("id"));
      if (typeof item.indicator === "number") {
        const indicator = byNumber.get(item.indicator);
        if (!indicator) fail(at("indicator"), "missingIndicator", { id: item.id, indicator: item.indicator });
        else if (indicator.instrument !== instrument)
          fail(at("indicator"), "wrongInstrument", {
            id: item.id,
            indicator: item.indicator,
            owner: indicator.instrument,
            instrument,
          });
      }
      if (typeof item.scale === "string" && !Object.hasOwn(scales, item.scale))
        fail(at("scale"), "unknownScale", { id: item.id, scale: item.scale });
    });
  }
  const subindicators = list(fw.subindicators);
  const subs = new Map<unknown, NonNullable<(typeof subindicators)[number]>>();
  subindicators.forEach((sub, i) => {
    if (!sub) return;
    if (subs.has(sub.id)) fail(["subindicators", i, "id"], "duplicateSubindicator", { id: sub.id });
    else subs.set(sub.id, sub);
    if (typeof sub.indicator === "number" && byNumber.get(sub.indicator)?.instrument !== "OIT")
      fail(["subindicators", i, "indicator"], "subindicatorNotOit", { id: sub.id, indicator: sub.indicator });
  });
  const oitItems = list(fw.oitItems);
  const previousFramework = typeof fw.previousFramework === "string" ? fw.previousFramework : undefined;
  if (previousFramework !== undefined && previousFramework === fw.id)
    fail(["previousFramework"], "previousIsSelf", { id: previousFramework });
  oitItems.forEach((item, i) => {
    if (!item) return;
    claim(item.id, ["oitItems", i, "id"]);
    if ((item.evidenceTh === undefined) !== (item.evidenceEn === undefined))
      fail(["oitItems", i, item.evidenceTh === undefined ? "evidenceTh" : "evidenceEn"], "evidenceBoth", {
        id: item.id,
      });
    if (item.evidenceStatus !== undefined && item.evidenceTh === undefined && item.evidenceEn === undefined)
      fail(["oitItems", i, "evidenceStatus"], "evidenceStatusAlone", { id: item.id });
    if (item.previous !== undefined && previousFramework === undefined)
      fail(["oitItems", i, "previous"], "previousWithoutFramework", { id: item.id });
    if (item.previousStatus !== undefined && item.previous === undefined)
      fail(["oitItems", i, "previousStatus"], "previousStatusAlone", { id: item.id });
    const previous = list(item.previous);
    if (new Set(previous).size !== previous.length)
      fail(["oitItems", i, "previous"], "previousRepeated", { id: item.id });
    if (typeof item.subindicator !== "string") return;
    const sub = subs.get(item.subindicator);
    if (!sub) fail(["oitItems", i, "subindicator"], "missingSubindicator", { id: item.id, sub: item.subindicator });
    else if (typeof item.indicator === "number" && sub.indicator !== item.indicator)
      fail(["oitItems", i, "subindicator"], "subindicatorElsewhere", {
        id: item.id,
        sub: sub.id,
        owner: sub.indicator,
        indicator: item.indicator,
      });
  });

  indicators.forEach((indicator, i) => {
    if (!indicator || typeof indicator.number !== "number") return;
    const instrument = indicator.instrument;
    const mine = (o: { indicator?: unknown } | undefined) => o?.indicator === indicator.number;
    const count =
      instrument === "OIT"
        ? oitItems.filter(mine).length
        : instrument === "IIT" || instrument === "EIT"
          ? list(items[instrument]).filter(mine).length
          : 1;
    if (count === 0) fail(["indicators", i], "indicatorWithoutItems", { number: indicator.number });
  });
  subindicators.forEach((sub, i) => {
    if (sub && !oitItems.some((o) => o?.subindicator === sub.id))
      fail(["subindicators", i], "subindicatorWithoutItems", { id: sub.id });
  });

  const bands = list(fw.gradeBands);
  if (fw.gradingMode === "grades") {
    if (bands.length === 0) fail(["gradeBands"], "noGradeBands", {});
    else if (!bands.some((b) => b?.min === 0)) fail(["gradeBands"], "lowestBand", {});
    if (new Set(bands.map((b) => b?.min)).size !== bands.length) fail(["gradeBands"], "distinctBands", {});
  }
  if (fw.gradingMode === "labels") {
    if (!isRecord(fw.rating)) fail(["rating"], "noRating", {});
    else {
      const labels = list(fw.rating.labels);
      if (new Set(labels.map((l) => l?.label)).size !== labels.length) fail(["rating", "labels"], "distinctLabels", {});
      labels.forEach((l, i) => {
        const next = labels[i + 1];
        if (typeof next?.minTotal === "number" && typeof l?.minTotal === "number" && next.minTotal > l.minTotal)
          fail(["rating", "labels", i + 1, "minTotal"], "labelOrder", { label: l.label, next: next.label });
      });
      const last = labels[labels.length - 1];
      if (last && (last.minTotal !== 0 || last.minEachInstrument !== undefined))
        fail(["rating", "labels", labels.length - 1], "lastLabel", {});
    }
  } else if (fw.rating !== undefined) fail(["rating"], "ratingUnused", { mode: fw.gradingMode });
  return issues;
}

/** The framework schema: the shape of every field, then the cross-checks. */
export const frameworkSchema = frameworkObject.superRefine((fw, ctx) => {
  for (const issue of crossCheck(fw)) ctx.addIssue({ code: "custom", path: issue.path, message: issue.messageEn });
});

export class FrameworkError extends Error {
  override name = "FrameworkError";
}

/**
 * Every problem of a framework file at once, each with its place (`indicators[3].weight`) and its words in
 * Thai and English: the shape of each field (zod) and the cross-checks, which run even when a field is wrong.
 * An empty list means the file is a valid framework.
 */
export function checkFramework(json: unknown): FrameworkIssue[] {
  const shape = frameworkObject.safeParse(json, { reportInput: true });
  const issues: FrameworkIssue[] = shape.success
    ? []
    : shape.error.issues.map((issue) => ({
        path: formatPath(issue.path),
        messageTh: zodIssueTh(issue),
        messageEn: issue.message,
      }));
  for (const issue of crossCheck(shape.success ? shape.data : json)) {
    issues.push({ path: formatPath(issue.path), messageTh: issue.messageTh, messageEn: issue.messageEn });
  }
  return issues;
}

/**
 * Validates a framework file (the published ITA model of one year: indicators, weights,
 * items, answer points, grade bands) and returns it typed. Throws FrameworkError listing every problem.
 */
export function parseFramework(json: unknown): Framework {
  const result = frameworkSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = checkFramework(json).map((i) => (i.path ? `${i.path}: ${i.messageEn}` : i.messageEn));
  throw new FrameworkError(`invalid ITA framework:\n- ${problems.join("\n- ")}`);
}

/** The indicators of one instrument, in indicator order. */
export function indicatorsOf(fw: Framework, instrument: Instrument): Indicator[] {
  return fw.indicators.filter((i) => i.instrument === instrument).sort((a, b) => a.number - b.number);
}

/** Number of scored parts of a question: its sub-items, or 1 when it has none. */
export function partCount(item: SurveyItem): number {
  return item.subItems?.length ?? 1;
}

/**
 * Points of one answer (ITA item score): the chosen level's points from the framework scale,
 * mirrored (reversePoints) for a reverse item. `sub` is 0 for a question without sub-items,
 * else 1..n, and a sub-item's own reverse flag wins (i11 mixes both).
 */
export function pointsFor(fw: Framework, item: SurveyItem, sub: number, level: number): number {
  const choice = fw.scales[item.scale]?.choices[level];
  if (!choice) throw new RangeError(`${item.id}: level ${level} is not on scale ${item.scale}`);
  const part = sub === 0 ? undefined : item.subItems?.[sub - 1];
  if (sub !== 0 && !part) throw new RangeError(`${item.id}: no sub-item ${sub}`);
  if (sub === 0 && item.subItems) throw new RangeError(`${item.id}: answer each sub-item, not the question`);
  const reverse = part ? part.reverse : item.reverse;
  return reverse ? choice.reversePoints : choice.points;
}
