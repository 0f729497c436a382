import { Link } from "react-router";
import { SiteHeader } from "../components/site-header";
import { formatDate } from "../lib/dates";
import { common, metaLang, useLang, useT } from "../lib/i18n";
import { roundLabel } from "../lib/rounds";
import { listPublicRounds } from "../services/rounds/rounds.server";
import { getDb } from "../server/db.server";
import type { Route } from "./+types/home";

export function meta({ matches }: Route.MetaArgs) {
  const en = metaLang(matches) === "en";
  return [
    {
      title: en
        ? "ITA Survey — Integrity and Transparency Assessment of public agencies"
        : "ITA Survey — การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ",
    },
    {
      name: "description",
      content: en
        ? "Perception surveys and the open-data checklist of an agency"
        : "แบบวัดการรับรู้และแบบตรวจการเปิดเผยข้อมูลสาธารณะของหน่วยงาน",
    },
  ];
}

export async function loader() {
  return { rounds: await listPublicRounds(await getDb()) };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  return (
    <>
      <SiteHeader>
        <Link to="/login">{t(common.signIn)}</Link>
      </SiteHeader>
      <main className="page">
        <h1 className="hero-title">
          {t({
            th: "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ",
            en: "Integrity and Transparency Assessment of public agencies",
          })}
        </h1>
        <p className="lead">
          {t({
            th: "ความคิดเห็นของท่านช่วยให้หน่วยงานรู้ว่าควรปรับปรุงเรื่องใด ใช้เวลาตอบประมาณ 5–10 นาที และไม่ต้องระบุชื่อ",
            en: "Your views show the agency what to improve. It takes about 5–10 minutes and you do not give your name.",
          })}
        </p>
        {loaderData.rounds.length === 0 ? (
          <p className="notice">{t({ th: "ขณะนี้ยังไม่มีการประเมินที่เปิดรับคำตอบ", en: "No assessment is open right now." })}</p>
        ) : (
          <ul className="card-list">
            {loaderData.rounds.map((round) => (
              <li key={round.slug} className="card">
                <h2>{lang === "en" && round.agencyNameEn ? round.agencyNameEn : round.agencyNameTh}</h2>
                <p className="muted" data-testid="round-label">
                  {roundLabel(round, lang)}
                  {round.closesOn ? (
                    <>
                      {" · "}
                      {t({ th: "รับคำตอบถึง ", en: "answers until " })}
                      {formatDate(round.closesOn, lang, "long")}
                    </>
                  ) : null}
                </p>
                <div className="actions">
                  <Link className="button primary" to={`/s/${round.slug}`}>
                    {t({ th: "ตอบแบบสอบถามผู้รับบริการ (EIT)", en: "Answer as a citizen or stakeholder (EIT)" })}
                  </Link>
                  <Link className="button" to={`/s/${round.slug}/iit`}>
                    {t({ th: "สำหรับบุคลากรของหน่วยงาน (IIT)", en: "For the agency's staff (IIT)" })}
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        )}
      </main>
    </>
  );
}
