import { useEffect, useRef, useState } from "react";
import { useLang, useT } from "../../lib/i18n";
import { checkAccess, type Access } from "./access-check";

/**
 * The IIT's PIN or one-time code form. The entry is checked with the server before it is accepted,
 * so that a wrong PIN or a used code is found before answering, not after.
 */
export function AccessForm(props: {
  slug: string;
  mode: "pin" | "codes";
  intro: string;
  submitLabel: string;
  /** A refusal to show when the form opens (a code found used, a PIN refused at submit). */
  refusal?: string;
  disabled?: boolean;
  onAccepted: (access: Access) => void;
}) {
  const t = useT();
  const lang = useLang();
  const [value, setValue] = useState("");
  const [refusal, setRefusal] = useState(props.refusal ?? "");
  const [checking, setChecking] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => setRefusal(props.refusal ?? ""), [props.refusal]);

  const pin = props.mode === "pin";
  const label = pin
    ? t({ th: "รหัสผ่านของการประเมินรอบนี้ (PIN)", en: "This assessment's PIN" })
    : t({ th: "รหัสสำหรับตอบแบบสอบถาม (ใช้ได้ครั้งเดียว)", en: "Your one-time code" });

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const entered = value.trim();
    if (!entered) {
      setRefusal(t({ th: "กรุณากรอกรหัส", en: "Please enter the code" }));
      return;
    }
    const access: Access = pin ? { pin: entered } : { accessCode: entered };
    setChecking(true);
    const result = await checkAccess(props.slug, access, lang);
    setChecking(false);
    if (result.ok) return props.onAccepted(access);
    setRefusal(result.message);
    input.current?.focus();
  }

  const busy = checking || !!props.disabled;
  return (
    <form className="access-form card" noValidate onSubmit={onSubmit} aria-busy={checking || undefined}>
      <p>{props.intro}</p>
      <label htmlFor="iit-access">{label}</label>
      <input
        id="iit-access"
        ref={input}
        name="access"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        autoComplete="off"
        autoCapitalize={pin ? "off" : "characters"}
        spellCheck={false}
        inputMode={pin ? "numeric" : "text"}
        aria-invalid={refusal ? true : undefined}
        aria-describedby={refusal ? "iit-access-error" : undefined}
        disabled={!!props.disabled}
      />
      {refusal && (
        <p id="iit-access-error" className="error" role="alert">
          {refusal}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          {checking ? t({ th: "กำลังตรวจสอบรหัส…", en: "Checking the code…" }) : props.submitLabel}
        </button>
      </div>
    </form>
  );
}
