import { useState } from "react";
import type { Lang } from "../../lib/i18n";

// The screens around the questionnaire: sending, failed (retry), stopped, thank-you, and the control
// that clears the answers kept on this device.

type Tr = (th: string, en: string) => string;
const trFor =
  (lang: Lang): Tr =>
  (th, en) =>
    lang === "en" ? en : th;

export function ThanksScreen({ lang, onNext }: { lang: Lang; onNext?: () => void }) {
  const tr = trFor(lang);
  return (
    <section className="respondent-status success" aria-labelledby="thanks-title">
      <h2 id="thanks-title" tabIndex={-1} ref={(el) => el?.focus()}>
        {tr("ขอบคุณที่สละเวลาตอบแบบสอบถาม", "Thank you for your time")}
      </h2>
      <p>
        {tr(
          "ระบบได้รับและบันทึกคำตอบของท่านเรียบร้อยแล้ว ท่านปิดหน้านี้ได้เลย",
          "Your answers have been received and stored. You may close this page.",
        )}
      </p>
      {onNext && (
        <button type="button" className="button primary" onClick={onNext}>
          {tr("เริ่มแบบสอบถามใหม่สำหรับผู้ตอบคนถัดไป", "Start again for the next person")}
        </button>
      )}
    </section>
  );
}

export function StoppedScreen({ lang, message }: { lang: Lang; message: string }) {
  const tr = trFor(lang);
  return (
    <section className="respondent-status error" role="alert">
      <h2>{tr("ไม่สามารถบันทึกคำตอบได้", "Your answers could not be stored")}</h2>
      <p>{message || tr("การประเมินรอบนี้ไม่เปิดรับคำตอบแล้ว", "This assessment no longer takes answers.")}</p>
    </section>
  );
}

export function SendingScreen({ lang }: { lang: Lang }) {
  return (
    <section className="respondent-status" role="status" aria-live="polite">
      <p className="sending">{trFor(lang)("กำลังส่ง…", "Sending…")}</p>
    </section>
  );
}

export function FailedScreen({ lang, message, onRetry }: { lang: Lang; message?: string; onRetry: () => void }) {
  const tr = trFor(lang);
  return (
    <section className="respondent-status error" role="alert">
      <h2>{tr("ส่งไม่สำเร็จ — ลองใหม่", "Not sent — try again")}</h2>
      <p>
        {message ||
          tr(
            "เชื่อมต่ออินเทอร์เน็ตไม่ได้ คำตอบของท่านยังเก็บไว้ในเครื่องนี้ เมื่อสัญญาณกลับมาระบบจะส่งให้อีกครั้ง หรือกดปุ่มด้านล่าง",
            "No connection. Your answers are still kept on this device; they are sent again when the connection returns, or press the button below.",
          )}
      </p>
      <button type="button" className="button primary" onClick={onRetry}>
        {tr("ลองส่งอีกครั้ง", "Try again")}
      </button>
    </section>
  );
}

/** "Clear saved answers", with a confirmation step; `onClear` starts a fresh questionnaire. */
export function ClearSaved({ lang, onClear }: { lang: Lang; onClear: () => void }) {
  const tr = trFor(lang);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState("");
  return (
    <div className="clear-saved">
      {confirming ? (
        <>
          <p>
            {tr("ล้างคำตอบทั้งหมดที่บันทึกไว้ในเครื่องนี้และเริ่มใหม่?", "Clear every saved answer on this device and start again?")}
          </p>
          <button
            type="button"
            className="button danger"
            onClick={() => {
              onClear();
              setConfirming(false);
              setNotice(tr("ล้างคำตอบแล้ว", "Answers cleared"));
            }}
          >
            {tr("ยืนยัน ล้างคำตอบ", "Yes, clear them")}
          </button>{" "}
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            {tr("ยกเลิก", "Cancel")}
          </button>
        </>
      ) : (
        <button type="button" className="link-button" onClick={() => setConfirming(true)}>
          {tr("ล้างคำตอบที่บันทึกไว้", "Clear saved answers")}
        </button>
      )}
      <p className="muted" role="status">
        {notice}
      </p>
    </div>
  );
}
