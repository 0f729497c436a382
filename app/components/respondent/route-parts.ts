import { data } from "react-router";
import { pageTitle, type Text } from "../../lib/i18n";
import surveyCss from "survey-core/survey-core.fontless.min.css?url";
import type { RespondentPage } from "../../services/submissions/respondent-page.server";
import respondentCss from "../../styles/respondent.css?url";

// What the EIT and IIT route modules share: SurveyJS's CSS and ours load only on these pages,
// and the loader's no-store header reaches the browser (answers never sit in a shared cache).
export const respondentLinks = () => [
  { rel: "stylesheet", href: surveyCss },
  { rel: "stylesheet", href: respondentCss },
];

export function respondentHeaders({ loaderHeaders }: { loaderHeaders: Headers }) {
  return loaderHeaders;
}

export function respondentMeta(title: Text, matches: readonly unknown[]) {
  return [...pageTitle(matches, title), { name: "robots", content: "noindex" }];
}

/** A respondent page's loader data: 404 for an unknown or draft round; an open questionnaire is never cached. */
export function respondentData(page: RespondentPage) {
  if (page.state === "unknown") return data<RespondentPage>(page, { status: 404 });
  if (page.state === "open") return data<RespondentPage>(page, { headers: { "Cache-Control": "no-store" } });
  return data<RespondentPage>(page);
}
