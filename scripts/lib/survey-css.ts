// SurveyJS's stylesheet (survey-core.fontless.min.css, 328 KB, 44 KB compressed) styles every question type and
// widget SurveyJS has; the ITA questionnaires use four (radiogroup, single matrix, comment, html). It blocks the
// respondent page's first paint, so the build keeps only the rules for the SurveyJS classes these pages use
// (docs/decisions/0013-low-end-phone.md). tests/e2e/respondent-styles.test.ts walks both questionnaires (on the
// respondent pages, the clerk's keyed-entry form and the framework preview) and fails when SurveyJS puts a class on
// the page that is not kept here.
import postcss from "postcss";
import type { Plugin } from "vite";

/**
 * The SurveyJS classes whose rules are kept: every class SurveyJS puts on the EIT and IIT pages (both walked, on a
 * phone and a desktop, each page once unanswered with its errors and once answered; transient classes included),
 * on the clerk's keyed-entry form (the same walk) and on the framework preview (read-only, every page at once: its
 * `--readonly` and `sd-panel` classes). The entry form and the preview show the survey's title and page count in
 * our own markup, so SurveyJS's header and progress-button rules are not kept.
 */
export const SURVEY_CLASSES_KEPT: readonly string[] = [
  "sd-action",
  "sd-action--border",
  "sd-action--brand",
  "sd-action--large",
  "sd-action--primary",
  "sd-action--tertiary-surface",
  "sd-action-bar",
  "sd-action-bar--default-size",
  "sd-action-bar--empty",
  "sd-action-bar__item",
  "sd-action-bar__item--hidden",
  "sd-action-bar__item-content",
  "sd-action-title-bar",
  "sd-action__title",
  "sd-body",
  "sd-body--responsive",
  "sd-body__navigation",
  "sd-body__page",
  "sd-clearfix",
  "sd-comment",
  "sd-comment__character-counter",
  "sd-comment__grip",
  "sd-comment__group",
  "sd-comment__input",
  "sd-container-modern",
  "sd-description",
  "sd-element",
  "sd-element--complex",
  "sd-element--with-frame",
  "sd-element-wrapper",
  "sd-element-wrapper--min-width",
  "sd-element__content",
  "sd-element__erbox",
  "sd-element__erbox--above-element",
  "sd-element__header",
  "sd-element__header--location-top",
  "sd-element__num",
  "sd-element__title",
  "sd-element__title--readonly",
  "sd-error",
  "sd-error__item",
  "sd-footer",
  "sd-formbox",
  "sd-formbox--readonly",
  "sd-formbox__character-counter",
  "sd-formbox__group",
  "sd-formbox__input",
  "sd-html",
  "sd-item",
  "sd-item--allowhover",
  "sd-item--checked",
  "sd-item--error",
  "sd-item--readonly",
  "sd-item__control",
  "sd-item__control-label",
  "sd-item__decorator",
  "sd-item__svg",
  "sd-matrix",
  "sd-matrix__cell",
  "sd-matrix__label",
  "sd-matrix__responsive-title",
  "sd-matrix__row--error",
  "sd-matrix__table",
  "sd-navigation__complete-btn",
  "sd-navigation__next-btn",
  "sd-navigation__prev-btn",
  "sd-page",
  "sd-page__content",
  "sd-page__empty-header",
  "sd-page__header",
  "sd-page__row",
  "sd-page__title",
  "sd-panel",
  "sd-panel--as-page",
  "sd-panel__content",
  "sd-panel__header",
  "sd-panel__title",
  "sd-progress--pages",
  "sd-question",
  "sd-question--answered",
  "sd-question--complex",
  "sd-question--error",
  "sd-question--error-top",
  "sd-question--html",
  "sd-question--mobile",
  "sd-question--no-pointer-events",
  "sd-question--readonly",
  "sd-question--table",
  "sd-question--title-top",
  "sd-question--with-frame",
  "sd-question__container",
  "sd-question__content",
  "sd-question__content--comment",
  "sd-question__description",
  "sd-question__erbox",
  "sd-question__erbox--above-question",
  "sd-question__header",
  "sd-question__header--complex",
  "sd-question__header--location-top",
  "sd-question__header-and-content-container",
  "sd-question__required-text",
  "sd-question__title",
  "sd-question__title--answer",
  "sd-question__title--error",
  "sd-question__title--required",
  "sd-radio",
  "sd-radio--allowhover",
  "sd-radio--checked",
  "sd-radio--readonly",
  "sd-radio__control",
  "sd-radio__decorator",
  "sd-radio__svg",
  "sd-root--readonly",
  "sd-root-modern",
  "sd-root-modern--full-container",
  "sd-root-modern--mobile",
  "sd-root-modern__wrapper",
  "sd-row",
  "sd-row__panel",
  "sd-row__question",
  "sd-row__question--small",
  "sd-selectbase",
  "sd-selectbase--mobile",
  "sd-selectbase__item",
  "sd-selectbase__label",
  "sd-table",
  "sd-table--align-middle",
  "sd-table--columnsautowidth",
  "sd-table-wrapper",
  "sd-table__cell",
  "sd-table__cell--header",
  "sd-table__cell--row-text",
  "sd-table__row",
  "sd-table__row-readonly",
  "sd-theme-root",
  "sd-title",
  "sd-visuallyhidden",
  "sjs-theme-overrides",
  "sv-components-column",
  "sv-components-column--expandable",
  "sv-components-container-contentBottom",
  "sv-components-row",
  "sv-drag-target-skipped",
  "sv-q-col-1",
  "sv-scroll__container",
  "sv-scroll__scrollbar",
  "sv-scroll__scrollbar-sizer",
  "sv-scroll__scroller",
  "sv-scroll__wrapper",
  "sv-string-viewer",
  "sv-string-viewer--multiline",
  "sv-svg-icon",
  "sv-title-actions",
  "sv-title-actions__title",
  "sv-visuallyhidden",
  "sv_custom_header",
];

