import { redirect } from "react-router";
import { AdminError } from "../../components/admin-error";
import { useT, pageTitle } from "../../lib/i18n";
import { ROLES, can } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { getDashboard, type DashboardRound } from "../../services/dashboard.server";
import type { Route } from "./+types/index";
import "../../styles/dashboard.css";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, { th: "ภาพรวมการประเมิน", en: "Overview" });

// The landing page after sign-in: each open round of the agency at a glance (issue 16).
export async function loader({ request }: Route.LoaderArgs) {
  // A supervisor (decision 0011) has no agency dashboard: sign-in lands here, so send them to their group.
  if ((await requireUser(request)).role === "supervisor") throw redirect("/supervise");
  const user = await requireUser(request, { roles: ROLES.any });
  const dashboard = await getDashboard(await getDb(), user);
  // A super-administrator outside any agency has no rounds of their own: the list of all rounds is the start.
  if (!dashboard.hasAgency) throw redirect("/admin/rounds");
  return { ...dashboard, canCreateRound: can(user, "manageRounds") };
}

const score = (x: number | null | undefined) => (x == null ? "—" : x.toFixed(2));

function RoundCard({ round }: { round: DashboardRound }) {
  const t = useT();
  const headingId = `round-${round.id}`;
  const name = `${t({ th: "ปีงบประมาณ", en: "Fiscal year" })} ${round.fiscalYear}${round.title ? ` · ${round.title}` : ""}`;
  const days = round.daysLeft;
  const closing =
    round.closesOn === null
      ? t({ th: "ยังไม่กำหนดวันปิดรับ", en: "No closing date set" })
      : `${t({ th: "ปิดรับ", en: "Closes" })} ${t({ th: round.closesOnTh!, en: round.closesOnEn! })} · ${
          days! > 0
            ? t({ th: `อีก ${days} วัน`, en: `${days} day${days === 1 ? "" : "s"} left` })
            : days === 0
              ? t({ th: "ปิดรับวันนี้", en: "closes today" })
              : t({ th: `เลยมาแล้ว ${-days!} วัน`, en: `passed ${-days!} day${days === -1 ? "" : "s"} ago` })
        }`;
  const status = (s: { count: number; min: number; reached: boolean }) =>
    s.reached
      ? t({ th: "ครบแล้ว", en: "Reached" })
      : t({ th: `ขาดอีก ${s.min - s.count}`, en: `${s.min - s.count} to go` });
  const statusLabel = {
    no: { th: "ไม่มี", en: "No" },
    needsEvidence: { th: "ขาดลิงก์หลักฐาน", en: "No evidence link" },
    unanswered: { th: "ยังไม่ตอบ", en: "Not answered" },
  } as const;

  return (
    <section className="card dashboard-round" aria-labelledby={headingId} data-testid="dashboard-round">
      <h2 id={headingId}>
        <a href={round.links.round}>{name}</a>
      </h2>
      <p className={`dashboard-closing${days !== null && days < 0 ? " late" : ""}`} data-testid="days-left">
        {closing}
      </p>

      <div className="notice dashboard-next" data-testid="next-step">
        <strong>{t({ th: "สิ่งที่ควรทำต่อไป", en: "Next thing to do" })}: </strong>
        {t(round.next.text)}
        {round.next.href ? (
          <>
            {" "}
            <a href={round.next.href}>{t({ th: "ไปที่หน้านี้ →", en: "Go there →" })}</a>
          </>
        ) : null}
      </div>

      <h3>{t({ th: "จำนวนผู้ตอบเทียบกับขั้นต่ำ", en: "Responses against the minimum samples" })}</h3>
      <div className="table-wrap">
        <table className="dashboard-table" data-testid="samples">
          <thead>
            <tr>
              <th scope="col">{t({ th: "แบบวัด", en: "Instrument" })}</th>
              <th scope="col" className="num">
                {t({ th: "ตอบแล้ว", en: "Responses" })}
              </th>
              <th scope="col" className="num">
                {t({ th: "ขั้นต่ำ", en: "Minimum" })}
              </th>
              <th scope="col">{t({ th: "สถานะ", en: "Status" })}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t({ th: "IIT บุคลากรภายใน", en: "IIT (staff)" })}</th>
              <td className="num" data-testid="count-iit">
                {round.iit.count}
              </td>
              <td className="num">{round.iit.min}</td>
              <td>{status(round.iit)}</td>
            </tr>
            <tr>
              <th scope="row">{t({ th: "EIT ผู้รับบริการ", en: "EIT (citizens)" })}</th>
              <td className="num" data-testid="count-eit">
                {round.eit.count}
              </td>
              <td className="num">{round.eit.min}</td>
              <td>{status(round.eit)}</td>
            </tr>
            {round.channels.map((c) => (
              <tr key={c.key} className="dashboard-channel" data-channel={c.key}>
                <th scope="row">
                  {"· "}
                  {c.key === "" ? t({ th: "ไม่ระบุช่องทาง", en: "No channel" }) : c.name}
                </th>
                <td className="num">{c.count}</td>
                <td />
                <td />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        {t({
          th: "IIT แสดงเฉพาะจำนวนผู้ตอบระหว่างเปิดรอบ ผล IIT จะเปิดเผยเมื่อปิดรอบ",
          en: "While the round is open the IIT shows only how many have answered; its results are released at close.",
        })}{" "}
        <a href={round.links.progress}>{t({ th: "ดูความคืบหน้าทั้งหมด", en: "Full progress" })}</a>
      </p>

      {round.oit ? (
        <>
          <h3>{t({ th: "แบบตรวจ OIT", en: "OIT checklist" })}</h3>
          <p data-testid="oit-gaps">
            {round.oit.total - round.oit.earning === 0
              ? t({ th: `ได้คะแนนครบทั้ง ${round.oit.total} ข้อ`, en: `All ${round.oit.total} items earn points` })
              : t({
                  th: `ยังไม่ได้คะแนน ${round.oit.total - round.oit.earning} จาก ${round.oit.total} ข้อ (ไม่มี ${round.oit.no} · ขาดลิงก์หลักฐาน ${round.oit.needsEvidence} · ยังไม่ตอบ ${round.oit.unanswered})`,
                  en: `${round.oit.total - round.oit.earning} of ${round.oit.total} items earn nothing yet (no: ${round.oit.no} · no evidence link: ${round.oit.needsEvidence} · not answered: ${round.oit.unanswered})`,
                })}{" "}
            {round.oit.recheck ? (
              <span data-testid="oit-recheck">
                {t({
                  th: `· คัดลอกจากรอบก่อนและรอตรวจสอบอีกครั้ง ${round.oit.recheck} ข้อ`,
                  en: `· ${round.oit.recheck} copied from the previous round, to re-check`,
                })}{" "}
              </span>
            ) : null}
            {round.links.oit ? (
              <a href={round.links.oit}>{t({ th: "เปิดแบบตรวจ OIT", en: "Open the OIT checklist" })}</a>
            ) : null}
          </p>
        </>
      ) : null}

      {round.comparison ? (
        <>
          <h3>{t({ th: "เทียบกับผลทางการปีที่แล้ว", en: "Beside last year's official result" })}</h3>
          <div className="table-wrap">
            <table className="dashboard-table" data-testid="comparison">
              <thead>
                <tr>
                  <th scope="col" />
                  <th scope="col" className="num">
                    {round.comparison.lastYear
                      ? t({
                          th: `ผลทางการ ${round.comparison.lastYear.fiscalYear}`,
                          en: `Official ${round.comparison.lastYear.fiscalYear}`,
                        })
                      : t({ th: `ผลทางการ ${round.fiscalYear - 1}`, en: `Official ${round.fiscalYear - 1}` })}
                  </th>
                  <th scope="col" className="num">
                    {t({ th: "รอบนี้ (เบื้องต้น)", en: "This round (provisional)" })}
                  </th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">EIT</th>
                  <td className="num">{score(round.comparison.lastYear?.eit)}</td>
                  <td className="num" data-testid="this-eit">
                    {score(round.comparison.thisRound.eit)}
                  </td>
                </tr>
                <tr>
                  <th scope="row">OIT</th>
                  <td className="num">{score(round.comparison.lastYear?.oit)}</td>
                  <td className="num" data-testid="this-oit">
                    {score(round.comparison.thisRound.oit)}
                  </td>
                </tr>
                <tr>
                  <th scope="row">{t({ th: "คะแนนรวม", en: "Total" })}</th>
                  <td className="num">
                    {score(round.comparison.lastYear?.total)}
                    {round.comparison.lastYear?.rating ? ` (${round.comparison.lastYear.rating})` : ""}
                  </td>
                  <td className="num" data-testid="this-total">
                    {t({ th: "รอผล IIT เมื่อปิดรอบ", en: "Awaits the IIT, released at close" })}
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
          <p className="muted small" data-testid="points-so-far">
            {round.comparison.thisRound.points === null
              ? t({
                  th: "คะแนนจาก EIT และ OIT จะแสดงเมื่อมีผู้ตอบ EIT และตอบแบบ OIT ครบทุกข้อ",
                  en: "Points from the EIT and OIT appear once there are EIT responses and every OIT item is answered.",
                })
              : t({
                  th: `คะแนนจาก EIT และ OIT ขณะนี้ ${score(round.comparison.thisRound.points)} จาก ${round.comparison.thisRound.ofPoints} คะแนน`,
                  en: `EIT and OIT so far: ${score(round.comparison.thisRound.points)} of ${round.comparison.thisRound.ofPoints} points`,
                })}
            {round.comparison.lastYear ? null : (
              <>
                {" · "}
                {t({ th: "ยังไม่ได้บันทึกผลทางการปีที่แล้ว", en: "Last year's official result is not entered" })}{" "}
                <a href="/admin/official">{t({ th: "บันทึกผลทางการ", en: "Enter official results" })}</a>
              </>
            )}
          </p>
        </>
      ) : null}

      {round.points && (round.points.items.length || round.points.indicators.length) ? (
        <>
          <h3>{t({ th: "คะแนนอยู่ที่ไหน", en: "Where the points are" })}</h3>
          <ul className="dashboard-points" data-testid="points">
            {round.points.items.map((item) => (
              <li key={item.id}>
                <span className="gain">+{item.gain.toFixed(2)}</span>{" "}
                <span>
                  {item.id.toUpperCase()} {t({ th: item.topicTh, en: item.topicEn })}{" "}
                  <span className="muted">({t(statusLabel[item.status])})</span>
                </span>
              </li>
            ))}
            {round.points.indicators.map((i) => (
              <li key={`i${i.indicator}`}>
                <span className="gain">+{i.gain.toFixed(2)}</span>{" "}
                <span>
                  {t({
                    th: `ตัวชี้วัดที่ ${i.indicator} ${i.nameTh} เพิ่มอีก 5 คะแนน (จาก ${score(i.score)})`,
                    en: `Indicator ${i.indicator} ${i.nameEn} five points higher (from ${score(i.score)})`,
                  })}
                </span>
              </li>
            ))}
          </ul>
          <p className="muted small">
            {t({
              th: "ตัวเลขคือคะแนนรวม (เต็ม 100) ที่จะเพิ่มขึ้น คำนวณจากน้ำหนักของตัวชี้วัดตามกรอบการประเมิน",
              en: "Each figure is what it would add to the weighted total (out of 100), from the framework's weights.",
            })}
          </p>
        </>
      ) : null}
    </section>
  );
}

export default function AdminDashboard({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { rounds, canCreateRound } = loaderData;
  return (
    <>
      <h1>{t({ th: "ภาพรวมการประเมิน", en: "Dashboard" })}</h1>
      {rounds.length ? (
        rounds.map((round) => <RoundCard key={round.id} round={round} />)
      ) : (
        <p className="notice" data-testid="no-open-round">
          {t({ th: "ยังไม่มีรอบการประเมินที่เปิดรับคำตอบ", en: "No round is open for answers." })}
        </p>
      )}
      <p className="actions">
        {!rounds.length && canCreateRound ? (
          <a className="button primary" href="/admin/rounds/new">
            {t({ th: "+ สร้างรอบการประเมินใหม่", en: "+ New round" })}
          </a>
        ) : null}
        <a href="/admin/rounds">{t({ th: "รอบการประเมินทั้งหมด →", en: "All rounds →" })}</a>
      </p>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
