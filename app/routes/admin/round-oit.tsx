import { useEffect, useRef, useState } from "react";
import { Form, useFetcher, useNavigation, useRevalidator } from "react-router";
import { AdminError } from "../../components/admin-error";
import { FrameworkNotes } from "../../components/framework-notes";
import { FormErrors } from "../../components/form-errors";
import { ScoreTable } from "../../components/oit-scores";
import { formatScore } from "../../ita";
import type { FieldError } from "../../lib/forms";
import { formatDate } from "../../lib/dates";
import { type Text, useLang, useT, pageTitle } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { formInput, invalidForm, readForm } from "../../server/http.server";
import {
  copyOitFromPreviousRound,
  getOitPage,
  saveOitAnswers,
  setOitPublication,
  startOitLinkCheck,
  type OitRow,
} from "../../services/oit.server";
import type { Route } from "./+types/round-oit";
import "../../styles/admin-ops.css";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, { th: "แบบตรวจ OIT", en: "OIT checklist" });

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
  if (intent === "copy") {
    const copied = await copyOitFromPreviousRound(db, user, params.roundId, input);
    if (!copied.ok) return invalidForm(copied.errors, { ok: false as const, intent });
    return { ...copied, intent };
  }
  const result = await saveOitAnswers(db, user, params.roundId, input);
  // Which button or item the save came from, so that the page answers there; and what was typed in a refused
  // item, so that a page drawn anew (without JavaScript) shows it again instead of the stored value.
  const where = { intent, group: input.group ?? null, item: input.item ?? null };
  const typed = Object.fromEntries(result.errors.map((e) => [e.field, input[e.field] ?? ""]));
  if (!result.ok) return invalidForm(result.errors, { ...result, ...where, typed });
  return { ...result, ...where, typed };
}

type Assumed = { item: string; from: string; to: string }[];

type SaveResult = {
  ok: boolean;
  intent: string;
  group?: string | null;
  item?: string | null;
  changed: number;
  saved: string[];
  errors: FieldError[];
  assumed: Assumed;
  typed: Record<string, string>;
};

type ActionResult = Partial<SaveResult>;

type CopyResult = {
  ok: boolean;
  intent: "copy";
  errors?: FieldError[];
  copied?: string[];
  notCopied?: string[];
  fromRound?: { id: string; fiscalYear: number };
};

const CERTAINTY: Record<string, Text> = {
  stated: { th: "ตามแหล่งที่มา", en: "as a source states" },
  inferred: { th: "อ่านจากชื่อข้อ ยังไม่มีคู่มือยืนยัน", en: "read from the item's title; no handbook confirms it" },
  uncertain: { th: "ยังไม่ยืนยัน แหล่งที่มาไม่แน่นอน", en: "unconfirmed: the source is uncertain" },
};

const MATCHED: Record<string, Text> = {
  inferred: { th: "จับคู่จากชื่อข้อ ยังไม่มีคู่มือยืนยัน", en: "matched by title; no handbook confirms it" },
  uncertain: { th: "การจับคู่ยังไม่ยืนยัน", en: "the match is unconfirmed" },
};

const itemList = (ids: string[]) => ids.map((id) => id.toUpperCase()).join(", ");

