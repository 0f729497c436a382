import surveyCss from "survey-core/survey-core.fontless.min.css?url";
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

export function respondentMeta(title: { th: string }) {
  return [{ title: `${title.th} — ITA Survey` }, { name: "robots", content: "noindex" }];
}
