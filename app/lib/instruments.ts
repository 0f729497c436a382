import { INSTRUMENTS, type Instrument, type SurveyInstrument } from "../ita/framework";

/**
 * One vocabulary for the three ITA instruments. `Instrument` ("IIT" | "EIT" | "OIT") is the ITA's own
 * name, used in the domain, the interface and the API; `SurveyKind` ("iit" | "eit") is how a questionnaire
 * is keyed in URLs, files (surveys/<id>/iit.json) and stored rows.
 */
export { INSTRUMENTS, type Instrument, type SurveyInstrument };

export const SURVEY_KINDS = ["iit", "eit"] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

export function isSurveyKind(value: unknown): value is SurveyKind {
  return value === "iit" || value === "eit";
}

export function instrumentOf(kind: SurveyKind): SurveyInstrument {
  return kind === "iit" ? "IIT" : "EIT";
}
