import surveyCss from "survey-core/survey-core.fontless.min.css?url";
import { IitAccess } from "../../components/respondent/iit-access";
import { RespondentShell } from "../../components/respondent/respondent-shell";
import { langFromRequest } from "../../lib/i18n";
import { loadRespondentPage } from "../../lib/respondent.server";
import respondentCss from "../../styles/respondent.css?url";
import type { Route } from "./+types/iit";

const TITLE = { th: "แบบสอบถามบุคลากรของหน่วยงาน (IIT)", en: "Questionnaire for the agency's staff (IIT)" };

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: surveyCss },
  { rel: "stylesheet", href: respondentCss },
];

// Answers and access never sit in a shared cache: the page is built per visitor.
export function headers({ loaderHeaders }: Route.HeadersArgs) {
  return loaderHeaders;
}

export function meta() {
  return [{ title: `${TITLE.th} — ITA Survey` }, { name: "robots", content: "noindex" }];
}

export async function loader({ request, params }: Route.LoaderArgs) {
  return loadRespondentPage({ slug: params.roundSlug, kind: "iit", lang: langFromRequest(request) });
}

export default function IitPage({ loaderData: page }: Route.ComponentProps) {
  return (
    <RespondentShell page={page} title={TITLE} iit>
      {page.state === "open" && <IitAccess slug={page.slug} mode={page.iitAccess} survey={page.survey} />}
    </RespondentShell>
  );
}
