import type { Db } from "../../../db/client";
import {
  findGroup,
  findSupervisorGroupId,
  isGroupInScope,
  listAllGroups,
  listScopeFiscalYears,
  listScopeGroups,
  type AgencyGroup,
  type ScopeRound,
} from "../../../db/repositories/groups";
import {
  listEitTalliesOf,
  listIitDecisionsOf,
  listIitReleaseTalliesOf,
  listOitAnswersOf,
  listResponseTotalsOf,
  listScopeLeague,
  saveRoundScores,
  type KeptFigures,
  type KeptLeagueScores,
  type ScopeLeagueRow,
} from "../../../db/repositories/round-scores";
import type { Instrument, OitChecklist, TallyRow } from "../../ita";
import { assertCan, type SessionUser } from "../../server/auth.server";
import { config } from "../../server/config.server";
import { forbidden, notFound } from "../../server/http.server";
import { ensureFrameworks, loadFramework } from "../frameworks/frameworks.server";
import { toCsv, toXlsx } from "../results/exports.server";
import { scoreRound, type RoundScores } from "../results/results.server";

// A supervisor's view over a group of agencies (issue 18, decision 0011): each agency's collection progress
// and, as the agency itself reads them, its ten indicators, total and rating (IIT only from its release, so
// an open round shows no IIT figure to anyone), the league table, the distribution of totals, the indicators
// weakest across the group and the agencies that have not started.
//
// Scale: the whole scope is read in a fixed number of statements (decision 0011: one per kind of kept count,
// each over every round of the fiscal year in the scope), never per agency and never from response rows; each
// round is then scored in memory by the results service's own `scoreRound`.

export type GroupView = { id: string; nameTh: string; nameEn: string | null; kind: string; parentId: string | null };

export type NotStartedReason = "no-round" | "draft" | "no-answers";

export type LeagueRow = {
  agencyId: string;
  nameTh: string;
  nameEn: string | null;
  type: string;
  size: string | null;
  round: { id: string; slug: string; status: ScopeRound["status"]; framework: string } | null;
  responseCounts: { iit: number; eit: number };
  minSample: { iit: number; eit: number } | null;
  oit: { answered: number; total: number } | null;
  /** Where the round's IIT stands; IIT indicators (1–5) have scores only when "released". */
  iitState: "pending" | "released" | "withheld" | null;
  /** Indicator number → 2-decimal score; missing while it has none (IIT before its release). */
  indicators: Record<number, number>;
  /** Weighted total (2 decimals); null until all ten indicators have a score. */
  total: number | null;
  rating: { label: string; labelEn: string; passes: boolean } | null;
  meetsTarget: boolean | null;
  target: number;
  weakest: { indicator: number; score: number } | null;
  /** Competition rank by total among the agencies with one (1, 2, 2, 4); null without a total. */
  position: number | null;
  notStarted: NotStartedReason | null;
};

export type LeagueFilters = {
  type?: string;
  size?: string;
  /** Only agencies whose total is below their target line (85). */
  belowTarget?: boolean;
  /** Only agencies whose weakest indicator is this one. */
  weakest?: number;
};

export type League = {
  group: GroupView;
  /** The path from the actor's top group down to this one (a supervisor never sees above their own group). */
  trail: GroupView[];
  children: GroupView[];
  fiscalYears: number[];
  fiscalYear: number;
  indicators: { number: number; nameTh: string; nameEn: string; instrument: Instrument }[];
  /** Every agency of the scope, by total (highest first; agencies without a total after, by name). */
  all: LeagueRow[];
  /** `all` narrowed by the filters. */
  rows: LeagueRow[];
  filters: LeagueFilters;
  choices: { types: string[]; sizes: string[] };
  summary: {
    agencies: number;
    withTotal: number;
    belowTarget: number;
    notStarted: number;
    mean: number | null;
  };
  /** Totals per band (lower bound inclusive), lowest band first. */
  distribution: { from: number; to: number; count: number }[];
  /** Per indicator: mean score over the agencies that have one, and how many are below target; weakest first. */
  weakestIndicators: {
    indicator: number;
    nameTh: string;
    nameEn: string;
    mean: number;
    agencies: number;
    below: number;
  }[];
  notStarted: LeagueRow[];
};