/** What the NACC expects as evidence for the item, and which item of last year's checklist it continues. */
function OitGuide({ row }: { row: OitRow }) {
  const t = useT();
  const p = row.previous;
  if (!row.evidence && p.kind === "unknown") return null;
  const sure = (status: string | null | undefined, words: Record<string, Text> = CERTAINTY) =>
    status && status !== "stated" && words[status] ? <span className="certainty"> ({t(words[status])})</span> : null;
  return (
    <div className="oit-guide" data-testid={`guide-${row.id}`}>
      {row.evidence ? (
        <p>
          <strong>{t({ th: "หลักฐานที่ ป.ป.ช. คาดหวัง:", en: "Evidence the NACC expects:" })}</strong>{" "}
          {t({ th: row.evidence.th, en: row.evidence.en })}
          {sure(row.evidence.status)}
        </p>
      ) : null}
      {p.kind === "continues" ? (
        <p data-testid={`previous-${row.id}`}>
          <strong>{t({ th: "ตรงกับข้อของปีก่อน:", en: "Last year's item:" })}</strong> {itemList(p.items)} ({p.framework})
          {sure(p.status, MATCHED)}
        </p>
      ) : p.kind === "new" ? (
        <p data-testid={`previous-${row.id}`}>
          <strong>{t({ th: "ข้อใหม่ในปีนี้", en: "New this year" })}</strong>{" "}
          {t({ th: `(ไม่มีข้อที่ตรงกันใน ${p.framework})`, en: `(no matching item in ${p.framework})` })}
          {sure(p.status, MATCHED)}
        </p>
      ) : null}
    </div>
  );
}

type CopyChoice = Route.ComponentProps["loaderData"]["copy"];

/** "Start from last round's links": copies the previous round's answers, each marked to re-check. */
function CopyFromPrevious({ copy, result, busy }: { copy: CopyChoice; result: CopyResult | undefined; busy: boolean }) {
  const t = useT();
  if (!copy) return null;
  const from = copy.fromRound;
  const name = `${from.fiscalYear}${from.title ? ` ${from.title}` : ""}`;
  const confirmError = result?.errors?.find((e) => e.field === "confirm");
  return (
    <section className="oit-copy no-print" aria-labelledby="oit-copy-title" data-testid="oit-copy">
      <h2 id="oit-copy-title">{t({ th: "เริ่มจากลิงก์ของรอบก่อน", en: "Start from last round's links" })}</h2>
      {copy.mappable ? (
        <Form method="post">
          <input type="hidden" name="intent" value="copy" />
          <p className="hint">
            {t({
              th: `คัดลอกคำตอบและลิงก์หลักฐานของรอบปี ${name} มาเป็นจุดเริ่มต้น ข้อที่ชื่อหรือการจัดกลุ่มเปลี่ยนไปจะจับคู่ตามข้อของปีก่อนที่ระบุไว้ ทุกข้อที่คัดลอกจะมีป้าย "ตรวจสอบอีกครั้ง" จนกว่าจะบันทึกข้อนั้น`,
              en: `Copies the answers and evidence links of the ${name} round as a starting point; items that changed are matched through last year's items. Each copied item is marked "to re-check" until you save it.`,
            })}
          </p>
          {copy.started > 0 ? (
            <p>
              <label className="choice">
                <input
                  type="checkbox"
                  name="confirm"
                  value="1"
                  aria-invalid={confirmError ? true : undefined}
                  aria-describedby={confirmError ? "copy-confirm-error" : undefined}
                />{" "}
                {t({
                  th: `แทนที่คำตอบที่มีอยู่แล้ว ${copy.started} ข้อด้วยของรอบก่อน`,
                  en: `Replace the ${copy.started} items already answered with last round's`,
                })}
              </label>
            </p>
          ) : null}
          {result?.errors?.length ? (
            <p className="field-error" role="alert" id="copy-confirm-error">
              {result.errors.map((e) => t({ th: e.messageTh, en: e.message })).join(" ")}
            </p>
          ) : null}
          {result?.ok && result.copied ? (
            <p className="saved-note" role="status" data-testid="copy-result">
              {t({
                th: `คัดลอกแล้ว ${result.copied.length} ข้อ โปรดตรวจสอบข้อที่มีป้าย "ตรวจสอบอีกครั้ง" (ไม่มีข้อมูลให้คัดลอก ${result.notCopied?.length ?? 0} ข้อ)`,
                en: `Copied ${result.copied.length} items: please re-check the marked ones (${result.notCopied?.length ?? 0} had nothing to copy).`,
              })}
            </p>
          ) : null}
          <button className="button" disabled={busy}>
            {t({ th: "คัดลอกจากรอบก่อน", en: "Copy from last round" })}
          </button>
        </Form>
      ) : (
        <p className="hint">
          {t({
            th: `รอบปี ${name} ใช้กรอบการประเมิน ${from.framework} ซึ่งจับคู่ข้อกับรอบนี้ไม่ได้ จึงคัดลอกไม่ได้`,
            en: `The ${name} round uses framework ${from.framework}, which cannot be matched item by item with this round's.`,
          })}
        </p>
      )}
    </section>
  );
}

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

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Links typed without https:// were stored with it: the textareas show what was stored. */
function showAssumed(root: ParentNode | null | undefined, assumed: Assumed | undefined) {
  for (const a of assumed ?? []) {
    const area = root?.querySelector<HTMLTextAreaElement>(`textarea[name="urls_${a.item}"]`);
    if (area) area.value = area.value.replace(new RegExp(`(^|\\s)${escapeRegExp(a.from)}(?=\\s|$)`, "g"), `$1${a.to}`);
  }
}

