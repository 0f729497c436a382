import { findAgency } from "../../db/repositories/agencies";
import { isOitPublic } from "../../db/repositories/oit";
import { findRoundBySlug } from "../../db/repositories/rounds";
import { SiteHeader } from "../components/site-header";
import { getDb } from "../server/db.server";
import { useT } from "../lib/i18n";
import { loadOitView } from "../services/oit/oit.server";
import type { Route } from "./+types/oit-public";

export async function loader({ params }: Route.LoaderArgs) {
  const db = await getDb();
  const round = params.slug ? await findRoundBySlug(db, params.slug) : undefined;
  if (!round || round.status === "draft" || !(await isOitPublic(db, round.id)))
    throw new Response("Not found", { status: 404 });
  const agency = await findAgency(db, round.agency_id);
  const view = await loadOitView(db, round);
  return {
    agency: agency?.name_th ?? "",
    fiscalYear: round.fiscal_year,
    rows: view.groups.flatMap((g) =>
      g.items.map((r) => ({
        id: r.id,
        sub: g.id,
        topicTh: r.topicTh,
        topicEn: r.topicEn,
        has: r.answer?.has ?? null,
        urls: r.answer?.urls ?? [],
        note: r.answer?.note ?? "",
      })),
    ),
  };
}

export const meta = ({ data }: Route.MetaArgs) => [{ title: `การเปิดเผยข้อมูลสาธารณะ (OIT) — ${data?.agency ?? ""}` }];

export default function OitPublic({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { agency, fiscalYear, rows } = loaderData;
  return (
    <>
      <SiteHeader />
      <main className="page">
        <h1>
          {t({
            th: `การเปิดเผยข้อมูลสาธารณะ (OIT) ประจำปีงบประมาณ พ.ศ. ${fiscalYear}`,
            en: `Open data (OIT), fiscal year ${fiscalYear}`,
          })}
        </h1>
        <p className="lead">{agency}</p>
        <table>
          <thead>
            <tr>
              <th>{t({ th: "ข้อ", en: "Item" })}</th>
              <th>{t({ th: "ข้อมูล", en: "Information" })}</th>
              <th>{t({ th: "มี/ไม่มี", en: "Yes/No" })}</th>
              <th>URL</th>
              <th>{t({ th: "หมายเหตุ", en: "Note" })}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{r.id.toUpperCase()}</td>
                <td>{t({ th: r.topicTh, en: r.topicEn })}</td>
                <td>
                  {r.has === true ? t({ th: "มี", en: "Yes" }) : r.has === false ? t({ th: "ไม่มี", en: "No" }) : "—"}
                </td>
                <td>
                  {r.urls.map((u) => (
                    <div key={u}>
                      <a href={u} rel="noopener noreferrer nofollow">
                        {u}
                      </a>
                    </div>
                  ))}
                </td>
                <td>{r.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </main>
    </>
  );
}
