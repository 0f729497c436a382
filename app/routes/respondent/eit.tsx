import surveyCss from "survey-core/survey-core.fontless.min.css?url";
import { RespondentShell } from "../../components/respondent/respondent-shell";
import { SurveyRunner } from "../../components/respondent/survey-runner";
import { langFromRequest, useLang } from "../../lib/i18n";
import { loadRespondentPage } from "../../lib/respondent.server";
import respondentCss from "../../styles/respondent.css?url";
import type { Route } from "./+types/eit";

const TITLE = { th: "แบบสอบถามผู้รับบริการและผู้มาติดต่อ (EIT)", en: "Questionnaire for citizens and stakeholders (EIT)" };

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
  const channelKey = new URL(request.url).searchParams.get("c");
  return loadRespondentPage({ slug: params.roundSlug, kind: "eit", lang: langFromRequest(request), channelKey });
}

export default function EitPage({ loaderData: page }: Route.ComponentProps) {
  const lang = useLang();
  return (
    <RespondentShell page={page} title={TITLE}>
      {page.state === "open" && (
        <SurveyRunner
          json={page.survey}
          lang={lang}
          storageKey={`ita:eit:${page.slug}`}
          keeping={page.kiosk ? "none" : "local"}
          body={{ round: page.slug, instrument: "eit", ...(page.channel ? { channel: page.channel } : {}) }}
          kioskIdleSeconds={page.kiosk ? page.kioskIdleSeconds : null}
        />
      )}
    </RespondentShell>
  );
}