function AssumedNote({ assumed }: { assumed: Assumed | undefined }) {
  const t = useT();
  if (!assumed?.length) return null;
  return (
    <p className="hint assumed" data-testid="assumed-https">
      {assumed.map((a) => t({ th: `ถือว่า ${a.from} คือ ${a.to}`, en: `${a.from} was read as ${a.to}` })).join(" · ")}
    </p>
  );
}

const LINK_ERRORS: Record<string, Text> = {
  "private-address": { th: "ที่อยู่ภายในเครือข่าย ระบบไม่ตรวจ", en: "private address, not checked" },
  "not-checked": { th: "ยังไม่ได้ตรวจ", en: "not checked" },
  timeout: { th: "รอนานเกินไป ไม่มีคำตอบ", en: "timed out" },
  unreachable: { th: "เชื่อมต่อเว็บไซต์ไม่ได้", en: "could not connect" },
  "invalid-url": { th: "ลิงก์ไม่ถูกต้อง", en: "not a valid link" },
  "not-http": { th: "ไม่ใช่ลิงก์เว็บ (http/https)", en: "not a web link" },
  "too-many-redirects": { th: "ถูกส่งต่อหลายทอดเกินไป", en: "too many redirects" },
};

/** A link check's result code as words (a code this page does not know is shown as it is). */
function linkError(code: string): Text {
  return LINK_ERRORS[code] ?? { th: code, en: code };
}

/** The fields of one item's fieldset as the form would send them, for saving that item alone. */
function itemForm(fieldset: HTMLFieldSetElement, item: string): FormData {
  const data = new FormData();
  data.set("intent", "save");
  data.set("item", item);
  data.set(`has_${item}`, "");
  for (const el of Array.from(fieldset.elements)) {
    if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) || !el.name) continue;
    if (el instanceof HTMLInputElement && el.type === "radio" && !el.checked) continue;
    data.set(el.name, el.value);
  }
  return data;
}

/**
 * One checklist item. It saves itself when its answer is chosen or a text field is left after a change
 * (autosave, one item a request: a wrong link in one item never holds back another), and says so beside
 * itself; the group's button still saves every item of the page at once.
 */
