import { Form, useActionData } from "react-router";
import { AdminError } from "../../components/admin-error";
import { FormErrors } from "../../components/form-errors";
import { useT } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { formInput, invalidForm, readForm } from "../../server/http.server";
import { listChannels, saveChannel } from "../../services/round-access.server";
import type { Route } from "./+types/round-channels";
import "../../styles/admin-ops.css";

export const meta = () => [{ title: "ช่องทางตอบแบบสอบถาม EIT — ITA Survey" }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.manageRounds });
  return listChannels(await getDb(), user, params.roundId);
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request, { roles: ROLES.manageRounds });
  const form = await readForm(request);
  const result = await saveChannel(await getDb(), user, params.roundId, formInput(form));
  if (!result.ok) return invalidForm(result.errors);
  return { errors: [] };
}

export default function RoundChannels({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const result = useActionData<typeof action>();
  const { round, channels } = loaderData;
  return (
    <>
      <p className="muted">
        <a href={`/admin/rounds/${round.id}`}>{t({ th: "← กลับหน้ารอบการประเมิน", en: "← Back to the round" })}</a>
      </p>
      <h1>{t({ th: "ช่องทางตอบแบบสอบถาม EIT และคิวอาร์โค้ด", en: "EIT channels and QR codes" })}</h1>
      <p className="lead">
        {t({
          th: "แต่ละช่องทาง (เช่น เคาน์เตอร์บริการ เว็บไซต์ จุดรับเรื่อง) มีลิงก์และคิวอาร์โค้ดของตัวเอง เพื่อดูได้ว่าผู้ตอบมาจากช่องทางใด พิมพ์โปสเตอร์ไปติดที่จุดบริการได้",
          en: "Each channel (a service counter, the website, a desk) has its own link and QR code so you can see where answers come from. Print its poster for the service point.",
        })}
      </p>
      <ul className="channel-list">
        {channels.map((c) => (
          <li key={c.id} className="card channel" data-channel={c.key}>
            <div className="qr" dangerouslySetInnerHTML={{ __html: c.qr }} />
            <div>
              <h2>{c.name}</h2>
              <p className="link">
                <a href={c.link}>{c.link}</a>
              </p>
              {c.kiosk ? (
                <p className="muted">
                  {t({
                    th: "โหมดตู้บริการ (kiosk): ล้างแบบสอบถามอัตโนมัติ",
                    en: "Kiosk mode: clears itself for the next person",
                  })}
                </p>
              ) : null}
              <Form method="post" className="row-form">
                <input type="hidden" name="key" value={c.key} />
                <label>
                  {t({ th: "ชื่อช่องทาง", en: "Name" })}{" "}
                  <input name="name" defaultValue={c.name} required maxLength={100} />
                </label>
                <label className="choice">
                  <input type="checkbox" name="kiosk" value="1" defaultChecked={c.kiosk} />{" "}
                  {t({ th: "โหมดตู้บริการ", en: "Kiosk" })}
                </label>
                <button className="button">{t({ th: "บันทึก", en: "Save" })}</button>
              </Form>
              <div className="actions">
                <a className="button" href={`/admin/rounds/${round.id}/channels/${c.key}/poster`}>
                  {t({ th: "โปสเตอร์สำหรับพิมพ์ (A4)", en: "Printable A4 poster" })}
                </a>
              </div>
            </div>
          </li>
        ))}
      </ul>
      <h2>{t({ th: "เพิ่มช่องทาง", en: "Add a channel" })}</h2>
      <FormErrors errors={result?.errors} />
      <Form method="post" className="card">
        <label htmlFor="new-key">{t({ th: "รหัสช่องทาง (ภาษาอังกฤษ เช่น counter-1)", en: "Key (e.g. counter-1)" })}</label>
        <input id="new-key" name="key" required pattern="[a-z0-9][a-z0-9\-]{0,31}" />
        <label htmlFor="new-name">
          {t({ th: "ชื่อช่องทาง (เช่น เคาน์เตอร์งานทะเบียน)", en: "Name (e.g. Registration counter)" })}
        </label>
        <input id="new-name" name="name" required maxLength={100} />
        <label className="choice">
          <input type="checkbox" name="kiosk" value="1" />{" "}
          {t({ th: "โหมดตู้บริการ (แท็บเล็ตที่ตั้งไว้ให้ประชาชนตอบ)", en: "Kiosk (a tablet left out for the public)" })}
        </label>
        <div className="actions">
          <button className="button primary">{t({ th: "เพิ่มช่องทาง", en: "Add channel" })}</button>
        </div>
      </Form>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
