export { draftReport, FIXED_SECTIONS, indicatorSection, reportTitle } from "./draft";
export type { DraftInput, ReportBasis, ReportDraft, ReportFigures } from "./draft";
export { composeProgress, composeReport, DEFAULT_OPTIONS, sectionText, STATUS_TH, withThaiDigits } from "./document";
export type { Block, MeasureRowView, PrintOptions } from "./document";
export { followUpDate, measurePoints, proposeMeasures } from "./measures";
export type { ProposedMeasure } from "./measures";
export { fill, parseReportTexts } from "./texts";
export type { IndicatorTexts, ReportTexts } from "./texts";
export { formatThaiDate, toGregorian, toThaiDigits, todayIn } from "./thai";
