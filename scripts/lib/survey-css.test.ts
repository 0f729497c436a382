import { describe, expect, it } from "vitest";
import { selectorKept, trimSurveyCss } from "./survey-css";

const kept = new Set(["sd-item", "sd-item--checked", "sd-question", "sd-question--with-frame"]);

describe("trimming SurveyJS's stylesheet", () => {
  it("keeps a selector whose every SurveyJS class is kept, and one that names none", () => {
    expect(selectorKept(".sd-question .sd-item.sd-item--checked:hover", kept)).toBe(true);
    expect(selectorKept(":root", kept)).toBe(true);
    expect(selectorKept(".sd-question .sd-rating__item", kept)).toBe(false);
  });

  it("does not require what :not() names, and needs one alternative of :where() and :is() and the class in :has()", () => {
    expect(selectorKept(".sd-item:not(.sd-item--disabled)", kept)).toBe(true);
    expect(selectorKept(".sd-question:where(.sd-question--with-frame,.sd-question--nested)", kept)).toBe(true);
    expect(selectorKept(".sd-question:is(.sd-question--nested)", kept)).toBe(false);
    expect(selectorKept(".sd-question:has(.sd-item--checked)", kept)).toBe(true);
    expect(selectorKept(".sd-question:has(>.sd-boolean)", kept)).toBe(false);
  });

  it("drops the selectors of unused classes from a rule, the rule without any left and an emptied @media, and keeps @keyframes", () => {
    const css =
      ".sd-item,.sd-rating{color:red}.sd-boolean{color:blue}@media (max-width:600px){.sd-boolean{margin:0}}" +
      "@keyframes spin{from{opacity:0}to{opacity:1}}:root{--x:1px}";
    expect(trimSurveyCss(css, [...kept])).toBe(
      ".sd-item{color:red}@keyframes spin{from{opacity:0}to{opacity:1}}:root{--x:1px}",
    );
  });
});
