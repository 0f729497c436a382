import { Form } from "react-router";
import type { FieldError } from "../lib/forms";
import { GROUP_KINDS, groupKindLabel } from "../lib/groups";
import { useT, type Text } from "../lib/i18n";
import { DataOption } from "./data-name";

/** A group's fields: names, kind and the group above it (indented choices in tree order). */
export function GroupForm({
  values,
  parents,
  errors = [],
  submit,
  intent,
}: {
  values?: { nameTh: string; nameEn: string | null; kind: string; parentId: string | null };
  parents: { id: string; nameTh: string; nameEn?: string | null; depth: number }[];
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
          <label htmlFor={`${intent}-name_th`}>{t({ th: "ชื่อกลุ่ม (ภาษาไทย)", en: "Name (Thai)" })}</label>
          <input id={`${intent}-name_th`} name="name_th" required maxLength={200} defaultValue={values?.nameTh ?? ""} />
          {err("name_th")}
        </div>
        <div>
          <label htmlFor={`${intent}-name_en`}>
            {t({ th: "ชื่อภาษาอังกฤษ", en: "Name (English)" })}{" "}
            <span className="hint">{t({ th: "(ไม่บังคับ)", en: "(optional)" })}</span>
          </label>
          <input id={`${intent}-name_en`} name="name_en" maxLength={200} defaultValue={values?.nameEn ?? ""} />
          {err("name_en")}
        </div>
        <div>
          <label htmlFor={`${intent}-kind`}>{t({ th: "ประเภทกลุ่ม", en: "Kind" })}</label>
          <select id={`${intent}-kind`} name="kind" defaultValue={values?.kind ?? "province"}>
            {GROUP_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(groupKindLabel(k))}
              </option>
            ))}
          </select>
          {err("kind")}
        </div>
        <div>
          <label htmlFor={`${intent}-parent_id`}>{t({ th: "อยู่ภายใต้กลุ่ม", en: "Within group" })}</label>
          <select id={`${intent}-parent_id`} name="parent_id" defaultValue={values?.parentId ?? ""}>
            <option value="">{t({ th: "— ไม่อยู่ภายใต้กลุ่มใด —", en: "— none (top level) —" })}</option>
            {parents.map((g) => (
              <DataOption
                key={g.id}
                value={g.id}
                nameTh={g.nameTh}
                nameEn={g.nameEn}
                indent={"\u00a0\u00a0".repeat(g.depth)}
              />
            ))}
          </select>
          {err("parent_id")}
        </div>
      </div>
      <button type="submit" className="button primary">
        {t(submit)}
      </button>
    </Form>
  );
}