const BANDS: [number, number][] = [
  [0, 50],
  [50, 60],
  [60, 70],
  [70, 80],
  [80, 85],
  [85, 90],
  [90, 95],
  [95, 100],
];

/** Thai collation, built once: `localeCompare(…, "th")` builds a collator per call (seconds over 8,300 names). */
const THAI = new Intl.Collator("th");

const STATUS_ORDER: Record<ScopeRound["status"], number> = { closed: 0, open: 1, draft: 2 };

function groupView(g: AgencyGroup): GroupView {
  return { id: g.id, nameTh: g.name_th, nameEn: g.name_en, kind: g.kind, parentId: g.parent_id };
}

/**
 * The group an actor may read at most: a supervisor's own group (403 when they have none), or null for a
 * super-administrator (every group). Anyone else: 403.
 */
export async function supervisedRoot(db: Db, actor: SessionUser): Promise<string | null> {
  assertCan(actor, "supervise");
  if (actor.role === "super") return null;
  const groupId = await findSupervisorGroupId(db, actor.id);
  if (!groupId) throw forbidden();
  return groupId;
}

/** The group, when the actor may read it; 404 for a group outside the actor's (or an unknown one). */
export async function groupOfActor(db: Db, actor: SessionUser, groupId: string): Promise<AgencyGroup> {
  const group = await groupOfActorOrNull(db, await supervisedRoot(db, actor), groupId);
  if (!group) throw notFound();
  return group;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The columns a round's kept scores are written to (decision 0018), from `scoreRound`'s result. */
function keptOf(
  round: ScopeRound,
  fw: ReturnType<typeof loadFramework>,
  result: RoundScores,
  counts: { iit: number; eit: number },
): KeptLeagueScores {
  const { analysis } = result;
  const indicators: Record<number, number> = {};
  for (const r of analysis.ranking) indicators[r.indicator] = r.score;
  const weakest = analysis.overall === null ? null : analysis.lowest;
  return {
    framework: round.framework,
    strength_line: round.strength_line,
    target_line: round.target_line,
    iit_count: counts.iit,
    eit_count: counts.eit,
    iit_state: result.iitState,
    oit_answered: fw.oitItems.length - result.oit.unanswered.length,
    indicators: JSON.stringify(indicators),
    total: analysis.overall,
    rating_label: analysis.rating?.label ?? null,
    rating_label_en: analysis.rating?.labelEn ?? null,
    rating_passes: analysis.rating ? (analysis.rating.passes ? 1 : 0) : null,
    meets_target: analysis.meetsTarget === null ? null : analysis.meetsTarget ? 1 : 0,
    weakest_indicator: weakest?.indicator ?? null,
    weakest_score: weakest?.score ?? null,
  };
}

/**
 * Scores rounds from their kept counts in a fixed number of statements (whatever their number), by the results
 * service's own `scoreRound`, so that an agency and its supervisor read the same figures.
 */
async function scoreRounds(
  db: Db,
  rounds: ScopeRound[],
  counts: Map<string, { iit: number; eit: number }>,
  minGroup: number,
): Promise<Map<string, KeptLeagueScores>> {
  const ids = rounds.map((r) => r.id);
  const scored = new Map<string, KeptLeagueScores>();
  if (ids.length === 0) return scored;
  const [eitTallies, decisions, releaseTallies, oitAnswers] = await Promise.all([
    listEitTalliesOf(db, ids),
    listIitDecisionsOf(db, ids),
    listIitReleaseTalliesOf(db, ids),
    listOitAnswersOf(db, ids),
  ]);
  const eitRows = new Map<string, TallyRow[]>();
  for (const t of eitTallies) push(eitRows, t.roundId, { item: t.item, sub: t.sub, level: t.level, count: t.count });
  const iitRows = new Map<string, TallyRow[]>();
  for (const t of releaseTallies)
    push(iitRows, t.roundId, { item: t.item, sub: t.sub, level: t.level, count: t.count });
  const decided = new Map(decisions.map((d) => [d.roundId, d]));
  const checklists = new Map<string, OitChecklist>();
  for (const a of oitAnswers) {
    const list = checklists.get(a.roundId) ?? {};
    list[a.item] = { has: a.has, urls: a.urls };
    checklists.set(a.roundId, list);
  }
  for (const round of rounds) {
    const fw = loadFramework(round.framework);
    const decision = decided.get(round.id);
    const release =
      decision?.released === true
        ? { releasedAt: decision.releasedAt, count: decision.count, rows: iitRows.get(round.id) ?? [] }
        : null;
    const responseCounts = counts.get(round.id) ?? { iit: 0, eit: 0 };
    const result = scoreRound(
      round,
      fw,
      {
        responseCounts,
        eitRows: eitRows.get(round.id) ?? [],
        release,
        decided: !!decision,
        checklist: checklists.get(round.id) ?? {},
      },
      minGroup,
    );
    scored.set(round.id, keptOf(round, fw, result, responseCounts));
  }
  return scored;
}

/** The round of a league row, as `scoreRound` and `keptOf` read it (the row has one: `round_id` is set). */
function roundOf(row: ScopeLeagueRow): ScopeRound {
  return {
    id: row.round_id!,
    agency_id: row.id,
    slug: row.round_slug!,
    status: row.round_status!,
    framework: row.round_framework!,
    fiscal_year: 0,
    strength_line: Number(row.round_strength_line),
    target_line: Number(row.round_target_line),
    min_iit: Number(row.round_min_iit),
    min_eit: Number(row.round_min_eit),
    created_at: row.round_created_at!,
  };
}

/**
 * Every agency of a group's scope with its round of `fiscalYear` scored: the league's data, without a
 * permission check (for the service functions below and `ita league`, which check their caller first).
 * One statement reads the scope's agencies, their rounds and the rounds' kept scores (decision 0018); only the
 * rounds whose kept scores are missing or out of date are scored from their kept counts — and kept.
 */
export async function computeLeagueRows(
  db: Db,
  groupId: string,
  fiscalYear: number,
  minGroup = config().IIT_MIN_GROUP,
): Promise<LeagueRow[]> {
  // One row per agency: its round of the year — closed before open before draft, then the latest created.
  const picked = new Map<string, ScopeLeagueRow>();
  for (const row of await listScopeLeague(db, groupId, fiscalYear)) {
    const current = picked.get(row.id);
    if (
      !current ||
      (row.round_status !== null &&
        (STATUS_ORDER[row.round_status] < STATUS_ORDER[current.round_status!] ||
          (STATUS_ORDER[row.round_status] === STATUS_ORDER[current.round_status!] &&
            row.round_created_at! > current.round_created_at!)))
    )
      picked.set(row.id, row);
  }
  const scope = [...picked.values()];
  // Rounds on imported frameworks (issue 17): served once this process has met them.
  const frameworks = new Set<string>();
  for (const row of scope) if (row.round_framework !== null) frameworks.add(row.round_framework);
  await ensureFrameworks(db, frameworks);

  const stale: ScopeRound[] = [];
  const versions = new Map<string, number>();
  for (const row of scope)
    if (row.round_id !== null && Number(row.kept_current) !== 1) {
      stale.push(roundOf(row));
      versions.set(row.round_id, row.version === null ? 0 : Number(row.version));
    }
  let fresh: Map<string, KeptLeagueScores> | null = null;
  if (stale.length) {
    const counts = new Map<string, { iit: number; eit: number }>();
    for (const t of await listResponseTotalsOf(
      db,
      stale.map((r) => r.id),
    )) {
      const c = counts.get(t.roundId) ?? { iit: 0, eit: 0 };
      c[t.instrument] += t.count;
      counts.set(t.roundId, c);
    }
    fresh = await scoreRounds(db, stale, counts, minGroup);
    await saveRoundScores(
      db,
      stale.map((r) => ({ roundId: r.id, version: versions.get(r.id)!, kept: fresh!.get(r.id)! })),
    );
  }

  const oitItems = new Map<string, number>();
  for (const id of frameworks) oitItems.set(id, loadFramework(id).oitItems.length);
  const rows: LeagueRow[] = scope.map((row) => {
    if (row.round_id === null)
      return {
        agencyId: row.id,
        nameTh: row.name_th,
        nameEn: row.name_en,
        type: row.type,
        size: row.size,
        round: null,
        responseCounts: { iit: 0, eit: 0 },
        minSample: null,
        oit: null,
        iitState: null,
        indicators: {},
        total: null,
        rating: null,
        meetsTarget: null,
        target: 85,
        weakest: null,
        position: null,
        notStarted: "no-round",
      };
    const k: KeptFigures = fresh?.get(row.round_id) ?? (row as KeptFigures);
    const iit = Number(k.iit_count);
    const eit = Number(k.eit_count);
    const answeredOit = Number(k.oit_answered);
    return {
      agencyId: row.id,
      nameTh: row.name_th,
      nameEn: row.name_en,
      type: row.type,
      size: row.size,
      round: { id: row.round_id, slug: row.round_slug!, status: row.round_status!, framework: row.round_framework! },
      responseCounts: { iit, eit },
      minSample: { iit: Number(row.round_min_iit), eit: Number(row.round_min_eit) },
      oit: { answered: answeredOit, total: oitItems.get(row.round_framework!)! },
      iitState: k.iit_state,
      indicators: JSON.parse(k.indicators) as Record<number, number>,
      total: k.total === null ? null : Number(k.total),
      rating:
        k.rating_label === null
          ? null
          : { label: k.rating_label, labelEn: k.rating_label_en!, passes: Number(k.rating_passes) === 1 },
      meetsTarget: k.meets_target === null ? null : Number(k.meets_target) === 1,
      weakest:
        k.weakest_indicator === null
          ? null
          : { indicator: Number(k.weakest_indicator), score: Number(k.weakest_score) },
      target: Number(row.round_target_line),
      position: null,
      notStarted: row.round_status === "draft" ? "draft" : iit + eit === 0 && answeredOit === 0 ? "no-answers" : null,
    };
  });

  rows.sort(
    (a, b) =>
      (b.total ?? -1) - (a.total ?? -1) || THAI.compare(a.nameTh, b.nameTh) || a.agencyId.localeCompare(b.agencyId),
  );
  let previous: number | null = null;
  let rank = 0;
  rows.forEach((row, i) => {
    if (row.total === null) return;
    if (row.total !== previous) rank = i + 1;
    previous = row.total;
    row.position = rank;
  });
  return rows;
}

function applyFilters(rows: LeagueRow[], filters: LeagueFilters): LeagueRow[] {
  return rows.filter(
    (r) =>
      (!filters.type || r.type === filters.type) &&
      (!filters.size || r.size === filters.size) &&
      (!filters.belowTarget || (r.total !== null && r.total < r.target)) &&
      (filters.weakest === undefined || r.weakest?.indicator === filters.weakest),
  );
}

/** Reads the league's filters from a query string's values; unknown values are ignored. */
export function parseLeagueFilters(input: Record<string, string | undefined>): LeagueFilters {
  const filters: LeagueFilters = {};
  if (input.type) filters.type = input.type.slice(0, 100);
  if (input.size) filters.size = input.size.slice(0, 20);
  if (input.below === "1") filters.belowTarget = true;
  const weakest = Number(input.weakest);
  if (input.weakest && Number.isInteger(weakest) && weakest >= 1 && weakest <= 20) filters.weakest = weakest;
  return filters;
}

/** A fiscal year asked for, when it is one (a Buddhist-era year). */
function validYear(asked: number | undefined): number | undefined {
  return asked !== undefined && Number.isInteger(asked) && asked >= 2500 && asked <= 2700 ? asked : undefined;
}

/** The fiscal year asked for, or the scope's latest one (the current Thai fiscal year when it has none). */
function chooseYear(years: number[], asked: number | undefined): number {
  const valid = validYear(asked);
  if (valid !== undefined) return valid;
  if (years[0] !== undefined) return years[0];
  const now = new Date();
  return now.getFullYear() + 543 + (now.getMonth() >= 9 ? 1 : 0);
}

const mean = (list: number[]) =>
  list.length ? Math.round((list.reduce((s, v) => s + v, 0) / list.length) * 100) / 100 : null;

/**
 * The league of a group: its agencies scored for a fiscal year, filtered, with the summary, the distribution
 * of totals, the weakest indicators and the agencies that have not started. A group outside the actor's: 404.
 */
export async function getLeague(
  db: Db,
  actor: SessionUser,
  groupId: string,
  options: { fiscalYear?: number; filters?: LeagueFilters } = {},
): Promise<League> {
  const root = await supervisedRoot(db, actor);
  const group = await groupOfActorOrNull(db, root, groupId);
  if (!group) throw notFound();
  // A year asked for (and valid) is read at once, beside the scope's years and groups; else the latest one.
  const asked = validYear(options.fiscalYear);
  const [years, below, rowsOfAsked] = await Promise.all([
    listScopeFiscalYears(db, group.id),
    listScopeGroups(db, group.id),
    asked === undefined ? null : computeLeagueRows(db, group.id, asked),
  ]);
  const fiscalYear = chooseYear(years, options.fiscalYear);
  const all = rowsOfAsked ?? (await computeLeagueRows(db, group.id, fiscalYear));
  const filters = options.filters ?? {};

  // The trail from the actor's top group (or the tree's root, for a super-administrator) down to this group.
  const trail: GroupView[] = [groupView(group)];
  let parentId = group.parent_id;
  while (parentId && trail[0]!.id !== root) {
    const parent = await groupOfActorOrNull(db, root, parentId);
    if (!parent) break;
    trail.unshift(groupView(parent));
    parentId = parent.parent_id;
  }

  const framework = all.find((r) => r.round)?.round?.framework;
  const fw = framework ? loadFramework(framework) : null;
  const indicators = (fw?.indicators ?? [])
    .map(({ number, nameTh, nameEn, instrument }) => ({ number, nameTh, nameEn, instrument }))
    .sort((a, b) => a.number - b.number);

  const totals = all.map((r) => r.total).filter((t): t is number => t !== null);
  // One pass over the rows (8,300 nationally), summing each indicator's scores in row order.
  const sums = new Map(indicators.map((i) => [i.number, { sum: 0, count: 0, below: 0 }]));
  for (const r of all)
    for (const key in r.indicators) {
      const acc = sums.get(Number(key));
      if (!acc) continue;
      const score = r.indicators[key as unknown as number]!;
      acc.sum += score;
      acc.count++;
      if (score < r.target) acc.below++;
    }
  const weakestIndicators = indicators
    .map((i) => {
      const acc = sums.get(i.number)!;
      return {
        indicator: i.number,
        nameTh: i.nameTh,
        nameEn: i.nameEn,
        mean: acc.count ? Math.round((acc.sum / acc.count) * 100) / 100 : null,
        agencies: acc.count,
        below: acc.below,
      };
    })
    .filter((i): i is typeof i & { mean: number } => i.mean !== null)
    .sort((a, b) => a.mean - b.mean || a.indicator - b.indicator);

  const distinct = (list: (string | null)[]) => [...new Set(list.filter((v): v is string => !!v))].sort(THAI.compare);

  return {
    group: groupView(group),
    trail,
    children: below.filter((g) => g.parent_id === group.id).map(groupView),
    fiscalYears: years.includes(fiscalYear) ? years : [fiscalYear, ...years],
    fiscalYear,
    indicators,
    all,
    rows: applyFilters(all, filters),
    filters,
    choices: { types: distinct(all.map((r) => r.type)), sizes: distinct(all.map((r) => r.size)) },
    summary: {
      agencies: all.length,
      withTotal: totals.length,
      belowTarget: all.filter((r) => r.total !== null && r.total < r.target).length,
      notStarted: all.filter((r) => r.notStarted).length,
      mean: mean(totals),
    },
    distribution: BANDS.map(([from, to]) => ({
      from,
      to,
      count: totals.filter((t) => t >= from && (to === 100 ? t <= 100 : t < to)).length,
    })),
    weakestIndicators,
    notStarted: all.filter((r) => r.notStarted),
  };
}

async function groupOfActorOrNull(db: Db, root: string | null, groupId: string): Promise<AgencyGroup | null> {
  if (root !== null && !(await isGroupInScope(db, root, groupId))) return null;
  return (await findGroup(db, groupId)) ?? null;
}

/** Where a supervisor starts: their own group (a super-administrator: null, they choose one from the list). */
export async function getSuperviseHome(
  db: Db,
  actor: SessionUser,
): Promise<{ groupId: string | null; groups: GroupView[] }> {
  const root = await supervisedRoot(db, actor);
  if (root !== null) return { groupId: root, groups: [] };
  return { groupId: null, groups: (await listAllGroups(db)).map(groupView) };
}

/** `ita league --group ID [--year YYYY]`: the fields of the league the CLI prints (no permission: an operator's tool). */
export async function leagueJson(db: Db, groupId: string, fiscalYear?: number) {
  const group = await findGroup(db, groupId);
  if (!group) return null;
  const years = await listScopeFiscalYears(db, group.id);
  const year = chooseYear(years, fiscalYear);
  const rows = await computeLeagueRows(db, group.id, year);
  return {
    group: { id: group.id, nameTh: group.name_th, nameEn: group.name_en, kind: group.kind },
    fiscalYear: year,
    agencies: rows.map((r) => ({
      id: r.agencyId,
      nameTh: r.nameTh,
      type: r.type,
      size: r.size,
      round: r.round ? { id: r.round.id, slug: r.round.slug, status: r.round.status } : null,
      position: r.position,
      total: r.total,
      rating: r.rating,
      meetsTarget: r.meetsTarget,
      iitState: r.iitState,
      indicators: r.indicators,
      responseCounts: r.responseCounts,
      notStarted: r.notStarted,
    })),
  };
}

export type LeagueFile = { body: string | Uint8Array<ArrayBuffer>; contentType: string; filename: string };

/**
 * The league (every agency of the scope, filtered as asked) as CSV or XLSX: one row per agency with its
 * counts and, where they exist, its indicator scores (IIT ones only once released), total and rating. No
 * response row of any agency is in it. An unknown format: 404.
 */
export async function exportLeague(
  db: Db,
  actor: SessionUser,
  groupId: string,
  format: string | undefined,
  options: { fiscalYear?: number; filters?: LeagueFilters } = {},
): Promise<LeagueFile> {
  if (format !== "csv" && format !== "xlsx") {
    assertCan(actor, "supervise");
    throw notFound();
  }
  const league = await getLeague(db, actor, groupId, options);
  const numbers = Array.from({ length: 10 }, (_, i) => i + 1);
  const header = [
    "position",
    "agency",
    "type",
    "size",
    "round_status",
    "iit_responses",
    "iit_minimum",
    "eit_responses",
    "eit_minimum",
    "oit_answered",
    "oit_items",
    "iit",
    ...numbers.map((n) => `indicator_${n}`),
    "total",
    "rating",
    "below_target",
    "not_started",
  ];
  const rows = league.rows.map((r) => [
    r.position,
    r.nameTh,
    r.type,
    r.size,
    r.round?.status ?? null,
    r.responseCounts.iit,
    r.minSample?.iit ?? null,
    r.responseCounts.eit,
    r.minSample?.eit ?? null,
    r.oit?.answered ?? null,
    r.oit?.total ?? null,
    r.iitState,
    ...numbers.map((n) => r.indicators[n] ?? null),
    r.total,
    r.rating?.label ?? null,
    r.total === null ? null : r.total < r.target ? "yes" : "no",
    r.notStarted,
  ]);
  const table = { header, rows, iit: null };
  const name = `ita-${league.fiscalYear}-league-${league.group.id.slice(0, 8)}`;
  if (format === "csv") return { body: toCsv(table), contentType: "text/csv; charset=utf-8", filename: `${name}.csv` };
  return {
    body: new Uint8Array(await toXlsx(table, `ITA ${league.fiscalYear}`)),
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    filename: `${name}.xlsx`,
  };
}
