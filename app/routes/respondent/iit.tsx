import { IitAccess } from "../../components/respondent/iit-access";
import { RespondentShell } from "../../components/respondent/respondent-shell";
import {
  respondentData,
  respondentHeaders,
  respondentLinks,
  respondentMeta,
} from "../../components/respondent/route-parts";
import { langFromRequest } from "../../lib/i18n";
import { getDb } from "../../server/db.server";
import { loadRespondentPage } from "../../services/submissions/respondent-page.server";
import type { Route } from "./+types/iit";

const TITLE = { th: "แบบสอบถามบุคลากรของหน่วยงาน (IIT)", en: "Questionnaire for the agency's staff (IIT)" };

export const links: Route.LinksFunction = respondentLinks;
export const headers: Route.HeadersFunction = respondentHeaders;
export const meta: Route.MetaFunction = ({ matches }) => respondentMeta(TITLE, matches);

export async function loader({ request, params }: Route.LoaderArgs) {
  const page = await loadRespondentPage(await getDb(), {
    slug: params.roundSlug,
    kind: "iit",
    lang: langFromRequest(request),
  });
  return respondentData(page);
}

export default function IitPage({ loaderData: page }: Route.ComponentProps) {
  return (
    <RespondentShell page={page} title={TITLE} iit>
      {page.state === "open" && <IitAccess slug={page.slug} mode={page.iitAccess} survey={page.survey} />}
    </RespondentShell>
  );
}
