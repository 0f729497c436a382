import { RespondentShell } from "../../components/respondent/respondent-shell";
import {
  respondentData,
  respondentHeaders,
  respondentLinks,
  respondentMeta,
} from "../../components/respondent/route-parts";
import { SurveyRunner } from "../../components/respondent/survey-runner";
import { langFromRequest, useLang } from "../../lib/i18n";
import { getDb } from "../../server/db.server";
import { loadRespondentPage } from "../../services/submissions/respondent-page.server";
import type { Route } from "./+types/eit";

const TITLE = { th: "แบบสอบถามผู้รับบริการและผู้มาติดต่อ (EIT)", en: "Questionnaire for citizens and stakeholders (EIT)" };

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
  return respondentData(page);
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
