import { Form } from "react-router";
import { useT } from "../lib/i18n";
import { DateField } from "./date-field";
import { MEASURE_STATUS_LABELS, MEASURE_STATUSES } from "../lib/measures";
import type { Measure } from "../report/measures";

const FIELDSET = { border: 0, padding: 0, margin: 0, minWidth: 0 };
const WIDE = { maxWidth: "none" };

export type MeasureRowData = Measure;

/** The measures table of a report with its follow-up (due date, status, progress): edit, add, remove rows. */
export function MeasuresForm({ measures, canEdit }: { measures: MeasureRowData[]; canEdit: boolean }) {
  const t = useT();
  return (
    <Form method="post" data-testid="measures-form">
      <input type="hidden" name="count" value={measures.length} />
      <fieldset disabled={!canEdit} className="plain-fieldset" style={FIELDSET}>
        <ol className="measure-list">
          {measures.map((m, i) => {
            const f = (k: string) => `m${i}.${k}`;
            return (
              <li key={m.id ?? i} className="card measure-card" data-measure={i}>
                <input type="hidden" name={f("id")} value={m.id ?? ""} />
                <input type="hidden" name={f("indicator")} value={m.indicator ?? ""} />
                <label htmlFor={f("measure")}>
                  {t({ th: "มาตรการ", en: "Measure" })}
                  {m.indicator ? (
                    <span className="hint">
                      {" "}
                      · {t({ th: `ตัวชี้วัดที่ ${m.indicator}`, en: `indicator ${m.indicator}` })}
                    </span>
                  ) : null}
                </label>
                <textarea
                  lang="th"
                  id={f("measure")}
                  name={f("measure")}
                  defaultValue={m.measure}
                  rows={2}
                  required
                  maxLength={2000}
                  style={WIDE}
                />
                <label htmlFor={f("steps")}>{t({ th: "ขั้นตอนหรือวิธีการ", en: "Steps or method" })}</label>
                <textarea
                  lang="th"
                  id={f("steps")}
                  name={f("steps")}
                  defaultValue={m.steps}
                  rows={3}
                  maxLength={6000}
                  style={WIDE}
                />
                <div className="form-grid">
                  <div>
                    <label htmlFor={f("responsible")}>{t({ th: "ผู้รับผิดชอบ", en: "Responsible units" })}</label>
                    <input id={f("responsible")} name={f("responsible")} defaultValue={m.responsible} maxLength={500} />
                  </div>
                  <div>
                    <label htmlFor={f("monitoring")}>{t({ th: "การกำกับติดตาม", en: "Monitoring and reporting" })}</label>
                    <input id={f("monitoring")} name={f("monitoring")} defaultValue={m.monitoring} maxLength={500} />
                  </div>
                  <div>
                    <label htmlFor={f("dueDate")}>{t({ th: "กำหนดแล้วเสร็จ", en: "Due date" })}</label>
                    <DateField id={f("dueDate")} name={f("dueDate")} value={m.dueDate} />
                  </div>
                  <div>
                    <label htmlFor={f("status")}>{t({ th: "สถานะ", en: "Status" })}</label>
                    <select id={f("status")} name={f("status")} defaultValue={m.status}>
                      {MEASURE_STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {t(MEASURE_STATUS_LABELS[s])}
                        </option>
                      ))}
                    </select>
                  </div>
                </div>
                <label htmlFor={f("progressNote")}>{t({ th: "ผลการดำเนินงาน/ความก้าวหน้า", en: "Progress note" })}</label>
                <textarea
                  lang="th"
                  id={f("progressNote")}
                  name={f("progressNote")}
                  defaultValue={m.progressNote ?? ""}
                  rows={2}
                  maxLength={4000}
                  style={WIDE}
                />
                {canEdit ? (
                  <label className="hint">
                    <input type="checkbox" name={f("remove")} />{" "}
                    {t({ th: "ลบมาตรการนี้เมื่อบันทึก", en: "Remove this measure on save" })}
                  </label>
                ) : null}
              </li>
            );
          })}
        </ol>
        {canEdit ? (
          <div className="actions">
            <button type="submit" name="intent" value="measures" className="button primary">
              {t({ th: "บันทึกตารางมาตรการ", en: "Save measures" })}
            </button>
            <button type="submit" name="intent" value="add-measure" className="button">
              {t({ th: "เพิ่มมาตรการ", en: "Add a measure" })}
            </button>
          </div>
        ) : null}
      </fieldset>
    </Form>
  );
}
