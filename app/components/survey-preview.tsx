import "survey-core/i18n/thai";
import { useMemo } from "react";
import { Model } from "survey-core";
import { Survey } from "survey-react-ui";
import type { Lang } from "../lib/i18n";

/**
 * A generated SurveyJS questionnaire shown read-only, every page at once: what respondents would see, for
 * checking a framework before it is published. Nothing can be answered or sent.
 */
export function SurveyPreview({ json, lang }: { json: Record<string, unknown>; lang: Lang }) {
  const model = useMemo(() => {
    const m = new Model(json);
    m.locale = lang === "en" ? "en" : "th";
    m.mode = "display";
    m.questionsOnPageMode = "singlePage";
    m.showNavigationButtons = false;
    m.showCompletePage = false;
    m.showProgressBar = "off";
    // The title in our own markup: the trimmed SurveyJS stylesheet (decision 0013) keeps no rules for its header.
    m.showTitle = false;
    return m;
  }, [json, lang]);
  return (
    <>
      <h3 className="survey-title">{model.title}</h3>
      <Survey model={model} />
    </>
  );
}
