import { Form, Link } from "react-router";
import { BarChart } from "../../components/bar-chart";
import { DataName } from "../../components/data-name";
import { formatScore } from "../../ita";
import { agencyTypeLabel } from "../../lib/agency-types";
import { groupKindLabel } from "../../lib/groups";
import { pageTitle, useT, type Text } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { getLeague, parseLeagueFilters, type LeagueRow } from "../../services/groups/league.server";
import type { Route } from "./+types/group";

export const meta: Route.MetaFunction = ({ matches }) =>
  pageTitle(matches, { th: "ตารางเปรียบเทียบหน่วยงานในกลุ่ม", en: "League of a group of agencies" });

// One group's league (issue 18): progress, the ten indicators, totals and ratings of every agency of the
// group and below it, as each agency itself reads them (IIT only once released).
export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.supervise });
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const year = query.year ? Number(query.year) : undefined;
  const league = await getLeague(await getDb(), user, params.groupId, {
    fiscalYear: year,
    filters: parseLeagueFilters(query),
  });
  const { all: _all, ...view } = league;
  return { ...view, query: new URLSearchParams(query).toString() };
}

const NOT_STARTED: Record<NonNullable<LeagueRow["notStarted"]>, Text> = {
  "no-round": { th: "ยังไม่มีรอบการประเมินของปีนี้", en: "No round this year" },
  draft: { th: "รอบยังเป็นฉบับร่าง", en: "Round still a draft" },
  "no-answers": { th: "ยังไม่มีผู้ตอบและยังไม่ได้ทำแบบ OIT", en: "No answers and no OIT yet" },
};

const STATUS: Record<string, Text> = {
  draft: { th: "ร่าง", en: "Draft" },
  open: { th: "เปิดรับ", en: "Open" },
  closed: { th: "ปิดแล้ว", en: "Closed" },
};

function Count({ n, min }: { n: number; min: number | null }) {
  const short = min !== null && n < min;
  return (
    <span className={short ? "count-short" : "count-ok"}>
      {n}
      {min !== null ? `/${min}` : ""}
    </span>
  );
}

