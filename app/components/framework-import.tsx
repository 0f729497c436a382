import { Form } from "react-router";
import type { FrameworkIssue } from "../ita/framework-messages";
import { useT } from "../lib/i18n";

/**
 * The form that imports a framework file (JSON: a chosen file, or text pasted in), and, after a refused
 * import, every problem with its place in the file. Works without JavaScript (multipart form).
 */
export function FrameworkImportForm({
  issues,
  action,
  replacing,
}: {
  issues?: readonly FrameworkIssue[];
  action?: string;
  /** The draft a new file replaces (its id must stay the same). */
  replacing?: string;
}) {
  const t = useT();
  return (
    <>
      {issues?.length ? <FrameworkIssues issues={issues} /> : null}
      <Form method="post" encType="multipart/form-data" action={action} className="narrow-form">
        <input type="hidden" name="intent" value="import" />
        <div>
          <label htmlFor="framework-file">
            {t({ th: "ไฟล์กรอบการประเมิน (JSON)", en: "Framework file (JSON)" })}{" "}
            <span className="hint">{t({ th: "ไม่เกิน 1 MB", en: "up to 1 MB" })}</span>
          </label>
          <input id="framework-file" name="file" type="file" accept=".json,application/json" />
        </div>
        <div>
          <label htmlFor="framework-text">
            {t({ th: "หรือวางข้อความ JSON", en: "or paste the JSON" })}{" "}
            <span className="hint">{t({ th: "(ใช้เมื่อไม่ได้เลือกไฟล์)", en: "(used when no file is chosen)" })}</span>
          </label>
          <textarea id="framework-text" name="text" rows={6} spellCheck={false} />
        </div>
        {replacing ? (
          <p className="hint">
            {t({
              th: `ไฟล์ใหม่ต้องมี id เป็น ${replacing} จึงจะแทนที่ร่างนี้ (id อื่นจะนำเข้าเป็นกรอบใหม่)`,
              en: `The new file must keep the id ${replacing} to replace this draft (another id imports a new framework)`,
            })}
          </p>
        ) : (
          <div>
            <label>
              <input type="checkbox" name="publish" value="1" />{" "}
              {t({
                th: "เผยแพร่ทันทีเมื่อผ่านการตรวจสอบ (ปกติให้ตรวจตัวอย่างก่อนแล้วจึงเผยแพร่)",
                en: "Publish at once when valid (usually: preview first, then publish)",
              })}
            </label>
          </div>
        )}
        <div className="actions">
          <button type="submit" className="button">
            {replacing
              ? t({ th: "ตรวจสอบและแทนที่ร่าง", en: "Check and replace the draft" })
              : t({ th: "ตรวจสอบและนำเข้า", en: "Check and import" })}
          </button>
        </div>
      </Form>
    </>
  );
}

/** Every problem of a framework file: its place in the file and what is wrong, in Thai (English beside it). */
export function FrameworkIssues({ issues }: { issues: readonly FrameworkIssue[] }) {
  const t = useT();
  return (
    <div className="error framework-issues" role="alert" data-testid="framework-issues">
      <p>
        <strong>
          {t({
            th: `นำเข้าไม่ได้: ไฟล์มีข้อผิดพลาด ${issues.length} รายการ ไม่มีการบันทึกใด ๆ`,
            en: `Not imported: the file has ${issues.length} error(s); nothing was stored`,
          })}
        </strong>
      </p>
      <div
        className="table-wrap"
        role="region"
        tabIndex={0}
        aria-label={t({ th: "ข้อผิดพลาดในไฟล์", en: "Errors in the file" })}
      >
        <table>
          <thead>
            <tr>
              <th scope="col">{t({ th: "ตำแหน่งในไฟล์", en: "Place in the file" })}</th>
              <th scope="col">{t({ th: "ปัญหา", en: "Problem" })}</th>
            </tr>
          </thead>
          <tbody>
            {issues.map((i, n) => (
              <tr key={`${i.path}:${n}`} data-testid="framework-issue">
                <td>
                  <code>{i.path || t({ th: "(ทั้งไฟล์)", en: "(whole file)" })}</code>
                </td>
                <td>{t({ th: i.messageTh, en: i.messageEn })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
