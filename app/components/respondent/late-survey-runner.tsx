import { lazy, Suspense, useEffect, useState } from "react";
import type { Lang } from "../../lib/i18n";
import type * as SurveyRunnerModule from "./survey-runner";
import type { SurveyRunnerProps } from "./survey-runner";

// SurveyJS (survey-core + survey-react-ui, ~360 KB compressed) is the largest part of a respondent page and the
// first paint needs none of it: the server renders the first page of questions, and that page can be answered
// with the browser's own radio buttons and text boxes (decision 0017). So the route's own chunk does not import
// it. In the browser it is fetched once the page has painted, leaving the link to the stylesheets and fonts the
// paint waits for; until it has run, React leaves the server-rendered questionnaire in place (a Suspense
// boundary not yet hydrated), and `answersGivenBeforeHydration` carries what was tapped or typed into it.

type RunnerModule = typeof SurveyRunnerModule;

let loaded: RunnerModule | undefined;

/** Fetches the runner and SurveyJS (once). The respondent pages' loaders await it, so the server renders at once. */
export function loadSurveyRunner(): Promise<RunnerModule> {
  return import("./survey-runner").then((module) => (loaded = module));
}

/** Resolves once the browser has painted the page (at once if it already has). */
export function afterFirstPaint(): Promise<void> {
  return new Promise((resolve) => {
    const painted = () => performance.getEntriesByType?.("paint").some((e) => e.name === "first-contentful-paint");
    if (painted()) return resolve();
    const frames = () => requestAnimationFrame(() => setTimeout(resolve, 0));
    if (typeof PerformanceObserver === "undefined" || !PerformanceObserver.supportedEntryTypes?.includes("paint"))
      return frames();
    const observer = new PerformanceObserver(() => {
      if (!painted()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe({ type: "paint", buffered: true });
  });
}

/** Starts fetching SurveyJS once the page has painted (the IIT, whose questionnaire opens after the PIN). */
export function prefetchSurveyRunner(): void {
  void afterFirstPaint().then(loadSurveyRunner);
}

type RunnerExport = { default: RunnerModule["SurveyRunner"] };

const Runner = lazy((): Promise<RunnerExport> => {
  // Already loaded (always on the server, after the loader): a thenable that resolves synchronously, so that
  // React renders the questionnaire in the same pass instead of suspending.
  if (loaded) {
    const runner = loaded.SurveyRunner;
    return { then: (ok: (value: RunnerExport) => void) => ok({ default: runner }) } as Promise<RunnerExport>;
  }
  return afterFirstPaint()
    .then(loadSurveyRunner)
    .then((module) => ({ default: module.SurveyRunner }));
});

/**
 * A tap on "next" in the server-rendered first page before SurveyJS has run: remembered here (the button does
 * nothing without SurveyJS), said on the page below the questionnaire's buttons, and carried out by the runner
 * once it runs (`takeEarlyTurn`).
 */
type EarlyTurn = { pending: boolean; ready: boolean; shown?: (waiting: boolean) => void };

const NEXT_BUTTON = ".sd-navigation__next-btn";

/**
 * The questionnaire, with SurveyJS loaded after the first paint. While hydrating, the server's HTML stays (and
 * works) until SurveyJS has arrived; after a page change in the browser, a short "loading" line shows instead.
 * This component must not re-render while the server's HTML waits (an update to a Suspense boundary that has not
 * hydrated yet makes React drop that HTML): what changes meanwhile lives in `EarlyTurnStatus`.
 */
export function LateSurveyRunner(props: SurveyRunnerProps) {
  const [early] = useState<EarlyTurn>(() => ({ pending: false, ready: false }));
  const takeEarlyTurn = () => {
    const pending = early.pending;
    early.ready = true;
    early.pending = false;
    early.shown?.(false);
    return pending;
  };
  return (
    <>
      <Suspense fallback={<Loading lang={props.lang} />}>
        <Runner {...props} takeEarlyTurn={takeEarlyTurn} />
      </Suspense>
      <EarlyTurnStatus early={early} lang={props.lang} />
    </>
  );
}

function EarlyTurnStatus({ early, lang }: { early: EarlyTurn; lang: Lang }) {
  const [waiting, setWaiting] = useState(false);
  useEffect(() => {
    early.shown = setWaiting;
    const onClick = (event: MouseEvent) => {
      if (early.ready || !(event.target instanceof Element)) return;
      if (!event.target.closest(`[data-survey-host] ${NEXT_BUTTON}`)) return;
      early.pending = true;
      setWaiting(true);
    };
    // The window's capture phase: before React's own listener, which holds back events on HTML not yet hydrated.
    window.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("click", onClick, true);
      early.shown = undefined;
    };
  }, [early]);
  if (!waiting) return null;
  return (
    <p className="respondent-loading" role="status">
      {lang === "en"
        ? "Your answers are kept. The next page opens as soon as the questionnaire has finished loading…"
        : "คำตอบของท่านบันทึกไว้แล้ว หน้าถัดไปจะเปิดเมื่อแบบสอบถามโหลดเสร็จ…"}
    </p>
  );
}

function Loading({ lang }: { lang: Lang }) {
  return (
    <p className="respondent-loading" role="status">
      {lang === "en" ? "Loading the questionnaire…" : "กำลังโหลดแบบสอบถาม…"}
    </p>
  );
}
