import { AnalysisView } from "../../components/analysis-view";
import { AdminError } from "../../components/admin-error";
import { FrameworkNotes } from "../../components/framework-notes";
import { frameworkName } from "../../lib/frameworks";
import { formatDate } from "../../lib/dates";
import { useT, pageTitle } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { getResultsPage } from "../../services/results/results.server";
import type { Route } from "./+types/results";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, { th: "ผลการประเมิน", en: "Results" });

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.readResults });
  return getResultsPage(await getDb(), user, params.roundId);
}

export default function ResultsPage({ loaderData, params }: Route.ComponentProps) {
  const t = useT();
  const { results: r, indicators, minSample, frameworkNotes, iitComments } = loaderData;
  const base = `/admin/rounds/${params.roundId}`;
  return (
    <>
      <p className="no-print small">
        <a href={base}>{t({ th: "← กลับหน้ารอบการประเมิน", en: "← Back to the round" })}</a>
      </p>
      <h1>
        {t({ th: "ผลการประเมิน ITA", en: "ITA results" })}{" "}
        {t({ th: `ปีงบประมาณ พ.ศ. ${r.round.fiscalYear}`, en: `fiscal year ${r.round.fiscalYear}` })}
        {r.provisional.length ? (
          <>
            {" "}
            <span className="badge provisional" data-testid="provisional">
              {t({ th: "ผลเบื้องต้น", en: "Provisional" })}
            </span>
          </>
        ) : null}
      </h1>
      <p className="muted" data-testid="results-framework">
        {t({ th: "คำนวณตาม", en: "Scored by the" })} {t(frameworkName(r.framework))}
      </p>
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
      <IitReleaseSection release={r.iitRelease} />
      <FrameworkNotes framework={r.framework} notes={frameworkNotes} parts={["weights", "items", "oit"]} />
      <AnalysisView
        analysis={r}
        names={indicators}
        reasons={r.missingReasons}
        indicatorHref={(n) => `${base}/results/${n}`}
      />
      {r.iitRelease.state === "released" ? (
        <section data-testid="iit-comments">
          <h2>{t({ th: "ความคิดเห็นของบุคลากร (IIT)", en: "Staff comments (IIT)" })}</h2>
          <p className="small muted">
            {t({
              th: "เรียงแบบสุ่มใหม่ทุกครั้งที่เปิดหน้า ไม่มีวันที่หรือคำตอบอื่นกำกับ เพื่อไม่ให้ย้อนหาผู้เขียนได้",
              en: "In a new random order each time the page opens, with no date or other answer beside them, so that no one can be traced.",
            })}
          </p>
          {iitComments.length ? (
            <ul>
              {iitComments.map((c, i) => (
                <li key={i}>{c}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t({ th: "ไม่มีความคิดเห็น", en: "No comments." })}</p>
          )}
        </section>
      ) : null}
      <h2 className="no-print">{t({ th: "ส่งออกข้อมูลคำตอบ", en: "Export the responses" })}</h2>
      <p className="small muted no-print" data-testid="export-note">
        {t({
          th: "ไฟล์ส่งออกมีคำตอบ EIT รายฉบับเท่านั้น คำตอบ IIT รายบุคคลไม่ออกจากเซิร์ฟเวอร์ เพราะการเทียบไฟล์สองครั้งจะเผยคำตอบของคนเดียวได้ หลังประกาศผล IIT ไฟล์ Excel มีแผ่นงานผล IIT แบบรวม (ค่าเฉลี่ยรายข้อและจำนวนผู้ตอบแต่ละระดับ)",
          en: "Exports hold EIT responses one per row only. No individual IIT answer sheet leaves the server: comparing two exports could reveal one person's answers. Once the IIT is released, the Excel file has an IIT sheet of aggregates (item means and counts per level).",
        })}
      </p>
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

type IitRelease = Route.ComponentProps["loaderData"]["results"]["iitRelease"];

/** The IIT's single release: its state, and how the IIT responses came in (padding is visible). */
function IitReleaseSection({ release }: { release: IitRelease }) {
  const t = useT();
  const a = release.access;
  return (
    <section className="card" data-testid="iit-release">
      <h2>{t({ th: "การประกาศผลแบบวัด IIT", en: "IIT release" })}</h2>
      <p data-testid="iit-release-state">
        {release.state === "released"
          ? t({
              th: `ประกาศผลครั้งเดียวเมื่อปิดรอบ (${formatDate(release.releasedAt, "th", "long")}) จากคำตอบ ${release.count} ชุด ผลนี้จะไม่เปลี่ยนอีก และรอบนี้ไม่รับคำตอบ IIT เพิ่ม`,
              en: `Released once when the round closed (${formatDate(release.releasedAt, "en", "long")}) from ${release.count} responses. These figures will not change and the round takes no more IIT answers.`,
            })
          : release.state === "withheld"
            ? t({
                th: `ไม่ประกาศผล IIT: เมื่อปิดรอบมีบุคลากรตอบไม่ถึง ${release.minGroup} คน ผลจึงถูกระงับไว้ถาวร เพื่อปกปิดตัวตนผู้ตอบ และรอบนี้ไม่รับคำตอบ IIT อีก แม้เปิดรอบอีกครั้ง`,
                en: `IIT withheld: fewer than ${release.minGroup} staff had answered when the round closed, so no IIT figure is shown, for good (anonymity); the round takes no more IIT answers, even if re-opened.`,
              })
            : t({
                th: `ผล IIT ยังไม่แสดงระหว่างเปิดรอบ และจะประกาศครั้งเดียวเมื่อปิดรอบ หากมีบุคลากรตอบอย่างน้อย ${release.minGroup} คน การแสดงผลทีละช่วงจะทำให้เทียบผลก่อนและหลังเพื่อรู้คำตอบของคนเดียวได้`,
                en: `IIT figures stay hidden while the round is open and are released once, when it closes, if at least ${release.minGroup} staff answered. Figures shown step by step could be compared to reveal one person's answers.`,
              })}
      </p>
      <p className="small" data-testid="iit-access-counts">
        {t({
          th: `ที่มาของคำตอบ IIT: ด้วยรหัสใช้ครั้งเดียว ${a.code} · ด้วยรหัส PIN ${a.pin} · บันทึกโดยบัญชีเจ้าหน้าที่ ${a.staff} · รหัสใช้ครั้งเดียวที่ออก ${a.codesIssued} ใช้แล้ว ${a.codesUsed}`,
          en: `How IIT responses came in: with one-time codes ${a.code} · with the PIN ${a.pin} · keyed by staff accounts ${a.staff} · one-time codes issued ${a.codesIssued}, used ${a.codesUsed}`,
        })}
      </p>
      {a.pin || a.staff ? (
        <p className="small muted">
          {t({
            th: "คำตอบที่เข้ามาด้วย PIN หรือบันทึกโดยเจ้าหน้าที่ อาจมาจากคนเดียวกันหลายครั้ง (ผู้ถือ PIN หรือบัญชีเจ้าหน้าที่ส่งเพิ่มได้)",
            en: "Responses that came with the PIN or were keyed by staff may include several from one person (whoever holds the PIN or a staff account can add more).",
          })}
        </p>
      ) : null}
    </section>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
