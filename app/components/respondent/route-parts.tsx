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

/**
 * A respondent page's loader data: 404 for an unknown or draft round; an open questionnaire is never cached.
 * `surveyScripts`: SurveyJS's files, preloaded at low priority (`SurveyScriptsPreload`).
 */
export function respondentData(page: RespondentPage, surveyScripts: string[] = []) {
  type Data = RespondentPage & { surveyScripts: string[] };
  const body: Data = { ...page, surveyScripts: page.state === "open" ? surveyScripts : [] };
  if (page.state === "unknown") return data<Data>(body, { status: 404 });
  if (page.state === "open") return data<Data>(body, { headers: { "Cache-Control": "no-store" } });
  return data<Data>(body);
}

/**
 * SurveyJS's files, fetched from the start at low priority (React puts the links in the head): the stylesheets,
 * fonts and the page's own scripts go first, and SurveyJS is already there or on its way when the page has
 * painted and asks for it (late-survey-runner.tsx). Low priority keeps it out of what the first paint waits for.
 */
export function SurveyScriptsPreload({ hrefs }: { hrefs: string[] }) {
  return hrefs.map((href) => <link key={href} rel="modulepreload" href={href} fetchPriority="low" />);
}