function OitItem({
  row,
  canEdit,
  page,
  copies,
}: {
  row: OitRow;
  canEdit: boolean;
  /** How many copies from the previous round this page has made: each one sets the fields to the stored answer. */
  copies: number;
  /** The last whole-page save, and its order among saves (to know whether it is newer than this item's). */
  page: { result: ActionResult | undefined; seq: number };
}) {
  const t = useT();
  const lang = useLang();
  const fetcher = useFetcher<ActionResult>({ key: `oit-${row.id}` });
  const fieldset = useRef<HTMLFieldSetElement>(null);
  const sent = useRef<string>("");
  const [seq, setSeq] = useState(0);
  const own = fetcher.state === "idle" ? fetcher.data : undefined;
  useEffect(() => {
    // What the item holds when drawn: leaving a field unchanged saves nothing.
    if (fieldset.current) sent.current = JSON.stringify([...itemForm(fieldset.current, row.id).entries()]);
  }, [row.id]);
  const answer = row.answer;
  // After a copy from the previous round, a copied item (to re-check) shows the stored answer once it arrives
  // (the page's data comes after the copy's result); an item the officer saved since is left as it is.
  const applied = useRef<string | null>(null);
  useEffect(() => {
    const el = fieldset.current;
    if (!copies || !el || !answer?.recheck || applied.current === answer.updatedAt) return;
    applied.current = answer.updatedAt;
    const has = answer.has === true ? "1" : answer.has === false ? "0" : "";
    for (const radio of el.querySelectorAll<HTMLInputElement>(`input[name="has_${row.id}"]`))
      radio.checked = radio.value === has;
    const set = (name: string, value: string) => {
      const field = el.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`);
      if (field) field.value = value;
    };
    set(`urls_${row.id}`, answer.urls.join("\n"));
    set(`note_${row.id}`, answer.note ?? "");
    set(`resp_${row.id}`, answer.responsible ?? "");
    sent.current = JSON.stringify([...itemForm(el, row.id).entries()]);
  }, [copies, answer, row.id]);
  useEffect(() => {
    if (!own) return;
    setSeq(Date.now());
    // The message appears under the field just left; the focus stays where the officer moved it.
    showAssumed(fieldset.current, own.assumed);
  }, [own]);
  // The newer of this item's own save and the page's save tells what to show.
  const latest = own && seq >= page.seq ? own : page.result;
  const error = latest?.errors?.find((e) => e.field.endsWith(`_${row.id}`));
  const typed = error ? latest?.typed?.[error.field] : undefined;
  const savedHere = own && seq >= page.seq && own.saved?.includes(row.id);
  // "www.x.go.th was read as https://www.x.go.th" stays beside the item until its links are edited again.
  const [assumed, setAssumed] = useState<Assumed>([]);
  useEffect(() => {
    const mine = latest?.assumed?.filter((a) => a.item === row.id);
    if (mine?.length) setAssumed(mine);
  }, [latest, row.id]);

  const save = () => {
    if (!fieldset.current || !canEdit) return;
    const data = itemForm(fieldset.current, row.id);
    const key = JSON.stringify([...data.entries()]);
    if (key === sent.current) return;
    sent.current = key;
    fetcher.submit(data, { method: "post" }).catch(() => undefined);
  };
  /** "Checked, still right": saves the item as it stands, which clears its re-check mark. */
  const confirm = () => {
    if (!fieldset.current || !canEdit) return;
    const data = itemForm(fieldset.current, row.id);
    sent.current = JSON.stringify([...data.entries()]);
    fetcher.submit(data, { method: "post" }).catch(() => undefined);
  };
  const a = row.answer;
  const hasValue = a?.has === true ? "1" : a?.has === false ? "0" : "";
  const urlsId = `urls_${row.id}`;
  return (
    <fieldset
      ref={fieldset}
      className="oit-item"
      data-item={row.id}
      disabled={!canEdit}
      onChange={(e) => {
        if ((e.target as unknown as HTMLInputElement).type === "radio") save();
      }}
      onInput={(e) => {
        if ((e.target as HTMLElement).matches("textarea")) setAssumed([]);
      }}
      onBlur={(e) => {
        if ((e.target as HTMLElement).matches("textarea, input:not([type=radio])")) save();
      }}
    >
      <legend>
        <strong>{row.id.toUpperCase()}</strong> {t({ th: row.topicTh, en: row.topicEn })}
      </legend>
      <OitGuide row={row} />
      {a?.recheck ? (
        <div className="oit-recheck" data-testid={`recheck-${row.id}`}>
          <span className="badge-recheck">
            {t({ th: "ตรวจสอบอีกครั้ง: คัดลอกจากรอบก่อน", en: "To re-check: copied from last round" })}
          </span>
          {canEdit ? (
            <button type="button" className="button small" onClick={confirm} disabled={fetcher.state !== "idle"}>
              {t({ th: "ตรวจแล้ว ข้อมูลถูกต้อง", en: "Checked: still right" })}
            </button>
          ) : null}
        </div>
      ) : null}
      <div className="oit-has">
        {[
          ["1", { th: "มี", en: "Yes" }],
          ["0", { th: "ไม่มี", en: "No" }],
          ["", { th: "ยังไม่ตอบ", en: "Not yet" }],
        ].map(([value, label]) => (
          <label key={value as string} className="choice">
            <input type="radio" name={`has_${row.id}`} value={value as string} defaultChecked={hasValue === value} />{" "}
            {t(label as Text)}
          </label>
        ))}
      </div>
      <label htmlFor={urlsId}>
        {t({ th: "ลิงก์หลักฐาน (บรรทัดละหนึ่งลิงก์)", en: "Evidence links (one per line)" })}{" "}
        <span className="hint">
          {t({ th: "พิมพ์ www.… ได้ ระบบจะเติม https:// ให้", en: "www.… is fine: https:// is added" })}
        </span>
      </label>
      <textarea
        id={urlsId}
        name={urlsId}
        rows={Math.max(1, a?.urls.length ?? 0)}
        defaultValue={typed ?? a?.urls.join("\n") ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${urlsId}-error` : undefined}
      />
      {error ? (
        <p className="field-error" id={`${urlsId}-error`} role="alert">
          {t({ th: error.messageTh, en: error.message })} {t({ th: "— ข้อนี้ยังไม่ได้บันทึก", en: "— this item is not saved" })}
        </p>
      ) : null}
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
                      (s.status ? ` (${s.status})` : s.error ? ` (${t(linkError(s.error))})` : "")
                    : "?"}{" "}
                <span className="url">{u}</span>
              </li>
            );
          })}
          <li className="muted small">
            {t({ th: "ตรวจเมื่อ", en: "Checked" })} {formatDate(a.checkedAt, lang, "dateTime")}
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
      <div className="item-status" aria-live="polite" data-testid={`status-${row.id}`}>
        {fetcher.state !== "idle" ? (
          <span className="muted small">{t({ th: "กำลังบันทึก…", en: "Saving…" })}</span>
        ) : savedHere ? (
          <span className="saved-note small">{t({ th: "บันทึกข้อนี้แล้ว", en: "Saved" })}</span>
        ) : null}
        <AssumedNote assumed={assumed} />
      </div>
    </fieldset>
  );
}

