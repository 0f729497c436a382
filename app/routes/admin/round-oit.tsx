import { useEffect } from "react";
import { Form, useNavigation, useRevalidator } from "react-router";
import { AdminError } from "../../components/admin-error";
import { FrameworkNotes } from "../../components/framework-notes";
import { FormErrors, fieldMessage } from "../../components/form-errors";
import { ScoreTable } from "../../components/oit-scores";
import { formatScore } from "../../ita";
import type { FieldError } from "../../lib/forms";
import { useT } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { formInput, invalidForm, readForm } from "../../server/http.server";
import { getOitPage, saveOitAnswers, setOitPublication, startOitLinkCheck } from "../../services/oit.server";
import type { Route } from "./+types/round-oit";
import "../../styles/admin-ops.css";

export const meta = () => [{ title: "แบบตรวจ OIT — ITA Survey" }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.readResults });
  return getOitPage(await getDb(), user, params.roundId);
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request, { roles: ROLES.oit });
  const db = await getDb();
  const input = formInput(await readForm(request));
  const intent = input.intent ?? "save";
  if (intent === "check-links") {
    // Started in the background: the page answers at once and shows the progress (LinkCheckProgress).
    await startOitLinkCheck(db, user, params.roundId);
    return { ok: true as const, intent };
  }
  if (intent === "public") {
    await setOitPublication(db, user, params.roundId, input);
    return { ok: true as const, intent };
  }
  const result = await saveOitAnswers(db, user, params.roundId, input);
  if (!result.ok) return invalidForm(result.errors, { ok: false as const, intent });
  return { ok: true as const, intent, changed: result.changed };
}

type ActionResult = {
  ok?: boolean;
  intent?: string;
  changed?: number;
  errors?: FieldError[];
};

type LinkCheck = Route.ComponentProps["loaderData"]["linkCheck"];

/** How far the background link check is; while it runs the page asks for fresh data every 2 seconds. */
function LinkCheckProgress({ check }: { check: LinkCheck }) {
  const t = useT();
  const revalidator = useRevalidator();
  const running = check?.state === "running";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") void revalidator.revalidate();
    }, 2000);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  if (!check) return null;
  return (
    <div className={running ? "notice" : "success"} role="status" data-testid="link-check" data-state={check.state}>
      {running ? (
        <>
          <p>
            {t({
              th: `กำลังตรวจลิงก์ในเบื้องหลัง ตรวจแล้ว ${check.done} จาก ${check.total} ลิงก์ (ใช้งานไม่ได้ ${check.broken}) หน้านี้จะแสดงผลเองเมื่อเสร็จ`,
              en: `Checking links in the background: ${check.done} of ${check.total} done (${check.broken} broken). This page updates itself.`,
            })}
          </p>
          <progress max={Math.max(check.total, 1)} value={check.done} />
        </>
      ) : check.state === "done" ? (
        <p>
          {t({
            th: `ตรวจลิงก์แล้ว ${check.total} ลิงก์ ใช้งานไม่ได้ ${check.broken} ลิงก์`,
            en: `Checked ${check.total} links, ${check.broken} broken`,
          })}
        </p>
      ) : (
        <p>
          {t({
            th: "ตรวจลิงก์ไม่สำเร็จ กรุณาลองใหม่",
            en: "The link check failed; please try again.",
          })}
        </p>
      )}
    </div>
  );
}