export default function SuperviseGroup({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const d = loaderData;
  const name = (x: { nameTh: string; nameEn: string | null }) => <DataName th={x.nameTh} en={x.nameEn} />;
  const base = `/supervise/groups/${d.group.id}`;
  const exportQuery = d.query ? `?${d.query}` : "";
  const filtered = d.rows.length !== d.summary.agencies;
  return (
    <>
      <nav aria-label={t({ th: "ลำดับกลุ่ม", en: "Group trail" })} className="muted trail">
        {d.trail.map((g, i) => (
          <span key={g.id}>
            {i > 0 ? " › " : ""}
            {g.id === d.group.id ? (
              <span aria-current="page">{name(g)}</span>
            ) : (
              <Link to={`/supervise/groups/${g.id}`}>{name(g)}</Link>
            )}
          </span>
        ))}
      </nav>
      <h1>
        {name(d.group)} <span className="muted small">· {t(groupKindLabel(d.group.kind))}</span>
      </h1>
      <p className="muted">
        {t({
          th: "คะแนน IIT ของแต่ละหน่วยงานแสดงเมื่อหน่วยงานปิดรอบและประกาศผลแล้วเท่านั้น (เช่นเดียวกับที่หน่วยงานเห็นเอง) เพื่อปกปิดตัวตนผู้ตอบ",
          en: "An agency's IIT scores show only once its round has closed and released them (as the agency itself sees them), for the respondents' anonymity.",
        })}
      </p>

      <Form method="get" className="filters card" aria-label={t({ th: "ตัวกรอง", en: "Filters" })}>
        <div>
          <label htmlFor="year">{t({ th: "ปีงบประมาณ", en: "Fiscal year" })}</label>
          <select id="year" name="year" defaultValue={String(d.fiscalYear)}>
            {d.fiscalYears.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="type">{t({ th: "ประเภทหน่วยงาน", en: "Agency type" })}</label>
          <select id="type" name="type" defaultValue={d.filters.type ?? ""}>
            <option value="">{t({ th: "ทุกประเภท", en: "All types" })}</option>
            {d.choices.types.map((c) => (
              <option key={c} value={c}>
                {t(agencyTypeLabel(c))}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="size">{t({ th: "ขนาด", en: "Size" })}</label>
          <select id="size" name="size" defaultValue={d.filters.size ?? ""}>
            <option value="">{t({ th: "ทุกขนาด", en: "All sizes" })}</option>
            {d.choices.sizes.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="weakest">{t({ th: "ตัวชี้วัดที่อ่อนที่สุด", en: "Weakest indicator" })}</label>
          <select id="weakest" name="weakest" defaultValue={d.filters.weakest ? String(d.filters.weakest) : ""}>
            <option value="">{t({ th: "ทุกตัวชี้วัด", en: "Any" })}</option>
            {d.indicators.map((i) => (
              <option key={i.number} value={i.number}>
                {i.number}. {t({ th: i.nameTh, en: i.nameEn })}
              </option>
            ))}
          </select>
        </div>
        <div className="checkbox-field">
          <input id="below" type="checkbox" name="below" value="1" defaultChecked={!!d.filters.belowTarget} />
          <label htmlFor="below">{t({ th: "เฉพาะที่ต่ำกว่า 85", en: "Below 85 only" })}</label>
        </div>
        <div>
          <button type="submit" className="button primary">
            {t({ th: "แสดง", en: "Show" })}
          </button>
        </div>
      </Form>

      <section className="result-summary" aria-label={t({ th: "สรุป", en: "Summary" })}>
        <div className="card stat">
          <div className="stat-label">{t({ th: "หน่วยงานในกลุ่ม", en: "Agencies" })}</div>
          <div className="stat-value" data-testid="count-agencies">
            {d.summary.agencies}
          </div>
        </div>
        <div className="card stat">
          <div className="stat-label">{t({ th: "มีคะแนนรวมแล้ว", en: "With a total" })}</div>
          <div className="stat-value">{d.summary.withTotal}</div>
        </div>
        <div className="card stat">
          <div className="stat-label">{t({ th: "คะแนนรวมเฉลี่ย", en: "Mean total" })}</div>
          <div className="stat-value">{d.summary.mean === null ? "–" : formatScore(d.summary.mean)}</div>
        </div>
        <div className="card stat">
          <div className="stat-label">{t({ th: "ต่ำกว่า 85", en: "Below 85" })}</div>
          <div className="stat-value">{d.summary.belowTarget}</div>
        </div>
        <div className="card stat">
          <div className="stat-label">{t({ th: "ยังไม่เริ่ม", en: "Not started" })}</div>
          <div className="stat-value" data-testid="count-not-started">
            {d.summary.notStarted}
          </div>
        </div>
      </section>

      {d.children.length ? (
        <section>
          <h2>{t({ th: "กลุ่มย่อย", en: "Groups below" })}</h2>
          <ul className="inline-list">
            {d.children.map((g) => (
              <li key={g.id}>
                <Link to={`/supervise/groups/${g.id}`}>{name(g)}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section>
        <h2>
          {t({ th: "ตารางเปรียบเทียบ", en: "League table" })}{" "}
          {filtered ? (
            <span className="muted small">
              {t({
                th: `(แสดง ${d.rows.length} จาก ${d.summary.agencies})`,
                en: `(${d.rows.length} of ${d.summary.agencies})`,
              })}
            </span>
          ) : null}
        </h2>
        <p>
          <a href={`${base}/league/csv${exportQuery}`} download>
            {t({ th: "ดาวน์โหลด CSV", en: "Download CSV" })}
          </a>
          {" · "}
          <a href={`${base}/league/xlsx${exportQuery}`} download>
            {t({ th: "ดาวน์โหลด Excel (XLSX)", en: "Download Excel (XLSX)" })}
          </a>
        </p>
        {d.rows.length === 0 ? (
          <p className="notice">{t({ th: "ไม่มีหน่วยงานตามเงื่อนไขนี้", en: "No agency matches." })}</p>
        ) : (
          <>
            <ul className="league-cards" data-testid="league-cards">
              {d.rows.map((r) => {
                const weakest = r.weakest ? d.indicators.find((i) => i.number === r.weakest!.indicator) : undefined;
                const below = r.total !== null && r.total < r.target;
                return (
                  <li key={r.agencyId} className={`card league-card${below ? " below-target" : ""}`}>
                    <div className="league-card-head">
                      {r.position === null ? (
                        <span className="league-position" aria-hidden="true">
                          –
                        </span>
                      ) : (
                        <span className="league-position">
                          <span className="visually-hidden">{t({ th: "ลำดับ ", en: "Rank " })}</span>
                          {r.position}
                        </span>
                      )}
                      <div className="league-card-name">
                        <h3>{name(r)}</h3>
                        <div className="muted small">
                          {t(agencyTypeLabel(r.type))}
                          {r.size ? ` · ${r.size}` : ""}
                          {" · "}
                          {r.round
                            ? t(STATUS[r.round.status] ?? { th: r.round.status, en: r.round.status })
                            : t({ th: "ไม่มีรอบ", en: "No round" })}
                        </div>
                      </div>
                      <div className="league-total">
                        <span className="visually-hidden">{t({ th: "คะแนนรวม ", en: "Total " })}</span>
                        <span className="league-total-value">{r.total === null ? "–" : formatScore(r.total)}</span>
                        <span className="league-rating small">
                          {r.rating ? t({ th: r.rating.label, en: r.rating.labelEn }) : ""}
                        </span>
                      </div>
                    </div>
                    <dl className="league-card-facts small">
                      {weakest && r.weakest ? (
                        <>
                          <dt>{t({ th: "ตัวชี้วัดที่อ่อนที่สุด", en: "Weakest indicator" })}</dt>
                          <dd data-testid="card-weakest">
                            {weakest.number}. {t({ th: weakest.nameTh, en: weakest.nameEn })}{" "}
                            <strong>{formatScore(r.weakest.score)}</strong>
                          </dd>
                        </>
                      ) : null}
                      {r.round ? (
                        <>
                          <dt>{t({ th: "ความคืบหน้า", en: "Progress" })}</dt>
                          <dd data-testid="card-progress">
                            IIT <Count n={r.responseCounts.iit} min={r.minSample?.iit ?? null} />
                            {" · "}EIT <Count n={r.responseCounts.eit} min={r.minSample?.eit ?? null} />
                            {" · "}OIT {r.oit ? `${r.oit.answered}/${r.oit.total}` : "–"}
                          </dd>
                        </>
                      ) : null}
                      {r.round && r.iitState !== "released" ? (
                        <>
                          <dt>IIT</dt>
                          <dd data-testid="card-iit">{t({ th: "ยังไม่ประกาศผล", en: "Not released" })}</dd>
                        </>
                      ) : null}
                    </dl>
                  </li>
                );
              })}
            </ul>
            <div
              className="table-wrap league-wrap"
              tabIndex={0}
              role="region"
              aria-label={t({ th: "ตารางเปรียบเทียบ", en: "League table" })}
            >
              <table className="league" data-testid="league">
                <thead>
                  <tr>
                    <th className="num">{t({ th: "ลำดับ", en: "Rank" })}</th>
                    <th>{t({ th: "หน่วยงาน", en: "Agency" })}</th>
                    <th>{t({ th: "รอบ", en: "Round" })}</th>
                    <th className="num">IIT</th>
                    <th className="num">EIT</th>
                    <th className="num">OIT</th>
                    {d.indicators.map((i) => (
                      <th key={i.number} className="num" title={t({ th: i.nameTh, en: i.nameEn })}>
                        {i.number}
                      </th>
                    ))}
                    <th className="num">{t({ th: "คะแนนรวม", en: "Total" })}</th>
                    <th>{t({ th: "ระดับ", en: "Rating" })}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.rows.map((r) => (
                    <tr
                      key={r.agencyId}
                      className={r.total !== null && r.total < r.target ? "below-target" : undefined}
                    >
                      <td className="num">{r.position ?? "–"}</td>
                      <th scope="row">
                        {name(r)}
                        <div className="muted small">
                          {t(agencyTypeLabel(r.type))}
                          {r.size ? ` · ${r.size}` : ""}
                        </div>
                      </th>
                      <td>{r.round ? t(STATUS[r.round.status] ?? { th: r.round.status, en: r.round.status }) : "–"}</td>
                      <td className="num">
                        <Count n={r.responseCounts.iit} min={r.minSample?.iit ?? null} />
                      </td>
                      <td className="num">
                        <Count n={r.responseCounts.eit} min={r.minSample?.eit ?? null} />
                      </td>
                      <td className="num">{r.oit ? `${r.oit.answered}/${r.oit.total}` : "–"}</td>
                      {d.indicators.map((i) => (
                        <td
                          key={i.number}
                          className={`num${r.weakest?.indicator === i.number ? " weakest" : ""}`}
                          title={
                            i.instrument === "IIT" && r.iitState !== "released"
                              ? t({ th: "IIT ยังไม่ประกาศผล", en: "IIT not released" })
                              : undefined
                          }
                        >
                          {r.indicators[i.number] === undefined ? "–" : formatScore(r.indicators[i.number]!)}
                        </td>
                      ))}
                      <td className="num total">{r.total === null ? "–" : formatScore(r.total)}</td>
                      <td>{r.rating ? t({ th: r.rating.label, en: r.rating.labelEn }) : "–"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        <p className="muted small">
          {t({
            th: "ตัวเลข IIT/EIT คือ จำนวนผู้ตอบ/ขั้นต่ำ · OIT คือ ข้อที่ตอบแล้ว/ทั้งหมด · ตัวชี้วัดที่อ่อนที่สุดของแต่ละหน่วยงานเป็นตัวหนา · “–” ยังไม่มีคะแนน",
            en: "IIT/EIT: responses/minimum · OIT: items answered/all · each agency's weakest indicator in bold · “–”: no score yet",
          })}
        </p>
      </section>

      <div className="two-columns">
        <section>
          <h2>{t({ th: "การกระจายของคะแนนรวม", en: "Distribution of totals" })}</h2>
          {d.summary.withTotal === 0 ? (
            <p className="notice">{t({ th: "ยังไม่มีหน่วยงานที่มีคะแนนรวม", en: "No agency has a total yet." })}</p>
          ) : (
            <BarChart
              label={t({ th: "จำนวนหน่วยงานในแต่ละช่วงคะแนนรวม", en: "Agencies per band of totals" })}
              rows={d.distribution.map((b) => ({
                label: b.to === 100 ? `${b.from}–100` : `${b.from}–<${b.to}`,
                value: b.count,
              }))}
            />
          )}
        </section>
        <section>
          <h2>{t({ th: "ตัวชี้วัดที่อ่อนที่สุดของกลุ่ม", en: "Weakest indicators across the group" })}</h2>
          {d.weakestIndicators.length === 0 ? (
            <p className="notice">{t({ th: "ยังไม่มีคะแนน", en: "No scores yet." })}</p>
          ) : (
            <table data-testid="weakest-indicators">
              <thead>
                <tr>
                  <th>{t({ th: "ตัวชี้วัด", en: "Indicator" })}</th>
                  <th className="num">{t({ th: "เฉลี่ย", en: "Mean" })}</th>
                  <th className="num">{t({ th: "ต่ำกว่า 85", en: "Below 85" })}</th>
                </tr>
              </thead>
              <tbody>
                {d.weakestIndicators.slice(0, 5).map((i) => (
                  <tr key={i.indicator}>
                    <th scope="row">
                      {i.indicator}. {t({ th: i.nameTh, en: i.nameEn })}
                    </th>
                    <td className="num">{formatScore(i.mean)}</td>
                    <td className="num">
                      {i.below}/{i.agencies}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>

      <section>
        <h2>{t({ th: "หน่วยงานที่ยังไม่เริ่ม", en: "Agencies that have not started" })}</h2>
        {d.notStarted.length === 0 ? (
          <p className="success">{t({ th: "ทุกหน่วยงานเริ่มแล้ว", en: "Every agency has started." })}</p>
        ) : (
          <ul data-testid="not-started">
            {d.notStarted.map((r) => (
              <li key={r.agencyId}>
                {name(r)} <span className="muted">— {t(NOT_STARTED[r.notStarted!])}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
