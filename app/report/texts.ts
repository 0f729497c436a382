import { z } from "zod";

/** The Thai texts a framework's measures report is drafted from (surveys/<framework>/report-texts.json). */
export interface ReportTexts {
  framework: string;
  rationale: string;
  analysisIntro: string;
  noWeakness: string;
  belowTargetNone: string;
  belowTargetLead: string;
  recommendationsMaintain: string;
  focusLead: string;
  focusMissing: string;
  monitoring: string;
  /** MM-DD of the progress report in the measures year (Gregorian month and day). */
  followUpMonthDay: string;
  situations: { weak: string; belowTarget: string };
  oitMeasure: { measure: string; steps: string };
  subindicators: Record<string, { responsible: string }>;
  indicators: Record<string, IndicatorTexts>;
}

export interface IndicatorTexts {
  /** What the indicator measures, in a sentence or two. */
  about: string;
  /** One recommendation for an indicator below target. */
  advice: string;
  measure: string;
  steps: string;
  responsible: string;
}

/** Fills {name} placeholders; an unknown placeholder is left as written so that a typo shows. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

const indicatorTexts = z.object({
  about: z.string(),
  advice: z.string(),
  measure: z.string().min(1),
  steps: z.string(),
  responsible: z.string(),
});

const reportTextsSchema = z.object({
  framework: z.string().min(1),
  rationale: z.string(),
  analysisIntro: z.string(),
  noWeakness: z.string(),
  belowTargetNone: z.string(),
  belowTargetLead: z.string(),
  recommendationsMaintain: z.string(),
  focusLead: z.string(),
  focusMissing: z.string(),
  monitoring: z.string(),
  followUpMonthDay: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/),
  situations: z.object({ weak: z.string(), belowTarget: z.string() }),
  oitMeasure: z.object({ measure: z.string(), steps: z.string() }),
  subindicators: z.record(z.string(), z.object({ responsible: z.string() })),
  indicators: z.record(z.string(), indicatorTexts),
});

/** Validates a report-texts.json; the error names the first wrong field. */
export function parseReportTexts(json: unknown): ReportTexts {
  const parsed = reportTextsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`report texts: ${issue?.path.join(".") || "(root)"}: ${issue?.message}`);
  }
  return parsed.data;
}