const SURVEY_CLASS = /\.((?:sd|sv|sjs)[-_][\w-]*)/g;

/** Whether a class name is SurveyJS's (its stylesheet names every class sd-…, sv-…, sv_… or sjs-…). */
export function isSurveyClass(className: string): boolean {
  return /^(sd|sv|sjs)[-_]/.test(className);
}

/** The top-level parts of `text` split at `separator`, parentheses respected. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")") depth--;
    else if (text[i] === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/**
 * Whether a selector can match an element of these pages: every SurveyJS class it requires is kept. What
 * `:not(…)` names is not required; `:is(…)`/`:where(…)` need one of their alternatives; `:has(…)` needs its own.
 */
export function selectorKept(selector: string, kept: ReadonlySet<string>): boolean {
  let rest = "";
  for (let i = 0; i < selector.length; i++) {
    const fn = /^:(not|is|where|has)\(/.exec(selector.slice(i));
    if (!fn) {
      rest += selector[i];
      continue;
    }
    let depth = 0;
    let end = i + fn[0].length - 1;
    for (; end < selector.length; end++) {
      if (selector[end] === "(") depth++;
      else if (selector[end] === ")" && --depth === 0) break;
    }
    const inner = selector.slice(i + fn[0].length, end);
    if (fn[1] !== "not" && !splitTopLevel(inner, ",").some((a) => selectorKept(a, kept))) return false;
    i = end;
  }
  for (const [, name] of rest.matchAll(SURVEY_CLASS)) if (!kept.has(name!)) return false;
  return true;
}

/**
 * The stylesheet with only the selectors whose every SurveyJS class is kept; selectors that
 * name no SurveyJS class (`:root`, `body`) stay, as do @keyframes and @font-face. A rule left without selectors,
 * and an at-rule left empty, go.
 */
export function trimSurveyCss(css: string, classes: readonly string[] = SURVEY_CLASSES_KEPT): string {
  const kept = new Set(classes);
  const root = postcss.parse(css);
  root.walkRules((rule) => {
    if (rule.parent?.type === "atrule" && /keyframes$/i.test((rule.parent as postcss.AtRule).name)) return;
    const selectors = rule.selectors.filter((s) => selectorKept(s, kept));
    if (selectors.length === 0) rule.remove();
    else if (selectors.length !== rule.selectors.length) rule.selectors = selectors;
  });
  root.walkAtRules((at) => {
    if (/^(media|supports|layer|container)$/i.test(at.name) && at.nodes && at.nodes.length === 0) at.remove();
  });
  return root.toString();
}

/** The Vite plugin: SurveyJS's stylesheet, wherever imported (`?url` included), is trimmed before Vite handles it. */
export function trimSurveyCssPlugin(): Plugin {
  return {
    name: "ita-trim-survey-css",
    enforce: "pre",
    transform(code, id) {
      // The stylesheet itself (plain or `?transform-only`, `?inline`, `?direct`), not the `?url` module naming it.
      const [file, query = ""] = id.split("?", 2);
      if (!/survey-core[\\/]survey-core\.fontless\.min\.css$/.test(file!) || /(^|&)(url|raw)\b/.test(query))
        return null;
      return { code: trimSurveyCss(code), map: null };
    },
  };
}
