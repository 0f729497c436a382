import { useEffect, useState } from "react";
import type { Lang } from "../../lib/i18n";
import type * as SurveyRunnerModule from "./survey-runner";
import type { SurveyRunnerProps } from "./survey-runner";

// SurveyJS (survey-core + survey-react-ui, ~360 KB compressed) is the largest part of a respondent page and the
// first paint needs none of it: the server renders the first page of questions, and that page can be answered
// with the browser's own radio buttons and text boxes (decision 0017). So the route's own chunk does not import
// it. In the browser it is fetched once the page has painted, leaving the link to the stylesheets and fonts the
// paint waits for. Until it has run, the browser keeps the server-rendered questionnaire as it is: its HTML, read
// from the page as hydration starts, is rendered back as inner HTML that React does not touch (so no update of
// the page meanwhile can replace it), and `answersGivenBeforeHydration` carries what was tapped or typed into it.

type RunnerModule = typeof SurveyRunnerModule;

let loaded: RunnerModule | undefined;

/** Fetches the runner and SurveyJS (once). The respondent pages' loaders await it, so the server renders at once. */
export function loadSurveyRunner(): Promise<RunnerModule> {
  return import("./survey-runner").then((module) => (loaded = module));
}

/** Resolves once the browser has painted the page (at once if it already has), and after 3 s at the latest. */
export function afterFirstPaint(): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, 3000); // a browser that never reports the paint still gets SurveyJS
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

/**
 * A tap on "next" in the server-rendered first page before SurveyJS has run: remembered here (the button does
 * nothing without SurveyJS), said on the page below the questionnaire's buttons, and carried out by the runner
 * once it runs (`takeEarlyTurn`).
 */
type EarlyTurn = { pending: boolean; ready: boolean; shown?: (waiting: boolean) => void };

const NEXT_BUTTON = ".sd-navigation__next-btn";

/** The element around the questionnaire, whose server-rendered HTML stays until SurveyJS runs. */
const LATE = "data-late-survey";

/**
 * The questionnaire, with SurveyJS loaded after the first paint. The server's HTML stays (and works) until
 * SurveyJS has arrived; after a page change in the browser, a short "loading" line shows instead. (Not a Suspense
 * boundary left unhydrated: any update above it, such as the router's, would make React drop that HTML.)
 */
export function LateSurveyRunner(props: SurveyRunnerProps) {
  const [early] = useState<EarlyTurn>(() => ({ pending: false, ready: false }));
  // On the server (after the loader) and after an earlier load in this tab: the runner at once.
  const [runner, setRunner] = useState<RunnerModule["SurveyRunner"] | null>(() => loaded?.SurveyRunner ?? null);
  // In the browser, as hydration starts: the questionnaire the server rendered (none after a page change in the app).
  const [serverHtml] = useState<string | null>(() =>
    loaded || typeof document === "undefined" ? null : (document.querySelector(`[${LATE}]`)?.innerHTML ?? null),
  );
  useEffect(() => {
    if (runner) return;
    let live = true;
    void afterFirstPaint()
      .then(loadSurveyRunner)
      .then((module) => live && setRunner(() => module.SurveyRunner));
    return () => {
      live = false;
    };
  }, [runner]);
  const takeEarlyTurn = () => {
    const pending = early.pending;
    early.ready = true;
    early.pending = false;
    early.shown?.(false);
    return pending;
  };
  const Runner = runner;
  return (
    <>
      {Runner ? (
        <div {...{ [LATE]: "" }}>
          <Runner {...props} takeEarlyTurn={takeEarlyTurn} />
        </div>
      ) : serverHtml !== null ? (
        <div {...{ [LATE]: "" }} dangerouslySetInnerHTML={{ __html: serverHtml }} suppressHydrationWarning />
      ) : (
        <Loading lang={props.lang} />
      )}
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