export default function RoundOit({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const result = actionData as ActionResult | undefined;
  const busy = useNavigation().state !== "idle";
  const { groups, scores, round, isPublic, canEdit, framework, linkCheck } = loaderData;
  const errorOf = (field: string) => fieldMessage(result?.errors, field);
  return (
    <div className="oit">
      <h1>
        {t({
          th: `แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) ปี ${round.fiscalYear}`,
          en: `Open data checklist (OIT), ${round.fiscalYear}`,
        })}
      </h1>
      <p className="lead">
        {t({
          th: "ตอบ มี หรือ ไม่มี ทีละข้อ ใส่ลิงก์หน้าเว็บไซต์ของหน่วยงานที่เผยแพร่ข้อมูลนั้น (ข้อที่ตอบ มี ต้องมีลิงก์อย่างน้อยหนึ่งลิงก์จึงได้คะแนน) แล้วกดบันทึก คะแนนจะคำนวณใหม่ทุกครั้งที่บันทึก",
          en: "Answer yes or no for each item and add the links to the agency's web pages that publish it (a yes counts only with at least one link), then save. Scores are recomputed on every save.",
        })}
      </p>
      <FrameworkNotes framework={framework.id} notes={framework.provenance} parts={["oit"]} />
      <ScoreTable scores={scores} />
      <LinkCheckProgress check={linkCheck} />
      {result?.intent === "save" && result.ok ? (
        <p className="success" role="status">
          {t({ th: `บันทึกแล้ว (${result.changed} ข้อที่เปลี่ยน)`, en: `Saved (${result.changed} changed)` })}
        </p>
      ) : null}
      <FormErrors
        errors={result?.errors}
        summary={{ th: "บันทึกไม่ได้ โปรดแก้ไขข้อที่มีเครื่องหมาย", en: "Not saved: please correct the marked items" }}
        inline
      />
      {canEdit ? (
        <div className="actions no-print">
          <Form method="post">
            <button
              className="button"
              name="intent"
              value="check-links"
              disabled={busy || linkCheck?.state === "running"}
            >
              {t({ th: "ตรวจลิงก์ทั้งหมด", en: "Check links" })}
            </button>
          </Form>
          <a className="button" href={`/admin/rounds/${round.id}/oit.xlsx`} download>
            {t({ th: "ดาวน์โหลดตาราง (XLSX)", en: "Download table (XLSX)" })}
          </a>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="public" />
            <input type="hidden" name="public" value={isPublic ? "0" : "1"} />
            <button className="button">
              {isPublic
                ? t({ th: "ปิดหน้าสาธารณะ", en: "Unpublish public page" })
                : t({ th: "เปิดหน้าสาธารณะ", en: "Publish public page" })}
            </button>
          </Form>
          {isPublic ? <a href={`/oit/${round.slug}`}>{t({ th: "ดูหน้าสาธารณะ", en: "View public page" })}</a> : null}
        </div>
      ) : null}
      <Form method="post" className="oit-form">
        <input type="hidden" name="intent" value="save" />
        {groups.map((group) => {
          const sub = scores.subindicators.find((s) => s.id === group.id);
          return (
            <section key={group.id} className="oit-group" aria-labelledby={`g-${group.id}`}>
              <h2 id={`g-${group.id}`}>
                {group.id} {t({ th: group.nameTh, en: group.nameEn })}{" "}
                <span className="muted small">{sub?.score == null ? "—" : formatScore(sub.score)}</span>
              </h2>
              {group.items.map((row) => {
                const a = row.answer;
                const err = errorOf(`urls_${row.id}`);
                const hasValue = a?.has === true ? "1" : a?.has === false ? "0" : "";
                return (
                  <fieldset key={row.id} className="oit-item" data-item={row.id} disabled={!canEdit}>
                    <legend>
                      <strong>{row.id.toUpperCase()}</strong> {t({ th: row.topicTh, en: row.topicEn })}
                    </legend>
                    <div className="oit-has">
                      {[
                        ["1", { th: "มี", en: "Yes" }],
                        ["0", { th: "ไม่มี", en: "No" }],
                        ["", { th: "ยังไม่ตอบ", en: "Not yet" }],
                      ].map(([value, label]) => (
                        <label key={value as string} className="choice">
                          <input
                            type="radio"
                            name={`has_${row.id}`}
                            value={value as string}
                            defaultChecked={hasValue === value}
                          />{" "}
                          {t(label as { th: string; en: string })}
                        </label>
                      ))}
                    </div>
                    <label htmlFor={`urls_${row.id}`}>
                      {t({ th: "ลิงก์หลักฐาน (บรรทัดละหนึ่งลิงก์)", en: "Evidence links (one per line)" })}
                    </label>
                    <textarea
                      id={`urls_${row.id}`}
                      name={`urls_${row.id}`}
                      rows={Math.max(1, (a?.urls.length ?? 0) + 0)}
                      defaultValue={a?.urls.join("\n") ?? ""}
                      aria-invalid={err ? true : undefined}
                    />
                    {err ? <p className="field-error">{t({ th: err.messageTh, en: err.message })}</p> : null}
                    {a && a.urls.length && a.checkedAt ? (
                      <ul className="link-status">
                        {a.urls.map((u) => {
                          const s = a.linkStatus[u];
                          return (
                            <li key={u} data-link-ok={s ? String(s.ok) : "unknown"}>
                              {s?.ok
                                ? "✅ " + t({ th: "ใช้งานได้", en: "OK" })
                                : s
                                  ? "⚠️ " +
                                    t({ th: "ลิงก์เสีย", en: "Broken" }) +
                                    (s.status ? ` (${s.status})` : s.error ? ` (${s.error})` : "")
                                  : "?"}{" "}
                              <span className="url">{u}</span>
                            </li>
                          );
                        })}
                        <li className="muted small">
                          {t({ th: "ตรวจเมื่อ", en: "Checked" })}{" "}
                          {new Date(a.checkedAt).toLocaleString("th-TH", { timeZone: "Asia/Bangkok" })}
                        </li>
                      </ul>
                    ) : null}
                    <div className="oit-meta">
                      <label>
                        {t({ th: "หมายเหตุ", en: "Note" })}
                        <input name={`note_${row.id}`} defaultValue={a?.note ?? ""} maxLength={500} />
                      </label>
                      <label>
                        {t({ th: "ผู้รับผิดชอบ", en: "Responsible" })}
                        <input name={`resp_${row.id}`} defaultValue={a?.responsible ?? ""} maxLength={500} />
                      </label>
                    </div>
                  </fieldset>
                );
              })}
              {canEdit ? (
                <button type="submit" className="button primary" disabled={busy}>
                  {t({ th: "บันทึก", en: "Save" })}
                </button>
              ) : null}
            </section>
          );
        })}
      </Form>
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
