import { SiteHeader } from "../components/site-header";
import { metaLang, type Text, useT } from "../lib/i18n";
import { getDb } from "../server/db.server";
import { getPublicOitTable } from "../services/oit.server";
import type { Route } from "./+types/oit-public";

export async function loader({ params }: Route.LoaderArgs) {
  return getPublicOitTable(await getDb(), params.slug);
}

export const meta: Route.MetaFunction = ({ data, matches }) => [
  {
    title: `${metaLang(matches) === "en" ? "Open data (OIT)" : "การเปิดเผยข้อมูลสาธารณะ (OIT)"} — ${data?.agency ?? ""}`,
  },
];

const COLUMNS = {
  item: { th: "ข้อ", en: "Item" },
  topic: { th: "ข้อมูล", en: "Information" },
  has: { th: "มี/ไม่มี", en: "Yes/No" },
  urls: { th: "URL", en: "URL" },
  note: { th: "หมายเหตุ", en: "Note" },
} satisfies Record<string, Text>;

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
        <table className="oit-public-table" data-testid="oit-public-table">
          <thead>
            <tr>
              <th>{t(COLUMNS.item)}</th>
              <th>{t(COLUMNS.topic)}</th>
              <th>{t(COLUMNS.has)}</th>
              <th>{t(COLUMNS.urls)}</th>
              <th>{t(COLUMNS.note)}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="item">{r.id.toUpperCase()}</td>
                <td className="topic">{t({ th: r.topicTh, en: r.topicEn })}</td>
                <td data-label={t(COLUMNS.has)}>
                  {r.has === true ? t({ th: "มี", en: "Yes" }) : r.has === false ? t({ th: "ไม่มี", en: "No" }) : "—"}
                </td>
                <td className="urls" data-label={t(COLUMNS.urls)}>
                  {r.urls.map((u) => (
                    <div key={u}>
                      <a href={u} rel="noopener noreferrer nofollow">
                        {u}
                      </a>
                    </div>
                  ))}
                </td>
                <td data-label={t(COLUMNS.note)}>{r.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </main>
    </>
  );
}
