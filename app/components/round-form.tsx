import { Form } from "react-router";
import type { RoundSettings } from "../../db/repositories/rounds";
import { useT, type Text } from "../lib/i18n";

export type RoundFormValues = RoundSettings;

interface Props {
  values: RoundFormValues;
  frameworks: string[];
  errors?: { field: string; message: string; messageTh: string }[];
  agencies?: { id: string; name_th: string }[];
  submit: Text;
}

export const STATUS_LABELS: Record<RoundFormValues["status"], Text> = {
  draft: { th: "ร่าง (ยังไม่เปิดรับคำตอบ)", en: "Draft (not accepting answers)" },
  open: { th: "เปิดรับคำตอบ", en: "Open" },
  closed: { th: "ปิดแล้ว", en: "Closed" },
};

/** The form that creates a round and edits its settings; works without JavaScript. */
export function RoundForm({ values, frameworks, errors = [], agencies, submit }: Props) {
  const t = useT();
  const lang = t({ th: "th", en: "en" });
  const err = (field: string) => {
    const e = errors.find((x) => x.field === field);
    return e ? (
      <span className="field-error" id={`${field}-error`}>
        {lang === "th" ? e.messageTh : e.message}
      </span>
    ) : null;
  };
  const field = (name: string, label: Text, input: React.ReactNode, hint?: Text) => (
    <div>
      <label htmlFor={name}>
        {t(label)} {hint ? <span className="hint">{t(hint)}</span> : null}
      </label>
      {input}
      {err(name)}
    </div>
  );
  return (
    <Form method="post">
      {errors.length ? (
        <p className="error" role="alert">
          {t({ th: "โปรดแก้ไขช่องที่มีข้อความสีแดง", en: "Please correct the fields marked in red." })}
        </p>
      ) : null}
      <div className="form-grid">
        {agencies
          ? field(
              "agency_id",
              { th: "หน่วยงาน", en: "Agency" },
              <select id="agency_id" name="agency_id" required>
                {agencies.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name_th}
                  </option>
                ))}
              </select>,
            )
          : null}
        {field(
          "fiscal_year",
          { th: "ปีงบประมาณ (พ.ศ.)", en: "Fiscal year (Buddhist era)" },
          <input
            id="fiscal_year"
            name="fiscal_year"
            type="number"
            min={2500}
            max={2700}
            required
            defaultValue={values.fiscal_year}
          />,
        )}
        {field(
          "title",
          { th: "ชื่อรอบ", en: "Title" },
          <input id="title" name="title" maxLength={200} defaultValue={values.title ?? ""} />,
          { th: "(ไม่บังคับ)", en: "(optional)" },
        )}
        {field(
          "framework",
          { th: "กรอบการประเมิน", en: "Framework" },
          <select id="framework" name="framework" defaultValue={values.framework}>
            {frameworks.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>,
        )}
        {field(
          "status",
          { th: "สถานะ", en: "Status" },
          <select id="status" name="status" defaultValue={values.status}>
            {(["draft", "open", "closed"] as const).map((s) => (
              <option key={s} value={s}>
                {t(STATUS_LABELS[s])}
              </option>
            ))}
          </select>,
        )}
        {field(
          "opens_on",
          { th: "วันเปิดรับคำตอบ", en: "Opens on" },
          <input id="opens_on" name="opens_on" type="date" defaultValue={values.opens_on ?? ""} />,
          { th: "(เว้นว่างได้)", en: "(optional)" },
        )}
        {field(
          "closes_on",
          { th: "วันปิดรับคำตอบ", en: "Closes on" },
          <input id="closes_on" name="closes_on" type="date" defaultValue={values.closes_on ?? ""} />,
          { th: "(เว้นว่างได้)", en: "(optional)" },
        )}
        {field(
          "iit_access",
          { th: "วิธีเข้าตอบแบบ IIT ของบุคลากร", en: "How staff reach the IIT" },
          <select id="iit_access" name="iit_access" defaultValue={values.iit_access}>
            <option value="pin">{t({ th: "รหัส PIN เดียวกันทั้งหน่วยงาน", en: "One PIN for the agency" })}</option>
            <option value="codes">{t({ th: "รหัสใช้ครั้งเดียวรายบุคคล", en: "One-time codes" })}</option>
          </select>,
        )}
        {field(
          "pin",
          { th: "รหัส PIN 6 หลัก", en: "6-digit PIN" },
          <input
            id="pin"
            name="pin"
            inputMode="numeric"
            pattern="[0-9]{6}"
            maxLength={6}
            defaultValue={values.pin ?? ""}
          />,
          { th: "(เว้นว่างให้ระบบสร้าง)", en: "(empty: generated)" },
        )}
        {field(
          "strength_line",
          { th: "เกณฑ์จุดแข็ง (คะแนน)", en: "Strength line (score)" },
          <input
            id="strength_line"
            name="strength_line"
            type="number"
            min={0}
            max={100}
            step="0.01"
            required
            defaultValue={values.strength_line}
          />,
        )}
        {field(
          "target_line",
          { th: "ค่าเป้าหมาย (คะแนน)", en: "Target line (score)" },
          <input
            id="target_line"
            name="target_line"
            type="number"
            min={0}
            max={100}
            step="0.01"
            required
            defaultValue={values.target_line}
          />,
        )}
        {field(
          "min_iit",
          { th: "จำนวนผู้ตอบ IIT ขั้นต่ำ", en: "Minimum IIT answers" },
          <input id="min_iit" name="min_iit" type="number" min={1} required defaultValue={values.min_iit} />,
        )}
        {field(
          "min_eit",
          { th: "จำนวนผู้ตอบ EIT ขั้นต่ำ", en: "Minimum EIT answers" },
          <input id="min_eit" name="min_eit" type="number" min={1} required defaultValue={values.min_eit} />,
        )}
      </div>
      <div className="actions">
        <button type="submit" className="button primary">
          {t(submit)}
        </button>
      </div>
    </Form>
  );
}
