import { RespondentShell } from "../../components/respondent/respondent-shell";
import {
  respondentData,
  respondentHeaders,
  respondentLinks,
  respondentMeta,
  SurveyScriptsPreload,
} from "../../components/respondent/route-parts";
import { LateSurveyRunner, loadSurveyRunner } from "../../components/respondent/late-survey-runner";
import { langFromRequest, useLang } from "../../lib/i18n";
import { clientScriptsOf } from "../../server/client-scripts.server";
import { getDb } from "../../server/db.server";
import { loadRespondentPage } from "../../services/submissions/respondent-page.server";
import type { Route } from "./+types/eit";

const TITLE = { th: "แบบสอบถามผู้รับบริการและผู้มาติดต่อ (EIT)", en: "Questionnaire for citizens and stakeholders (EIT)" };

/** The module the questionnaire is in, with SurveyJS (loaded after the first paint, decision 0017). */
const SURVEY_RUNNER = "app/components/respondent/survey-runner.tsx";

export const links: Route.LinksFunction = respondentLinks;
export const headers: Route.HeadersFunction = respondentHeaders;
export const meta: Route.MetaFunction = ({ matches }) => respondentMeta(TITLE, matches);

export async function loader({ request, params }: Route.LoaderArgs) {
  const channelKey = new URL(request.url).searchParams.get("c");
  const page = await loadRespondentPage(await getDb(), {
    slug: params.roundSlug,
    kind: "eit",
    lang: langFromRequest(request),
    channelKey,
  });
  if (page.state === "open") await loadSurveyRunner(); // rendered on the server now, in the browser after the paint
  return respondentData(page, clientScriptsOf(SURVEY_RUNNER, "app/routes/respondent/eit.tsx"));
}

export default function EitPage({ loaderData: page }: Route.ComponentProps) {
  const lang = useLang();
  return (
    <RespondentShell page={page} title={TITLE}>
      <SurveyScriptsPreload hrefs={page.surveyScripts} />
      {page.state === "open" && (
        <LateSurveyRunner
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
