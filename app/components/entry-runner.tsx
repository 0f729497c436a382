import "survey-core/i18n/thai";
import { useEffect, useRef, useState } from "react";
import { Model } from "survey-core";
import { Survey } from "survey-react-ui";
import type { Lang } from "../lib/i18n";

type ServerError = { field?: string; message?: string; messageTh?: string };

/**
 * Keys in one paper or telephone answer sheet through the respondents' questionnaire and posts it to
 * the admin entry action; after the server stores it, offers a fresh sheet.
 */
export function EntryRunner(props: {
  json: Record<string, unknown>;
  lang: Lang;
  endpoint: string;
  body: Record<string, unknown>;
  /** Answers to start from (correcting a keyed-in sheet). */
  data?: Record<string, unknown>;
  /** Called once the server stored the sheet (the page clears its serial field). */
  onStored?: () => void;
  /** Instead of "key in the next sheet": what to show once stored (correcting one sheet). */
  done?: { th: string; en: string; href: string; link: { th: string; en: string } };
}) {
  const { json, lang, endpoint, body, data, onStored, done } = props;
  const tr = (th: string, en: string) => (lang === "en" ? en : th);
  const [generation, setGeneration] = useState(0);
  const [model, setModel] = useState(() => shown(new Model(json), lang));
  const [state, setState] = useState<{ kind: "answering" | "sending" | "stored" | "failed"; errors?: ServerError[] }>({
    kind: "answering",
  });
  const [stored, setStored] = useState(0);
  const [position, setPosition] = useState({ no: 1, count: 0 });
  const latestBody = useRef(body);
  latestBody.current = body;

  useEffect(() => {
    const m = shown(new Model(json), lang);
    if (data) m.data = data;
    const place = () => setPosition({ no: m.currentPageNo + 1, count: m.visiblePageCount });
    m.onCurrentPageChanged.add(place);
    place();
    const submissionId = crypto.randomUUID();
    m.onCompleting.add((_, options) => {
      options.allow = false;
      setState({ kind: "sending" });
      fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ ...latestBody.current, answers: m.data, submissionId }),
      })
        .then(async (res) => {
          if (res.status === 201 || res.status === 200) {
            setStored((n) => n + 1);
            setState({ kind: "stored" });
            onStored?.();
            return;
          }
          const answer = (await res.json().catch(() => null)) as {
            errors?: ServerError[];
            error?: string;
            errorTh?: string;
          } | null;
          setState({
            kind: "failed",
            errors: answer?.errors ?? [{ message: answer?.error, messageTh: answer?.errorTh }],
          });
        })
        .catch(() =>
          setState({
            kind: "failed",
            errors: [{ message: "Network error", messageTh: "ส่งข้อมูลไม่สำเร็จ ตรวจสอบการเชื่อมต่อแล้วกดส่งอีกครั้ง" }],
          }),
        );
    });
    setModel(m);
  }, [generation]); // eslint-disable-line react-hooks/exhaustive-deps

  if (state.kind === "stored" && done) {
    return (
      <div className="success" role="status" data-testid="entry-stored">
        <p>{tr(done.th, done.en)}</p>
        <a className="button primary" href={done.href}>
          {tr(done.link.th, done.link.en)}
        </a>
      </div>
    );
  }
  if (state.kind === "stored") {
    return (
      <div className="success" role="status" data-testid="entry-stored">
        <p>{tr(`บันทึกแบบสอบถามแล้ว (รวมในรอบนี้ ${stored} ชุด)`, `Answer sheet stored (${stored} this session)`)}</p>
        <button
          type="button"
          className="button primary"
          onClick={() => {
            setState({ kind: "answering" });
            setGeneration((g) => g + 1);
          }}
        >
          {tr("บันทึกแบบสอบถามชุดถัดไป", "Key in the next sheet")}
        </button>
      </div>
    );
  }
  return (
    <>
      {state.kind === "failed" ? (
        <ul className="error" role="alert">
          {(state.errors ?? []).map((e, i) => (
            <li key={i}>{(lang === "en" ? e.message : e.messageTh) ?? e.messageTh ?? e.message}</li>
          ))}
        </ul>
      ) : null}
      {state.kind === "sending" ? <p className="notice">{tr("กำลังบันทึก…", "Saving…")}</p> : null}
      <h2 className="survey-title">{model.title}</h2>
      {position.count > 1 ? (
        <p className="muted small" data-testid="entry-page">
          {tr(`หน้า ${position.no} จาก ${position.count}`, `Page ${position.no} of ${position.count}`)}
        </p>
      ) : null}
      <Survey key={generation} model={model} />
    </>
  );
}

/**
 * How the form shows a sheet: in the page's language, no completion page, and the title and page count in our
 * own markup (the trimmed SurveyJS stylesheet, decision 0013, keeps no rules for its header or progress buttons).
 */
function shown(m: Model, lang: Lang): Model {
  m.locale = lang === "en" ? "en" : "th";
  m.showCompletePage = false;
  m.showTitle = false;
  m.showProgressBar = false;
  return m;
}
