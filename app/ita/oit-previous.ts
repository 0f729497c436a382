import type { Framework } from "./framework";
import { CROSS_CHECKS, formatPath, type FrameworkIssue } from "./framework-messages";

// Which item of last year's OIT checklist an item continues: each OIT item may list, in `previous`, the items of
// its framework's `previousFramework` it corresponds to (several when items were merged; none when it is new).
// Following that chain maps a checklist of any earlier framework onto this one (copying last round's links).

/**
 * Every `previous` id of `fw` that `previous` (the framework `fw.previousFramework` names) does not have, as
 * framework issues with their place in the file. Checked when both files are at hand (the CLI, the tests).
 */
export function checkPreviousItems(fw: Framework, previous: Framework): FrameworkIssue[] {
  const known = new Set(previous.oitItems.map((o) => o.id));
  const issues: FrameworkIssue[] = [];
  fw.oitItems.forEach((item, i) => {
    (item.previous ?? []).forEach((id, k) => {
      if (known.has(id)) return;
      const p = { id: item.id, previous: id, framework: previous.id };
      issues.push({
        path: formatPath(["oitItems", i, "previous", k]),
        messageTh: CROSS_CHECKS.previousUnknown.th(p),
        messageEn: CROSS_CHECKS.previousUnknown.en(p),
      });
    });
  });
  return issues;
}

/** What the checklist page says of an item's place in last year's checklist. */
export type OitPrevious =
  | { kind: "unknown" }
  | { kind: "new"; framework: string; status: Framework["oitItems"][number]["previousStatus"] }
  | { kind: "continues"; framework: string; items: string[]; status: Framework["oitItems"][number]["previousStatus"] };

export function previousOf(fw: Framework, itemId: string): OitPrevious {
  const item = fw.oitItems.find((o) => o.id === itemId);
  if (!item || !fw.previousFramework || item.previous === undefined) return { kind: "unknown" };
  if (item.previous.length === 0) return { kind: "new", framework: fw.previousFramework, status: item.previousStatus };
  return { kind: "continues", framework: fw.previousFramework, items: item.previous, status: item.previousStatus };
}

const MAX_STEPS = 20;

/**
 * For each OIT item of `fw`, the items of framework `sourceId` it continues, following `previousFramework`
 * back one year at a time (`load` gives a framework by id, or null): the same ids when `sourceId` is `fw`
 * itself; an empty list for an item new since then. Null when the chain never reaches `sourceId`.
 */
export function oitSourcesOf(
  fw: Framework,
  sourceId: string,
  load: (id: string) => Framework | null,
): Map<string, string[]> | null {
  let map = new Map(fw.oitItems.map((o) => [o.id, [o.id]]));
  let current: Framework | null = fw;
  for (let step = 0; current && current.id !== sourceId; step++) {
    if (step >= MAX_STEPS || !current.previousFramework) return null;
    const byId = new Map(current.oitItems.map((o) => [o.id, o.previous ?? []]));
    const next = new Map<string, string[]>();
    for (const [id, ids] of map) next.set(id, [...new Set(ids.flatMap((x) => byId.get(x) ?? []))]);
    map = next;
    current = load(current.previousFramework);
  }
  return current ? map : null;
}
