import { useEffect, useState } from "react";
import { useLang, useT } from "../../lib/i18n";
import { checkAccess, type Access } from "./access-check";
import { AccessForm } from "./access-form";
import { SurveyRunner } from "./survey-runner";

/**
 * The IIT asks first for the round PIN or a one-time code, checked with the server before the
 * questionnaire opens. A code may arrive as the URL fragment (#CODE): it is read here, never put
 * in a URL, and removed from the address bar at once. The access is kept only for this tab's session.
 */
export function IitAccess(props: { slug: string; mode: "pin" | "codes"; survey: Record<string, unknown> }) {
  const t = useT();
  const lang = useLang();
  const storageKey = `ita:iit:${props.slug}`;
  const accessKey = `${storageKey}:access`;
  const [access, setAccess] = useState<Access | null>(null);
  const [refusal, setRefusal] = useState("");
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const fragment = decodeURIComponent(window.location.hash.slice(1)).trim();
    if (fragment) {
      window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
      if (props.mode === "codes") {
        const next = { accessCode: fragment };
        void checkAccess(props.slug, next, lang).then((result) => {
          if (result.ok) choose(next);
          else setRefusal(result.message);
          setReady(true);
        });
        return;
      }
    } else {
      try {
        const kept = window.sessionStorage.getItem(accessKey);
        if (kept) setAccess(JSON.parse(kept) as Access);
      } catch {
        // no session storage: ask again
      }
    }
    setReady(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function choose(next: Access) {
    setAccess(next);
    setRefusal("");
    try {
      window.sessionStorage.setItem(accessKey, JSON.stringify(next));
    } catch {
      // kept in the page only
    }
  }

  const pin = props.mode === "pin";
  if (access) {
    return (
      <SurveyRunner
        json={props.survey}
        lang={lang}
        storageKey={storageKey}
        keeping="session"
        body={{ round: props.slug, instrument: "iit", ...access }}
        renderAccessRetry={(message, resubmit) => (
          <AccessForm
            slug={props.slug}
            mode={props.mode}
            refusal={message}
            intro={
              pin
                ? t({
                    th: "คำตอบของท่านยังอยู่ครบ กรอกรหัสผ่าน (PIN) ที่ถูกต้อง แล้วระบบจะส่งคำตอบเดิมให้อีกครั้ง",
                    en: "Your answers are all kept. Enter the right PIN and they are sent again.",
                  })
                : t({
                    th: "คำตอบของท่านยังอยู่ครบ กรอกรหัสอื่นที่ยังไม่เคยใช้ แล้วระบบจะส่งคำตอบเดิมให้อีกครั้ง",
                    en: "Your answers are all kept. Enter another code that has not been used, and they are sent again.",
                  })
            }
            submitLabel={t({ th: "ส่งคำตอบด้วยรหัสนี้", en: "Send my answers with this code" })}
            onAccepted={(next) => {
              choose(next);
              resubmit(next);
            }}
          />
        )}
        onStored={() => {
          try {
            window.sessionStorage.removeItem(accessKey);
          } catch {
            // nothing kept
          }
        }}
      />
    );
  }

  return (
    <AccessForm
      slug={props.slug}
      mode={props.mode}
      refusal={refusal}
      disabled={!ready}
      intro={
        pin
          ? t({
              th: "กรอกรหัสผ่าน (PIN) ที่หน่วยงานแจ้งให้บุคลากรทราบ รหัสนี้ใช้ร่วมกันทุกคน จึงไม่ระบุว่าใครเป็นผู้ตอบ",
              en: "Enter the PIN the agency gave its staff. Everyone shares it, so it does not tell who answered.",
            })
          : t({
              th: "กรอกรหัสที่ได้รับ รหัสแต่ละชุดใช้ตอบได้ครั้งเดียว และระบบไม่บันทึกว่ารหัสใดตอบอะไร",
              en: "Enter the code you received. Each code works once, and nothing records which code gave which answers.",
            })
      }
      submitLabel={t({ th: "เริ่มตอบแบบสอบถาม", en: "Start the questionnaire" })}
      onAccepted={choose}
    />
  );
}
