import "survey-core/i18n/thai";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { Model } from "survey-core";
import { Survey } from "survey-react-ui";
import type { Lang } from "../../lib/i18n";
import { EIT_KEEP_MS, newSubmissionId, readSaved, removeSaved, writeSaved, type Keeping } from "./saved-answers";
import { ClearSaved, FailedScreen, SendingScreen, StoppedScreen, ThanksScreen } from "./submission-status";
import { SurveyProgress } from "./survey-progress";
import { useKioskIdle } from "./use-kiosk-idle";

type Phase =
  | { kind: "answering" }
  | { kind: "sending" }
  | { kind: "failed"; message?: string }
  | { kind: "stopped"; message: string }
  | { kind: "access"; message: string }
  | { kind: "done" };

type ServerError = { field?: string; message?: string; messageTh?: string };

export type SurveyRunnerProps = {
  json: Record<string, unknown>;
  lang: Lang;
  storageKey: string;
  keeping: Keeping;
  /** Sent with every submission: round, instrument, channel or access. */
  body: Record<string, unknown>;
  /** Kiosk: back to a fresh questionnaire after this many idle seconds and after the thank-you. */
  kioskIdleSeconds?: number | null;
  /**
   * IIT: the server refused the PIN or code (403) or found the code used (409 code-used). The form
   * returned takes another and calls `resubmit` with it: the kept answers go again, same submissionId.
   */
  renderAccessRetry?: (message: string, resubmit: (access: Record<string, unknown>) => void) => ReactNode;
  /** Called after the server confirmed the answers are stored. */
  onStored?: () => void;
};

const KIOSK_THANKS_SECONDS = 10;

/** The key in history.state that holds the questionnaire page an entry shows. */
const PAGE_STATE = "itaSurveyPage";

function createModel(json: Record<string, unknown>, lang: Lang): Model {
  const model = new Model(json);
  model.locale = lang === "en" ? "en" : "th";
  model.showTitle = false; // the page has its own heading
  model.showProgressBar = false; // SurveyProgress instead: the step dots show three steps on a phone
  return model;
}

/** The element around the questionnaire; the server renders its first page in it. */
const HOST = "data-survey-host";

/**
 * The answers a person gave in the server-rendered first page while the scripts were still loading: a choice
 * tapped, a comment typed. Read from the page as hydration starts, so that the questionnaire begins with them
 * (else hydration would silently clear them). The first pages hold choice and comment questions only.
 */
export function answersGivenBeforeHydration(model: Model, host: Element | null): Record<string, unknown> {
  const given: Record<string, unknown> = {};
  for (const el of host?.querySelectorAll<HTMLElement>("[data-name]") ?? []) {
    const name = el.dataset.name ?? "";
    const question = model.getQuestionByName(name);
    if (!question) continue;
    const checked = el.querySelector<HTMLInputElement>("input[type=radio]:checked");
    const choices = (question as unknown as { choices?: { value: unknown }[] }).choices;
    const choice = checked && choices?.find((c) => String(c.value) === checked.value);
    if (choice) given[name] = choice.value;
    const text = el.querySelector<HTMLTextAreaElement | HTMLInputElement>("textarea, input[type=text]");
    if (text?.value) given[name] = text.value;
  }
  return given;
}

/**
 * One questionnaire from first answer to the server's confirmation: answers kept in the browser
 * on every change, one submissionId reused by every retry, the thank-you only after 201/200.
 */