export default function RoundOit({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const result = actionData as ActionResult | undefined;
  const copyResult =
    (actionData as { intent?: string } | undefined)?.intent === "copy" ? (actionData as CopyResult) : undefined;
  const busy = useNavigation().state !== "idle";
  const { groups, scores, round, isPublic, canEdit, framework, linkCheck, copy } = loaderData;
  const form = useRef<HTMLFormElement>(null);
  const [pageSeq, setPageSeq] = useState(0);
  const pageSave = result?.intent === "save" ? result : undefined;
  useEffect(() => {
    if (!pageSave) return;
    setPageSeq(Date.now());
    showAssumed(form.current, pageSave.assumed);
    // Feedback where the officer is: the first refused field takes the focus (and scrolls into view).
    const first = pageSave.errors?.[0];
    const field = first ? form.current?.querySelector<HTMLElement>(`[name="${first.field}"]`) : null;
    field?.scrollIntoView({ block: "center" });
    field?.focus({ preventScroll: true });
  }, [pageSave]);
  // The items' fields are drawn from their stored values once (uncontrolled): after a copy each item sets them anew.
  const copies = useRef<{ result: CopyResult | undefined; n: number }>({ result: undefined, n: 0 });
  if (copyResult?.ok && copies.current.result !== copyResult)
    copies.current = { result: copyResult, n: copies.current.n + 1 };
  const refusedItems = (pageSave?.errors ?? []).map((e) => e.field.replace(/^[a-z]+_/, ""));
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
          th: "ตอบ มี หรือ ไม่มี ทีละข้อ ใส่ลิงก์หน้าเว็บไซต์ของหน่วยงานที่เผยแพร่ข้อมูลนั้น (ข้อที่ตอบ มี ต้องมีลิงก์อย่างน้อยหนึ่งลิงก์จึงได้คะแนน) ระบบบันทึกแต่ละข้อให้เองเมื่อเลือกคำตอบหรือกรอกช่องเสร็จ และคำนวณคะแนนใหม่ทุกครั้งที่บันทึก",
          en: "Answer yes or no for each item and add the links to the agency's web pages that publish it (a yes counts only with at least one link). Each item saves itself when you choose an answer or leave a field, and scores are recomputed on every save.",
        })}
      </p>
      <FrameworkNotes framework={framework.id} notes={framework.provenance} parts={["oit"]} />
      {canEdit ? <CopyFromPrevious copy={copy} result={copyResult} busy={busy} /> : null}
      <ScoreTable scores={scores} />
      <LinkCheckProgress check={linkCheck} />
      {pageSave && !pageSave.group ? (
        <FormErrors
          errors={pageSave.errors}
          summary={{ th: "บันทึกไม่ได้ โปรดแก้ไขข้อที่มีเครื่องหมาย", en: "Not saved: please correct the marked items" }}
          inline
        />
      ) : null}
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
      <Form method="post" className="oit-form" ref={form}>
        <input type="hidden" name="intent" value="save" />
        {groups.map((group) => {
          const sub = scores.subindicators.find((s) => s.id === group.id);
          const here = pageSave?.group === group.id ? pageSave : undefined;
          return (
            <section key={group.id} className="oit-group" aria-labelledby={`g-${group.id}`}>
              <h2 id={`g-${group.id}`}>
                {group.id} {t({ th: group.nameTh, en: group.nameEn })}{" "}
                <span className="muted small">{sub?.score == null ? "—" : formatScore(sub.score)}</span>
              </h2>
              {group.items.map((row) => (
                <OitItem
                  key={row.id}
                  copies={copies.current.n}
                  row={row}
                  canEdit={canEdit}
                  page={{ result: pageSave, seq: pageSeq }}
                />
              ))}
              {canEdit ? (
                <div className="actions group-save">
                  <button type="submit" className="button primary" name="group" value={group.id} disabled={busy}>
                    {t({ th: "บันทึกทั้งหมด", en: "Save all" })}
                  </button>
                  {here ? (
                    <div
                      className="save-result"
                      role={here.errors?.length ? "alert" : "status"}
                      data-testid="save-result"
                    >
                      {here.errors?.length ? (
                        <p className="field-error">
                          {t({
                            th: `ข้ออื่นบันทึกแล้ว ยังบันทึกไม่ได้ ${here.errors.length} ข้อ: `,
                            en: `The other items are saved; ${here.errors.length} not saved: `,
                          })}
                          {refusedItems.map((item, i) => (
                            <span key={item}>
                              {i ? ", " : ""}
                              <a href={`#urls_${item}`}>{item.toUpperCase()}</a>
                            </span>
                          ))}
                          {t({ th: " (ดูข้อความที่ข้อนั้น)", en: " (see the message at the item)" })}
                        </p>
                      ) : (
                        <p className="saved-note">
                          {here.changed
                            ? t({
                                th: `บันทึกแล้ว (${here.changed} ข้อที่เปลี่ยน)`,
                                en: `Saved (${here.changed} changed)`,
                              })
                            : t({
                                th: "บันทึกแล้ว ทุกข้อเป็นข้อมูลล่าสุด",
                                en: "Saved: every item is up to date",
                              })}
                        </p>
                      )}
                      <AssumedNote assumed={here.assumed} />
                    </div>
                  ) : null}
                </div>
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
