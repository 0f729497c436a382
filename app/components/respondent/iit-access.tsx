import { useEffect, useState } from "react";
import { useLang, useT } from "../../lib/i18n";
import { SurveyRunner } from "./survey-runner";

type Access = { pin: string } | { accessCode: string };

/**
 * The IIT asks first for the round PIN or a one-time code. A code may arrive as the URL fragment
 * (#CODE): it is read here, never sent to the server except inside the submission, and removed
 * from the address bar at once. The access is kept only for this tab's session.
 */
export function IitAccess(props: { slug: string; mode: "pin" | "codes"; survey: Record<string, unknown> }) {
  const t = useT();
  const lang = useLang();
  const storageKey = `ita:iit:${props.slug}`;
  const accessKey = `${storageKey}:access`;
  const [access, setAccess] = useState<Access | null>(null);
  const [value, setValue] = useState("");
  const [refusal, setRefusal] = useState("");
  const [checked, setChecked] = useState(false);

  useEffect(() => {
    const fragment = decodeURIComponent(window.location.hash.slice(1)).trim();
    if (fragment) {
      window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
      if (props.mode === "codes") choose({ accessCode: fragment });
    } else {
      try {
        const kept = window.sessionStorage.getItem(accessKey);
        if (kept) setAccess(JSON.parse(kept) as Access);
      } catch {
        // no session storage: ask again
      }
    }
    setChecked(true);
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

  function forget(message: string) {
    try {
      window.sessionStorage.removeItem(accessKey);
    } catch {
      // nothing kept
    }
    setAccess(null);
    setValue("");
    setRefusal(message || t({ th: "รหัสไม่ถูกต้อง", en: "The code is not valid" }));
  }

  if (access) {
    return (
      <SurveyRunner
        json={props.survey}
        lang={lang}
        storageKey={storageKey}
        keeping="session"
        body={{ round: props.slug, instrument: "iit", ...access }}
        onRefused={forget}
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

  const pin = props.mode === "pin";
  const label = pin
    ? t({ th: "รหัสผ่านของการประเมินรอบนี้ (PIN)", en: "This assessment's PIN" })
    : t({ th: "รหัสสำหรับตอบแบบสอบถาม (ใช้ได้ครั้งเดียว)", en: "Your one-time code" });
  return (
    <form
      className="access-form card"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const entered = value.trim();
        if (!entered) {
          setRefusal(t({ th: "กรุณากรอกรหัส", en: "Please enter the code" }));
          return;
        }
        choose(pin ? { pin: entered } : { accessCode: entered });
      }}
    >
      <p>
        {pin
          ? t({
              th: "กรอกรหัสผ่าน (PIN) ที่หน่วยงานแจ้งให้บุคลากรทราบ รหัสนี้ใช้ร่วมกันทุกคน จึงไม่ระบุว่าใครเป็นผู้ตอบ",
              en: "Enter the PIN the agency gave its staff. Everyone shares it, so it does not tell who answered.",
            })
          : t({
              th: "กรอกรหัสที่ได้รับ รหัสแต่ละชุดใช้ตอบได้ครั้งเดียว และระบบไม่บันทึกว่ารหัสใดตอบอะไร",
              en: "Enter the code you received. Each code works once, and nothing records which code gave which answers.",
            })}
      </p>
      <label htmlFor="iit-access">{label}</label>
      <input
        id="iit-access"
        name="access"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        autoComplete="off"
        autoCapitalize={pin ? "off" : "characters"}
        spellCheck={false}
        inputMode={pin ? "numeric" : "text"}
        aria-invalid={refusal ? true : undefined}
        aria-describedby={refusal ? "iit-access-error" : undefined}
        disabled={!checked}
      />
      {refusal && (
        <p id="iit-access-error" className="error" role="alert">
          {refusal}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button primary" disabled={!checked}>
          {t({ th: "เริ่มตอบแบบสอบถาม", en: "Start the questionnaire" })}
        </button>
      </div>
    </form>
  );
}