export function SurveyRunner(props: SurveyRunnerProps) {
  const { json, lang, storageKey, keeping, kioskIdleSeconds } = props;
  const tr = (th: string, en: string) => (lang === "en" ? en : th);
  const early = useRef<Record<string, unknown>>({});
  const [model, setModel] = useState(() => {
    const first = createModel(json, lang);
    // Read before hydration touches the page; given to the model only once hydrated (the effect below). Set here,
    // the first render would mark the choice checked where the server's markup did not, and React keeps the
    // server's attributes on hydration: the answer would be kept but shown as not chosen.
    if (typeof document !== "undefined")
      early.current = answersGivenBeforeHydration(first, document.querySelector(`[${HOST}]`));
    return first;
  });
  const [phase, setPhase] = useState<Phase>({ kind: "answering" });
  const [errors, setErrors] = useState<ServerError[]>([]);
  const [generation, setGeneration] = useState(0);
  const [ready, setReady] = useState(false);
  const [position, setPosition] = useState(() => ({ no: model.currentPageNo, count: model.visiblePageCount }));
  const accessOverride = useRef<Record<string, unknown>>({});
  const submissionId = useRef<string>("");
  const sending = useRef(false);
  const latest = useRef(props);
  latest.current = props;

  const save = useCallback(() => {
    if (!submissionId.current) return;
    writeSaved(keeping, storageKey, {
      data: model.data,
      pageNo: model.currentPageNo,
      submissionId: submissionId.current,
      expires: Date.now() + EIT_KEEP_MS,
    });
  }, [keeping, storageKey, model]);

  const submit = useCallback(async () => {
    if (sending.current) return;
    sending.current = true;
    setPhase({ kind: "sending" });
    setErrors([]);
    let res: Response;
    try {
      res = await fetch("/api/responses", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          ...latest.current.body,
          ...accessOverride.current,
          answers: model.data,
          submissionId: submissionId.current,
        }),
      });
    } catch {
      sending.current = false;
      setPhase({ kind: "failed" });
      return;
    }
    sending.current = false;
    if (res.status === 201 || res.status === 200) {
      removeSaved(keeping, storageKey);
      setPhase({ kind: "done" });
      latest.current.onStored?.();
      return;
    }
    const answer = (await res.json().catch(() => null)) as {
      error?: string;
      errorTh?: string;
      errors?: ServerError[];
      reason?: string;
    } | null;
    const message = (lang === "en" ? answer?.error : answer?.errorTh) ?? answer?.errorTh ?? "";
    if (res.status === 422) {
      setErrors(answer?.errors?.length ? answer.errors : [{ messageTh: message }]);
      setPhase({ kind: "answering" });
    } else if (
      latest.current.renderAccessRetry &&
      (res.status === 403 || (res.status === 409 && answer?.reason === "code-used"))
    ) {
      setPhase({ kind: "access", message });
    } else if (res.status === 404 || res.status === 409) {
      setPhase({ kind: "stopped", message });
    } else {
      setPhase({ kind: "failed", message });
    }
  }, [keeping, storageKey, model, lang]);

  useEffect(() => {
    const saved = readSaved(keeping, storageKey);
    if (saved) {
      // Kept answers, and on top of them any given on the first page before the scripts ran.
      model.data = { ...saved.data, ...early.current };
      if (saved.pageNo >= 0 && saved.pageNo < model.visiblePageCount) model.currentPageNo = saved.pageNo;
      submissionId.current = saved.submissionId;
    } else {
      submissionId.current = newSubmissionId();
      if (Object.keys(early.current).length) model.data = early.current;
    }
    if (Object.keys(early.current).length) {
      early.current = {};
      save();
    }
    const onCompleting = (_: Model, options: { allow: boolean }) => {
      options.allow = false;
      save();
      void submit();
    };
    const track = () => setPosition({ no: model.currentPageNo, count: model.visiblePageCount });
    track();
    model.onValueChanged.add(save);
    model.onCurrentPageChanged.add(save);
    model.onCurrentPageChanged.add(track);
    model.onPageVisibleChanged.add(track);
    model.onCompleting.add(onCompleting);
    // The phone's Back button goes to the previous page of questions (issue 16): every page change adds a
    // history entry of this same address, and going back or forward through those entries turns the page
    // here instead of leaving. The router's own handler is kept out of these entries (they are not routes).
    let turning = false;
    const mark = (no: number, push: boolean) => {
      const state = { ...(window.history.state as object | null), [PAGE_STATE]: no };
      if (push) window.history.pushState(state, "");
      else window.history.replaceState(state, "");
    };
    mark(model.currentPageNo, false);
    const onPageTurned = () => {
      if (!turning) mark(model.currentPageNo, true);
    };
    const onPop = (event: PopStateEvent) => {
      const no = (event.state as Record<string, unknown> | null)?.[PAGE_STATE];
      if (typeof no !== "number") return;
      event.stopImmediatePropagation();
      if (no < 0 || no >= model.visiblePageCount || no === model.currentPageNo) return;
      turning = true;
      model.currentPageNo = no;
      turning = false;
      window.scrollTo(0, 0);
    };
    model.onCurrentPageChanged.add(onPageTurned);
    window.addEventListener("popstate", onPop, { capture: true });
    setReady(true);
    return () => {
      model.onCurrentPageChanged.remove(onPageTurned);
      window.removeEventListener("popstate", onPop, { capture: true });
      model.onValueChanged.remove(save);
      model.onCurrentPageChanged.remove(save);
      model.onCurrentPageChanged.remove(track);
      model.onPageVisibleChanged.remove(track);
      model.onCompleting.remove(onCompleting);
    };
  }, [model, keeping, storageKey, save, submit]);

  useEffect(() => {
    if (phase.kind !== "failed") return;
    const retry = () => void submit();
    window.addEventListener("online", retry);
    return () => window.removeEventListener("online", retry);
  }, [phase.kind, submit]);

  const startFresh = useCallback(() => {
    removeSaved(keeping, storageKey);
    submissionId.current = newSubmissionId();
    setModel(createModel(json, lang));
    setGeneration((g) => g + 1);
    setPhase({ kind: "answering" });
    setErrors([]);
    window.scrollTo(0, 0);
  }, [keeping, storageKey, json, lang]);

  const kiosk = kioskIdleSeconds != null;
  useKioskIdle(
    kiosk && (phase.kind === "answering" || phase.kind === "done"),
    phase.kind === "done" ? KIOSK_THANKS_SECONDS : (kioskIdleSeconds ?? 0),
    startFresh,
  );

  if (phase.kind === "done") return <ThanksScreen lang={lang} onNext={kiosk ? startFresh : undefined} />;
  if (phase.kind === "stopped") return <StoppedScreen lang={lang} message={phase.message} />;
  if (phase.kind === "access" && props.renderAccessRetry) {
    const resubmit = (access: Record<string, unknown>) => {
      accessOverride.current = access;
      void submit();
    };
    return (
      <section className="respondent-status" aria-labelledby="access-retry-title">
        <h2 id="access-retry-title" tabIndex={-1} ref={(el) => el?.focus()}>
          {tr("ยังส่งคำตอบไม่ได้ เพราะรหัสใช้ไม่ได้", "Not sent yet: the code was not accepted")}
        </h2>
        {props.renderAccessRetry(phase.message, resubmit)}
      </section>
    );
  }
  if (phase.kind === "sending") return <SendingScreen lang={lang} />;
  if (phase.kind === "failed")
    return <FailedScreen lang={lang} message={phase.message} onRetry={() => void submit()} />;
  return (
    <>
      {errors.length > 0 && (
        <section className="respondent-status error" role="alert">
          <h2>{tr("กรุณาตรวจคำตอบอีกครั้ง", "Please check your answers")}</h2>
          <ul>
            {errors.map((e, i) => (
              <li key={i}>{(lang === "en" ? e.message : e.messageTh) ?? e.messageTh ?? e.message}</li>
            ))}
          </ul>
        </section>
      )}
      <SurveyProgress pageNo={position.no} pageCount={position.count} lang={lang} />
      <div data-survey-host="" data-survey-ready={ready ? "" : undefined}>
        <Survey key={generation} model={model} />
      </div>
      {keeping !== "none" && <ClearSaved lang={lang} onClear={startFresh} />}
    </>
  );
}
