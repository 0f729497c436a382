import { useRef, useState } from "react";
import { Form } from "react-router";
import { frameworkOptionLabel, type FrameworkOption } from "../lib/frameworks";
import type { FieldError } from "../lib/forms";
import { useT, type Text } from "../lib/i18n";
import { ROUND_STATUS_LABELS, ROUND_STATUSES, type RoundSettingsValues } from "../lib/rounds";
import { DateField } from "./date-field";
import { fieldMessage, FormErrors } from "./form-errors";

interface Props {
  values: RoundSettingsValues;
  frameworks: FrameworkOption[];
  errors?: readonly FieldError[];
  agencies?: { id: string; nameTh: string }[];
  /** Each framework's minimum samples for the agency: choosing another framework moves the minimums the user has not
   * changed to that framework's (with JavaScript), and the hint names them either way. */
  samples?: Record<string, { iit: number; eit: number }>;
  submit: Text;
}

/** The form that creates a round and edits its settings; works without JavaScript. */
export function RoundForm({ values, frameworks, errors, agencies, samples, submit }: Props) {
  const t = useT();
  const [framework, setFramework] = useState(values.framework);
  const minInputs = { iit: useRef<HTMLInputElement>(null), eit: useRef<HTMLInputElement>(null) };
  const chooseFramework = (next: string) => {
    const before = samples?.[framework];
    const after = samples?.[next];
    // Only the figures still at the previous framework's minimum follow: a number typed by the user stays.
    for (const kind of ["iit", "eit"] as const) {
      const input = minInputs[kind].current;
      if (before && after && input && input.value === String(before[kind])) input.value = String(after[kind]);
    }
    setFramework(next);
  };
  /** A minimum-sample field, with the chosen framework's minimum under it when the form knows it. */
  const minimumField = (kind: "iit" | "eit", label: Text, value: number) => {
    const name = `min_${kind}`;
    const minimum = samples?.[framework]?.[kind];
    return field(
      name,
      label,
      <>
        <input
          id={name}
          name={name}
          type="number"
          min={1}
          required
          defaultValue={value}
          ref={minInputs[kind]}
          aria-describedby={minimum === undefined ? undefined : `${name}-hint`}
        />
        {minimum === undefined ? null : (
          <span className="hint date-hint" id={`${name}-hint`}>
            {t({ th: `กรอบที่เลือกกำหนดอย่างน้อย ${minimum} คน`, en: `The chosen framework asks for at least ${minimum}.` })}
          </span>
        )}
      </>,
    );
  };
  const err = (field: string) => {
    const e = fieldMessage(errors, field);
    return e ? (
      <span className="field-error" id={`${field}-error`}>
        {t({ th: e.messageTh, en: e.message })}
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
      <FormErrors
        errors={errors}
        summary={{ th: "โปรดแก้ไขช่องที่มีข้อความสีแดง", en: "Please correct the fields marked in red." }}
        inline
      />
      <div className="form-grid">
        {agencies
          ? field(
              "agency_id",
              { th: "หน่วยงาน", en: "Agency" },
              <select id="agency_id" name="agency_id" required>
                {agencies.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.nameTh}
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
            defaultValue={values.fiscalYear}
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
          <select
            id="framework"
            name="framework"
            defaultValue={values.framework}
            onChange={(e) => chooseFramework(e.currentTarget.value)}
          >
            {frameworks.map((f) => (
              <option key={f.id} value={f.id}>
                {t(frameworkOptionLabel(f))}
              </option>
            ))}
          </select>,
        )}
        {field(
          "status",
          { th: "สถานะ", en: "Status" },
          <select id="status" name="status" defaultValue={values.status}>
            {ROUND_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(ROUND_STATUS_LABELS[s])}
              </option>
            ))}
          </select>,
        )}
        {field(
          "opens_on",
          { th: "วันเปิดรับคำตอบ", en: "Opens on" },
          <DateField
            id="opens_on"
            name="opens_on"
            value={values.opensOn}
            errorId={fieldMessage(errors, "opens_on") ? "opens_on-error" : undefined}
          />,
          { th: "(เว้นว่างได้)", en: "(optional)" },
        )}
        {field(
          "closes_on",
          { th: "วันปิดรับคำตอบ", en: "Closes on" },
          <DateField
            id="closes_on"
            name="closes_on"
            value={values.closesOn}
            errorId={fieldMessage(errors, "closes_on") ? "closes_on-error" : undefined}
          />,
          { th: "(เว้นว่างได้)", en: "(optional)" },
        )}
        {field(
          "iit_access",
          { th: "วิธีเข้าตอบแบบ IIT ของบุคลากร", en: "How staff reach the IIT" },
          <select id="iit_access" name="iit_access" defaultValue={values.iitAccess}>
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
            defaultValue={values.strengthLine}
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
            defaultValue={values.targetLine}
          />,
        )}
        {minimumField("iit", { th: "จำนวนผู้ตอบ IIT ขั้นต่ำ", en: "Minimum IIT answers" }, values.minIit)}
        {minimumField("eit", { th: "จำนวนผู้ตอบ EIT ขั้นต่ำ", en: "Minimum EIT answers" }, values.minEit)}
      </div>
      <div className="actions">
        <button type="submit" className="button primary">
          {t(submit)}
        </button>
      </div>
    </Form>
  );
}
