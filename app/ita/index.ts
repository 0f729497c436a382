export {
  FRAMEWORK_ID_PATTERN,
  FrameworkError,
  INSTRUMENTS,
  checkFramework,
  frameworkSchema,
  frameworkVersionOf,
  indicatorsOf,
  parseFramework,
  partCount,
  pointsFor,
} from "./framework";
export { formatPath, zodIssueTh } from "./framework-messages";
export { checkPreviousItems, oitSourcesOf, previousOf } from "./oit-previous";
export type { OitPrevious } from "./oit-previous";
export type { FrameworkIssue } from "./framework-messages";
export { generateQuestionnaire } from "./questionnaire";
export type { Localized, SurveyJson } from "./questionnaire";
export type {
  Choice,
  Framework,
  Indicator,
  Instrument,
  OitItem,
  RatingLabel,
  RatingRule,
  SurveyInstrument,
  SurveyItem,
} from "./framework";
export { instrumentMeans, rate, ratingLabels, ratingPhraseTh, ratingSteps, shortfallText, whyNotNext } from "./rating";
export type { Rating, RatingStep, Shortfall } from "./rating";
export { formatScore, round2, roundTo } from "./rounding";
export { COMMENT_FIELD, COMMENT_MAX_LENGTH, RESPONDENT_TYPE_FIELD, validateAnswers } from "./answers";
export type { AnswerError, AnswerValue, Answers } from "./answers";
export { scoreAnswers, scoreFromTallies, scoreRespondent, tallyAnswers } from "./scoring";
export type { IndicatorScores, QuestionScore, SurveyScores, Tallies, TallyRow } from "./scoring";
export { isEvidenceUrl, oitIndicatorScores, scoreOit } from "./oit";
export type { OitChecklist, OitEntry, OitIndicatorScore, OitItemScore, OitScores, OitSubindicatorScore } from "./oit";
export { analyze, gradeFor } from "./analysis";
export type { Analysis, AnalysisOptions, InstrumentResult, RankedIndicator } from "./analysis";
export { missingIndicators, parseIndicatorScores } from "./indicator-scores";
export type { ParsedIndicatorScores } from "./indicator-scores";
export { formatAnalysisJson } from "./format";
export type { AnalysisJson, RatingJson } from "./format";
export { formatAnalysisTextTh } from "./summary-th";
export { canShowIit, defaultEitSample, defaultIitSample } from "./sample";
export { compareFrameworks } from "./compare";
export type { FrameworkDifference } from "./compare";
export { indicatorGains, oitItemGains, ratingOf, weightedPoints } from "./points";
export type { IndicatorGain, OitGapStatus, OitItemGain } from "./points";
