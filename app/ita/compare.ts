import type { Framework } from "./framework";

/** How two years' frameworks differ, for a comparison of their results made indicator number by indicator number. */
export type FrameworkDifference = {
  a: string;
  b: string;
  /** Indicator numbers both frameworks have. */
  shared: number[];
  /** Indicator numbers only one of them has (never compared). */
  onlyInA: number[];
  onlyInB: number[];
  /** Shared indicators whose questions or OIT items differ (wording, scale, count), in number order. */
  itemsDiffer: number[];
  /** Shared indicators whose name differs. */
  namesDiffer: number[];
  /** The two rate results differently (grade bands, pass/fail, labels, or other thresholds). */
  ratingDiffers: boolean;
};

/** What an indicator asks, as comparable text: its questions (topic, scale, reverse flags) or its OIT items' topics. */
function itemsOf(fw: Framework, number: number): string[] {
  const survey = [...fw.items.IIT, ...fw.items.EIT]
    .filter((i) => i.indicator === number)
    .map((i) =>
      [i.topicTh, i.scale, i.reverse, ...(i.subItems ?? []).map((s) => `${s.topicTh}|${s.reverse}`)].join("|"),
    );
  const oit = fw.oitItems.filter((o) => o.indicator === number).map((o) => o.topicTh);
  return [...survey, ...oit];
}

function ratingKey(fw: Framework): string {
  if (fw.gradingMode === "labels") return JSON.stringify(fw.rating?.labels ?? []);
  if (fw.gradingMode === "pass_fail") return `pass_fail:${fw.target}`;
  return JSON.stringify([...fw.gradeBands].sort((x, y) => y.min - x.min));
}

/**
 * Compares two frameworks for a comparison of results across years: results are compared by indicator number,
 * and the page says where the items behind a number, or the rating rule, are not the same.
 */
export function compareFrameworks(a: Framework, b: Framework): FrameworkDifference {
  const numbersA = new Set(a.indicators.map((i) => i.number));
  const numbersB = new Set(b.indicators.map((i) => i.number));
  const shared = [...numbersA].filter((n) => numbersB.has(n)).sort((x, y) => x - y);
  const same = (x: string[], y: string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  const nameOf = (fw: Framework, n: number) => fw.indicators.find((i) => i.number === n)?.nameTh;
  return {
    a: a.id,
    b: b.id,
    shared,
    onlyInA: [...numbersA].filter((n) => !numbersB.has(n)).sort((x, y) => x - y),
    onlyInB: [...numbersB].filter((n) => !numbersA.has(n)).sort((x, y) => x - y),
    itemsDiffer: shared.filter((n) => !same(itemsOf(a, n), itemsOf(b, n))),
    namesDiffer: shared.filter((n) => nameOf(a, n) !== nameOf(b, n)),
    ratingDiffers: a.gradingMode !== b.gradingMode || ratingKey(a) !== ratingKey(b),
  };
}
