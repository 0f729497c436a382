import type { Lang } from "../../lib/i18n";

/**
 * "หน้า 2 จาก 7" with a bar, above the questionnaire: SurveyJS's step dots show only three steps on a
 * 390 px phone. A progressbar for screen readers; the text is announced politely on each page change.
 */
export function SurveyProgress({ pageNo, pageCount, lang }: { pageNo: number; pageCount: number; lang: Lang }) {
  if (pageCount < 2) return null;
  const current = Math.min(pageNo + 1, pageCount);
  const text = lang === "en" ? `Page ${current} of ${pageCount}` : `หน้า ${current} จาก ${pageCount}`;
  return (
    <div className="survey-progress">
      <p className="survey-progress-text" aria-live="polite">
        {text}
      </p>
      <div
        className="survey-progress-bar"
        role="progressbar"
        aria-label={lang === "en" ? "Progress" : "ความคืบหน้า"}
        aria-valuemin={1}
        aria-valuemax={pageCount}
        aria-valuenow={current}
        aria-valuetext={text}
      >
        <span style={{ width: `${(current / pageCount) * 100}%` }} />
      </div>
    </div>
  );
}
