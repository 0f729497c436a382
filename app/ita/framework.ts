import { z } from "zod";

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
});

const subItemSchema = z.object({ topicTh: text, topicEn: text, reverse: z.boolean() });

const itemSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  indicator: z.number().int(),
  scale: text,
  reverse: z.boolean(),
  topicTh: text,
  topicEn: text,
  subItems: z.array(subItemSchema).min(1).optional(),
  note: z.string().optional(),
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

const frameworkObject = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
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
  respondentTypes: z.array(z.object({ id: text, labelTh: text, labelEn: text })).min(1),
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
  /** What is known about this year and what is assumed, part by part (none for the well-sourced 2565). */
  provenance: z.array(provenanceSchema).optional(),
});

export type Framework = z.infer<typeof frameworkObject>;
export type Indicator = Framework["indicators"][number];
export type SurveyItem = z.infer<typeof itemSchema>;
export type OitItem = z.infer<typeof oitItemSchema>;
export type Choice = z.infer<typeof choiceSchema>;
export type RatingLabel = z.infer<typeof ratingLabelSchema>;
export type RatingRule = z.infer<typeof ratingSchema>;
export type Provenance = z.infer<typeof provenanceSchema>;

/** Cross-checks zod cannot express field by field: the framework must be one coherent ITA model. */
function crossCheck(fw: Framework, ctx: z.RefinementCtx): void {
  const fail = (message: string) => ctx.addIssue({ code: "custom", message });
  const byNumber = new Map(fw.indicators.map((i) => [i.number, i]));
  if (byNumber.size !== fw.indicators.length) fail("indicator numbers must be unique");
  const weightSum = fw.indicators.reduce((sum, i) => sum + i.weight, 0);
  if (Math.abs(weightSum - 100) > 1e-9) fail(`indicator weights sum to ${weightSum}, not 100`);

  for (const [name, scale] of Object.entries(fw.scales)) {
    scale.choices.forEach((c, index) => {
      if (c.level !== index) fail(`scale ${name}: choice levels must be 0..${scale.choices.length - 1} in order`);
    });
  }

  const ids = new Set<string>();
  const claim = (id: string) => {
    if (ids.has(id)) fail(`item id ${id} is used more than once`);
    ids.add(id);
  };
  for (const instrument of ["IIT", "EIT"] as const) {
    for (const item of fw.items[instrument]) {
      claim(item.id);
      const indicator = byNumber.get(item.indicator);
      if (!indicator) fail(`${item.id}: indicator ${item.indicator} does not exist`);
      else if (indicator.instrument !== instrument)
        fail(`${item.id}: indicator ${item.indicator} belongs to ${indicator.instrument}, not ${instrument}`);
      if (!fw.scales[item.scale]) fail(`${item.id}: unknown scale ${item.scale}`);
    }
  }
  const subs = new Map(fw.subindicators.map((s) => [s.id, s]));
  if (subs.size !== fw.subindicators.length) fail("subindicator ids must be unique");
  for (const sub of fw.subindicators) {
    if (byNumber.get(sub.indicator)?.instrument !== "OIT")
      fail(`subindicator ${sub.id}: indicator ${sub.indicator} is not an OIT indicator`);
  }
  for (const item of fw.oitItems) {
    claim(item.id);
    const sub = subs.get(item.subindicator);
    if (!sub) fail(`${item.id}: subindicator ${item.subindicator} does not exist`);
    else if (sub.indicator !== item.indicator)
      fail(`${item.id}: subindicator ${sub.id} belongs to indicator ${sub.indicator}, not ${item.indicator}`);
  }

  for (const indicator of fw.indicators) {
    const count =
      indicator.instrument === "OIT"
        ? fw.oitItems.filter((o) => o.indicator === indicator.number).length
        : fw.items[indicator.instrument].filter((i) => i.indicator === indicator.number).length;
    if (count === 0) fail(`indicator ${indicator.number} has no items`);
  }
  for (const sub of fw.subindicators) {
    if (!fw.oitItems.some((o) => o.subindicator === sub.id)) fail(`subindicator ${sub.id} has no items`);
  }

  if (fw.gradingMode === "grades") {
    if (fw.gradeBands.length === 0) fail("gradingMode grades needs gradeBands");
    else if (!fw.gradeBands.some((b) => b.min === 0)) fail("the lowest grade band must start at 0");
    if (new Set(fw.gradeBands.map((b) => b.min)).size !== fw.gradeBands.length)
      fail("grade bands must have distinct minimums");
  }
  if (fw.gradingMode === "labels") {
    const labels = fw.rating?.labels ?? [];
    if (!fw.rating) fail("gradingMode labels needs a rating");
    else {
      if (new Set(labels.map((l) => l.label)).size !== labels.length) fail("rating labels must be distinct");
      labels.forEach((l, i) => {
        const next = labels[i + 1];
        if (next && next.minTotal > l.minTotal)
          fail(`rating: labels go from the highest down (${next.label} needs more than ${l.label})`);
      });
      const last = labels[labels.length - 1];
      if (last && (last.minTotal !== 0 || last.minEachInstrument !== undefined))
        fail("rating: the last label must have no condition (minTotal 0, no minEachInstrument)");
    }
  } else if (fw.rating) fail(`a rating is only read with gradingMode labels, not ${fw.gradingMode}`);
}

export const frameworkSchema = frameworkObject.superRefine(crossCheck);

export class FrameworkError extends Error {
  override name = "FrameworkError";
}

/**
 * Validates a framework file (the published ITA model of one year: indicators, weights,
 * items, answer points, grade bands) and returns it typed. Throws FrameworkError listing every problem.
 */
export function parseFramework(json: unknown): Framework {
  const result = frameworkSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message));
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
