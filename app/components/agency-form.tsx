import { Form } from "react-router";
import { AGENCY_SIZES, AGENCY_TYPES } from "../lib/agency-types";
import type { FieldError } from "../lib/forms";
import type { AgencyView } from "../services/agencies.server";
import { useT, type Text } from "../lib/i18n";

/** The editable fields of an agency: the agencies service's view without its id. */
export type AgencyFormValues = Omit<AgencyView, "id">;

const SIZE_LABELS: Record<(typeof AGENCY_SIZES)[number], Text> = {
  S: { th: "S – ขนาดเล็ก", en: "S – small" },
  M: { th: "M – ขนาดกลาง", en: "M – medium" },
  L: { th: "L – ขนาดใหญ่", en: "L – large" },
};

export function AgencyForm({
  values,
  errors = [],
  submit,
  intent,
}: {
  values?: AgencyFormValues;
  errors?: readonly FieldError[];
  submit: Text;
  intent: string;
}) {
  const t = useT();
  const err = (f: string) => {
    const e = errors.find((x) => x.field === f);
    return e ? <span className="field-error">{t({ th: e.messageTh, en: e.message })}</span> : null;
  };
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <div className="form-grid">
        <div>
          <label htmlFor="name_th">{t({ th: "ชื่อหน่วยงาน (ภาษาไทย)", en: "Name (Thai)" })}</label>
          <input id="name_th" name="name_th" required maxLength={200} defaultValue={values?.nameTh ?? ""} />
          {err("name_th")}
        </div>
        <div>
          <label htmlFor="name_en">
            {t({ th: "ชื่อภาษาอังกฤษ", en: "Name (English)" })}{" "}
            <span className="hint">{t({ th: "(ไม่บังคับ)", en: "(optional)" })}</span>
          </label>
          <input id="name_en" name="name_en" maxLength={200} defaultValue={values?.nameEn ?? ""} />
          {err("name_en")}
        </div>
        <div>
          <label htmlFor="type">{t({ th: "ประเภทหน่วยงาน", en: "Type" })}</label>
          <select id="type" name="type" defaultValue={values?.type ?? "sao"}>
            {AGENCY_TYPES.map((a) => (
              <option key={a.code} value={a.code}>
                {t(a.label)}
              </option>
            ))}
          </select>
          {err("type")}
        </div>
        <div>
          <label htmlFor="size">{t({ th: "ขนาดหน่วยงาน", en: "Size" })}</label>
          <select id="size" name="size" defaultValue={values?.size ?? ""}>
            <option value="">{t({ th: "— ไม่ระบุ —", en: "— not given —" })}</option>
            {AGENCY_SIZES.map((s) => (
              <option key={s} value={s}>
                {t(SIZE_LABELS[s])}
              </option>
            ))}
          </select>
          {err("size")}
        </div>
        <div>
          <label htmlFor="staff_count">
            {t({ th: "จำนวนบุคลากรที่ปฏิบัติงานครบ 1 ปีขึ้นไป", en: "Staff with at least one year of service" })}
          </label>
          <input id="staff_count" name="staff_count" type="number" min={0} defaultValue={values?.staffCount ?? ""} />
          {err("staff_count")}
        </div>
        <div>
          <label htmlFor="external_count">
            {t({ th: "จำนวนผู้รับบริการ/ผู้มีส่วนได้ส่วนเสีย", en: "External stakeholders" })}{" "}
            <span className="hint">{t({ th: "(ถ้าทราบ)", en: "(if known)" })}</span>
          </label>
          <input
            id="external_count"
            name="external_count"
            type="number"
            min={0}
            defaultValue={values?.externalCount ?? ""}
          />
          {err("external_count")}
        </div>
      </div>
      <div className="actions">
        <button type="submit" className="button primary">
          {t(submit)}
        </button>
      </div>
    </Form>
  );
}
