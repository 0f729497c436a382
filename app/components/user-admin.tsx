import { Form } from "react-router";
import { useT, type Text } from "../lib/i18n";
import { roleLabel } from "../lib/roles";
import type { UserActionResult, UserStatus, UserView } from "../services/users/users.server";
import { FormErrors } from "./form-errors";

const STATUS_LABELS: Record<UserStatus, Text> = {
  disabled: { th: "ระงับการใช้งาน", en: "Disabled" },
  "awaiting-password": { th: "รอตั้งรหัสผ่าน", en: "Awaiting password" },
  locked: { th: "ถูกล็อกชั่วคราว", en: "Locked for now" },
  active: { th: "ใช้งานได้", en: "Active" },
};

/** What the last user action did; a set-password link is shown once, here, to pass on by hand. */
export function UserActionNotice({ result }: { result: UserActionResult | undefined }) {
  const t = useT();
  if (!result) return null;
  if (!result.ok) return <FormErrors errors={result.errors} />;
  return (
    <div className="success" role="status">
      <p>
        {result.intent === "create"
          ? t({ th: `สร้างบัญชี ${result.email} แล้ว`, en: `Account ${result.email} created.` })
          : result.intent === "link"
            ? t({ th: `ออกลิงก์ตั้งรหัสผ่านใหม่ให้ ${result.email} แล้ว`, en: `New set-password link for ${result.email}.` })
            : t({ th: `ปรับสถานะบัญชี ${result.email} แล้ว`, en: `Account ${result.email} updated.` })}
      </p>
      {result.link ? (
        <>
          <p>
            {t({
              th: "ส่งลิงก์นี้ให้เจ้าของบัญชีเพื่อตั้งรหัสผ่าน (ใช้ได้ครั้งเดียว ภายใน 72 ชั่วโมง ระบบจะไม่แสดงลิงก์นี้อีก):",
              en: "Give this link to the account's owner to set a password (single use, within 72 hours; it is not shown again):",
            })}
          </p>
          <code className="one-time-link" data-testid="password-link">
            {result.link}
          </code>
        </>
      ) : null}
    </div>
  );
}

export function UserTable({
  users,
  showAgency,
  selfEmail,
}: {
  users: UserView[];
  showAgency: boolean;
  selfEmail: string;
}) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th>{t({ th: "อีเมล", en: "Email" })}</th>
            <th>{t({ th: "บทบาท", en: "Role" })}</th>
            {showAgency ? <th>{t({ th: "หน่วยงาน", en: "Agency" })}</th> : null}
            <th>{t({ th: "สถานะ", en: "Status" })}</th>
            <th>{t({ th: "จัดการ", en: "Actions" })}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>
                {u.email}
                {u.name ? <div className="muted small">{u.name}</div> : null}
              </td>
              <td>{t(roleLabel(u.role))}</td>
              {showAgency ? <td>{u.agencyName ?? "—"}</td> : null}
              <td>{t(STATUS_LABELS[u.status])}</td>
              <td>
                {u.email === selfEmail ? null : (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="userId" value={u.id} />
                    <button type="submit" name="intent" value="link" className="link-button">
                      {t({ th: "ออกลิงก์ตั้งรหัสผ่าน", en: "Password link" })}
                    </button>
                    <button
                      type="submit"
                      name="intent"
                      value={u.status === "disabled" ? "enable" : "disable"}
                      className="link-button"
                    >
                      {u.status === "disabled" ? t({ th: "เปิดใช้งาน", en: "Enable" }) : t({ th: "ระงับ", en: "Disable" })}
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function NewUserForm({ roles, agencies }: { roles: string[]; agencies?: { id: string; nameTh: string }[] }) {
  const t = useT();
  return (
    <Form method="post" className="card">
      <h2>{t({ th: "เพิ่มผู้ใช้งาน", en: "Add a user" })}</h2>
      <input type="hidden" name="intent" value="create" />
      <div className="form-grid">
        <div>
          <label htmlFor="new-email">{t({ th: "อีเมล", en: "Email" })}</label>
          <input id="new-email" name="email" type="email" required maxLength={254} autoComplete="off" />
        </div>
        <div>
          <label htmlFor="new-name">
            {t({ th: "ชื่อ–นามสกุล", en: "Name" })} <span className="hint">{t({ th: "(ไม่บังคับ)", en: "(optional)" })}</span>
          </label>
          <input id="new-name" name="name" maxLength={200} />
        </div>
        <div>
          <label htmlFor="new-role">{t({ th: "บทบาท", en: "Role" })}</label>
          <select id="new-role" name="role" defaultValue="viewer">
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(roleLabel(r))}
              </option>
            ))}
          </select>
        </div>
        {agencies ? (
          <div>
            <label htmlFor="new-agency">{t({ th: "หน่วยงาน", en: "Agency" })}</label>
            <select id="new-agency" name="agencyId">
              {agencies.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.nameTh}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      <div className="actions">
        <button type="submit" className="button primary">
          {t({ th: "เพิ่มผู้ใช้และออกลิงก์ตั้งรหัสผ่าน", en: "Add user and issue a password link" })}
        </button>
      </div>
    </Form>
  );
}
