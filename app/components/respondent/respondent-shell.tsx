import { SiteHeader } from "../site-header";
import { useLang, useT } from "../../lib/i18n";
import type { RespondentPage } from "../../services/submissions/respondent-page.server";

/** The frame of a respondent page: header, agency and questionnaire title, privacy notice. */
export function RespondentShell(props: {
  page: RespondentPage;
  title: { th: string; en: string };
  iit?: boolean;
  children: React.ReactNode;
}) {
  const t = useT();
  const lang = useLang();
  const { page } = props;
  return (
    <>
      <SiteHeader />
      <main className="page narrow respondent" id="main">
        {page.state !== "unknown" && <p className="agency-name">{lang === "en" ? page.agency.en : page.agency.th}</p>}
        <h1 className="respondent-title">{t(props.title)}</h1>
        {page.state === "open" ? props.children : <RoundNotOpen page={page} />}
        <PrivacyNotice iit={props.iit} />
      </main>
    </>
  );
}

function RoundNotOpen({ page }: { page: RespondentPage }) {
  const t = useT();
  if (page.state === "closed") {
    return (
      <section className="notice" role="status">
        <h2>{t({ th: "การประเมินรอบนี้ปิดรับคำตอบแล้ว", en: "This assessment is closed" })}</h2>
        <p>
          {t({
            th: "ขอบคุณที่ให้ความสนใจ ขณะนี้ไม่ได้เปิดรับคำตอบ หากท่านคิดว่าไม่ถูกต้อง โปรดสอบถามเจ้าหน้าที่ของหน่วยงาน",
            en: "Thank you for your interest. Answers are not being taken at the moment. If you think this is wrong, please ask the agency's staff.",
          })}
        </p>
      </section>
    );
  }
  return (
    <section className="notice" role="status">
      <h2>{t({ th: "ไม่พบแบบสอบถามนี้", en: "Questionnaire not found" })}</h2>
      <p>
        {t({
          th: "ลิงก์หรือคิวอาร์โค้ดนี้อาจไม่ถูกต้อง หรือยังไม่เปิดให้ตอบ โปรดตรวจสอบลิงก์อีกครั้ง หรือสอบถามเจ้าหน้าที่ของหน่วยงาน",
          en: "This link or QR code may be wrong, or the questionnaire is not open yet. Please check the link or ask the agency's staff.",
        })}
      </p>
      <p>
        <a href="/">{t({ th: "กลับหน้าแรก", en: "Back to the home page" })}</a>
      </p>
    </section>
  );
}

function PrivacyNotice({ iit }: { iit?: boolean }) {
  const t = useT();
  return (
    <section className="privacy" aria-labelledby="privacy-title">
      <h2 id="privacy-title">{t({ th: "การคุ้มครองข้อมูลส่วนบุคคล", en: "Your personal data" })}</h2>
      <p>
        {t({
          th: "ระบบเก็บเฉพาะคำตอบของท่านเพื่อใช้ประเมินคุณธรรมและความโปร่งใสของหน่วยงาน และแสดงผลเป็นภาพรวมเท่านั้น ระบบไม่เก็บชื่อ ที่อยู่ หมายเลขไอพี หรือข้อมูลเครื่องที่ท่านใช้",
          en: "Only your answers are kept, to assess the agency's integrity and transparency, and they are shown only as totals. Your name, address, IP address and device details are not kept.",
        })}
        {iit &&
          t({
            th: " คำตอบแบบ IIT ไม่สามารถโยงกลับไปยังตัวท่าน รหัสที่ใช้ หรือเวลาที่ตอบได้",
            en: " IIT answers cannot be linked back to you, to the code you used or to the time you answered.",
          })}
      </p>
      <p className="muted">
        {t({
          th: "ระหว่างตอบ คำตอบจะพักไว้ในเบราว์เซอร์ของเครื่องนี้ชั่วคราวเพื่อไม่ให้สูญหาย และถูกลบเมื่อส่งสำเร็จ",
          en: "While you answer, your answers are kept for a while in this browser so that nothing is lost, and removed once they are sent.",
        })}
      </p>
    </section>
  );
}
