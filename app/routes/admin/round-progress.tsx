import { AdminError } from "../../components/admin-error";
import { BarChart } from "../../components/bar-chart";
import { formatDate } from "../../lib/dates";
import { useLang, useT, pageTitle } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { getRoundProgress } from "../../services/results/progress.server";
import type { Route } from "./+types/round-progress";
import "../../styles/admin-ops.css";

export const meta: Route.MetaFunction = ({ matches }) =>
  pageTitle(matches, { th: "ความคืบหน้าการตอบแบบสอบถาม", en: "Response progress" });

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.any });
  return getRoundProgress(await getDb(), user, params.roundId);
}

export default function RoundProgress({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { round, iit, eit, channels, days, provisional } = loaderData;
  const channelLabel = (c: { key: string; name: string | null }) =>
    c.key === "" ? t({ th: "ไม่ระบุช่องทาง", en: "No channel" }) : (c.name ?? c.key);
  const row = (label: string, n: number, min: number, testId: string) => (
    <tr>
      <th scope="row">{label}</th>
      <td className="num" data-testid={testId}>
        {n}
      </td>
      <td className="num">{min}</td>
      <td>{n >= min ? t({ th: "ครบแล้ว", en: "Reached" }) : t({ th: `ขาดอีก ${min - n}`, en: `${min - n} to go` })}</td>
    </tr>
  );
  return (
    <>
      <p className="muted">
        <a href={`/admin/rounds/${round.id}`}>{t({ th: "← กลับหน้ารอบการประเมิน", en: "← Back to the round" })}</a>
      </p>
      <h1>{t({ th: "ความคืบหน้าการตอบแบบสอบถาม", en: "Response progress" })}</h1>
      <p className={provisional ? "flag-provisional" : "success"} data-testid="provisional">
        {provisional
          ? t({
              th: "ผลยังเป็นผลเบื้องต้น: รอบยังไม่ปิด หรือจำนวนผู้ตอบยังไม่ถึงขั้นต่ำ",
              en: "Results are provisional: the round is still open or below the minimum samples",
            })
          : t({ th: "รอบปิดแล้วและจำนวนผู้ตอบครบตามขั้นต่ำ", en: "Round closed with the minimum samples reached" })}
      </p>
      <table className="progress-table">
        <thead>
          <tr>
            <th>{t({ th: "แบบวัด", en: "Instrument" })}</th>
            <th className="num">{t({ th: "ตอบแล้ว", en: "Responses" })}</th>
            <th className="num">{t({ th: "ขั้นต่ำ", en: "Minimum" })}</th>
            <th>{t({ th: "สถานะ", en: "Status" })}</th>
          </tr>
        </thead>
        <tbody>
          {row(t({ th: "IIT บุคลากรภายใน", en: "IIT (staff)" }), iit, round.minIit, "count-iit")}
          {row(t({ th: "EIT ผู้รับบริการ", en: "EIT (citizens)" }), eit, round.minEit, "count-eit")}
        </tbody>
      </table>
      <h2>{t({ th: "EIT แยกตามช่องทาง", en: "EIT by channel" })}</h2>
      {channels.length ? (
        <>
          <BarChart
            label={t({ th: "จำนวนผู้ตอบ EIT แยกตามช่องทาง", en: "EIT responses by channel" })}
            rows={channels.map((c) => ({ label: channelLabel(c), value: c.count }))}
          />
          <table className="progress-table">
            <tbody>
              {channels.map((c) => (
                <tr key={c.key} data-channel={c.key}>
                  <th scope="row">{channelLabel(c)}</th>
                  <td className="num">{c.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p className="muted">{t({ th: "ยังไม่มีผู้ตอบ", en: "No responses yet" })}</p>
      )}
      <h2>{t({ th: "EIT รายวัน", en: "EIT per day" })}</h2>
      {days.length ? (
        <BarChart
          label={t({ th: "จำนวนผู้ตอบ EIT รายวัน", en: "EIT responses per day" })}
          rows={days.map((d) => ({ label: formatDate(d.day, lang), value: d.count }))}
        />
      ) : (
        <p className="muted">{t({ th: "ยังไม่มีผู้ตอบ", en: "No responses yet" })}</p>
      )}
      <p className="muted small">
        {t({
          th: "แบบวัด IIT ไม่บันทึกวันที่และช่องทางของคำตอบ เพื่อปกปิดตัวตนผู้ตอบ",
          en: "IIT answers keep no day or channel, to protect respondents.",
        })}
      </p>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
