import { SiteHeader } from "../components/site-header";
import { useT } from "../lib/i18n";
import { getDb } from "../server/db.server";
import { getPublicOitTable } from "../services/oit.server";
import type { Route } from "./+types/oit-public";

export async function loader({ params }: Route.LoaderArgs) {
  return getPublicOitTable(await getDb(), params.slug);
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
