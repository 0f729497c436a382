import { AdminError } from "../../components/admin-error";
import { useT, pageTitle } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { getIndicatorPage } from "../../services/results/drilldown.server";
import type { Route } from "./+types/results-indicator";

export const meta: Route.MetaFunction = ({ matches }) =>
  pageTitle(matches, { th: "ผลรายตัวชี้วัด", en: "Results by indicator" });

const fmt = (x: number | null) => (x === null ? "–" : x.toFixed(2));

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.readResults });
  return getIndicatorPage(await getDb(), user, params.roundId, params.indicator);
}

export default function IndicatorPage({ loaderData, params }: Route.ComponentProps) {
  const t = useT();
  const { detail: d } = loaderData;
  return (
    <>
      <p className="no-print small">
        <a href={`/admin/rounds/${params.roundId}/results`}>
          {t({ th: "← กลับผลการประเมิน", en: "← Back to the results" })}
        </a>
      </p>
      <h1>
        {t({ th: "ตัวชี้วัดที่", en: "Indicator" })} {d.indicator}. {t({ th: d.nameTh, en: d.nameEn })}
      </h1>
      <p>
        {d.instrument} · {t({ th: "คะแนน", en: "Score" })} <strong data-testid="indicator-score">{fmt(d.score)}</strong>
      </p>
      {d.withheld && d.score === null ? (
        <p className="notice" data-testid="indicator-withheld">
          {t({ th: d.withheld.reasonTh, en: d.withheld.reason })}
        </p>
      ) : null}

      {d.questions.length ? (
        <>
          <h2>{t({ th: "คะแนนรายข้อ (ข้อที่ได้คะแนนต่ำสุดอยู่บนสุด)", en: "Questions (lowest score first)" })}</h2>
          <ol className="question-list" data-testid="questions">
            {d.questions.map((q) => (
              <li key={q.item} className="card" data-item={q.item}>
                <h3>
                  {q.item.toUpperCase()} · {t({ th: q.topicTh, en: q.topicEn })} —{" "}
                  <span className="num">{fmt(q.score)}</span>
                </h3>
                <div className="table-wrap">
                  <table className="small">
                    <thead>
                      <tr>
                        <th>{t({ th: "ประเด็น", en: "Part" })}</th>
                        <th className="num">{t({ th: "คะแนน", en: "Score" })}</th>
                        {q.parts[0]!.levels.map((l) => (
                          <th key={l.level} className="num">
                            {t({ th: l.labelTh, en: l.labelEn })}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {q.parts.map((p) => (
                        <tr key={p.sub}>
                          <td>{p.sub === 0 ? "—" : `${p.sub}. ${t({ th: p.topicTh, en: p.topicEn })}`}</td>
                          <td className="num">{fmt(p.score)}</td>
                          {p.levels.map((l) => (
                            <td key={l.level} className="num">
                              {l.count}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </li>
            ))}
          </ol>
        </>
      ) : null}

      {d.channels.length ? (
        <>
          <h2>{t({ th: "คะแนนแยกตามช่องทางตอบ", en: "Score by channel" })}</h2>
          <table data-testid="channels">
            <thead>
              <tr>
                <th>{t({ th: "ช่องทาง", en: "Channel" })}</th>
                <th className="num">{t({ th: "ผู้ตอบ", en: "Responses" })}</th>
                <th className="num">{t({ th: "คะแนน", en: "Score" })}</th>
              </tr>
            </thead>
            <tbody>
              {d.channels.map((c) => (
                <tr key={c.channel}>
                  <td>{c.channel === "" ? t({ th: "ไม่ระบุช่องทาง", en: "No channel" }) : c.name}</td>
                  <td className="num">{c.responses}</td>
                  <td className="num">{fmt(c.score)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}

      {d.oitParts.length ? (
        <>
          <h2>{t({ th: "ตัวชี้วัดย่อย (ต่ำสุดอยู่บนสุด)", en: "Sub-indicators (lowest first)" })}</h2>
          <table data-testid="oit-parts">
            <thead>
              <tr>
                <th>{t({ th: "ตัวชี้วัดย่อย", en: "Sub-indicator" })}</th>
                <th className="num">{t({ th: "ตอบแล้ว", en: "Answered" })}</th>
                <th className="num">{t({ th: "คะแนน", en: "Score" })}</th>
              </tr>
            </thead>
            <tbody>
              {d.oitParts.map((p) => (
                <tr key={p.id}>
                  <td>
                    {p.id} {t({ th: p.nameTh, en: p.nameEn })}
                  </td>
                  <td className="num">
                    {p.answered}/{p.total}
                  </td>
                  <td className="num">{fmt(p.score)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
