import { AnalysisView } from "../../components/analysis-view";
import { AdminError } from "../../components/admin-error";
import { FrameworkNotes } from "../../components/framework-notes";
import { useT } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { getResultsPage } from "../../services/results/results.server";
import type { Route } from "./+types/results";

export const meta: Route.MetaFunction = () => [{ title: "ผลการประเมิน — ITA Survey" }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.readResults });
  return getResultsPage(await getDb(), user, params.roundId);
}

export default function ResultsPage({ loaderData, params }: Route.ComponentProps) {
  const t = useT();
  const { results: r, indicators, minSample, frameworkNotes } = loaderData;
  const base = `/admin/rounds/${params.roundId}`;
  return (
    <>
      <p className="no-print small">
        <a href={base}>{t({ th: "← กลับหน้ารอบการประเมิน", en: "← Back to the round" })}</a>
      </p>
      <h1>
        {t({ th: "ผลการประเมิน ITA", en: "ITA results" })}{" "}
        {t({ th: `ปีงบประมาณ ${r.round.fiscalYear}`, en: `fiscal year ${r.round.fiscalYear}` })}
        {r.provisional.length ? (
          <>
            {" "}
            <span className="badge provisional" data-testid="provisional">
              {t({ th: "ผลเบื้องต้น", en: "Provisional" })}
            </span>
          </>
        ) : null}
      </h1>
      <p className="muted" data-testid="response-counts">
        {t({
          th: `ผู้ตอบ IIT ${r.responseCounts.iit} คน (ขั้นต่ำ ${minSample.iit}) · ผู้ตอบ EIT ${r.responseCounts.eit} คน (ขั้นต่ำ ${minSample.eit})`,
          en: `IIT responses ${r.responseCounts.iit} (minimum ${minSample.iit}) · EIT responses ${r.responseCounts.eit} (minimum ${minSample.eit})`,
        })}
      </p>
      {r.provisional.length ? (
        <p className="notice small">
          {t({
            th: `ผลนี้ยังเป็นผลเบื้องต้น เพราะจำนวนผู้ตอบ ${r.provisional.join(" และ ")} ยังไม่ถึงขนาดตัวอย่างขั้นต่ำ`,
            en: `These results are provisional: ${r.provisional.join(" and ")} responses are below the minimum sample.`,
          })}
        </p>
      ) : null}
      <p className="small muted">
        {t({
          th: `ผล IIT ปรับปรุงทีละอย่างน้อย ${r.iitPublished.minGroup} คำตอบ เพื่อไม่ให้ระบุตัวผู้ตอบได้ (ขณะนี้ใช้ ${r.iitPublished.count} คำตอบ)`,
          en: `IIT figures advance in steps of at least ${r.iitPublished.minGroup} responses so that no one can be singled out (now from ${r.iitPublished.count}).`,
        })}
      </p>
      <FrameworkNotes framework={r.framework} notes={frameworkNotes} parts={["weights", "items", "oit"]} />
      <AnalysisView
        analysis={r}
        names={indicators}
        reasons={r.missingReasons}
        indicatorHref={(n) => `${base}/results/${n}`}
      />
      <h2 className="no-print">{t({ th: "ส่งออกข้อมูลคำตอบ", en: "Export the responses" })}</h2>
      <p className="actions no-print">
        <a className="button" href={`${base}/responses/csv`} download>
          {t({ th: "ดาวน์โหลด CSV", en: "Download CSV" })}
        </a>
        <a className="button" href={`${base}/responses/xlsx`} download>
          {t({ th: "ดาวน์โหลด Excel (XLSX)", en: "Download Excel (XLSX)" })}
        </a>
        <a className="button" href="/admin/official">
          {t({ th: "ผลอย่างเป็นทางการและเปรียบเทียบรายปี", en: "Official results and years" })}
        </a>
      </p>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
