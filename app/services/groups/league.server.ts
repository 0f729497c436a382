import type { Db } from "../../../db/client";
import {
  findGroup,
  findSupervisorGroupId,
  isGroupInScope,
  listAllGroups,
  listScopeAgencies,
  listScopeFiscalYears,
  listScopeGroups,
  listScopeRounds,
  type AgencyGroup,
  type ScopeRound,
} from "../../../db/repositories/groups";
import {
  listEitTalliesOf,
  listIitDecisionsOf,
  listIitReleaseTalliesOf,
  listOitAnswersOf,
  listResponseTotalsOf,
  listScopeRoundScores,
  saveRoundScores,
} from "../../../db/repositories/round-scores";
import { analyze, type Analysis, type Instrument, type OitChecklist, type TallyRow } from "../../ita";
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

/** One agency's round of the year: closed before open before draft, then the latest created. */
function pickRounds(rounds: ScopeRound[]): Map<string, ScopeRound> {
  const picked = new Map<string, ScopeRound>();
  for (const r of rounds) {
    const current = picked.get(r.agency_id);
    if (
      !current ||
      STATUS_ORDER[r.status] < STATUS_ORDER[current.status] ||
      (STATUS_ORDER[r.status] === STATUS_ORDER[current.status] && r.created_at > current.created_at)
    )
      picked.set(r.agency_id, r);
  }
  return picked;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** What the league keeps of a round's scores (round_scores.scores): enough to rebuild its row with the round's lines. */
type KeptRoundScores = {
  framework: string;
  /** Indicator number → exact score (IIT only from its release). */
  scores: Record<number, number>;
  iitState: RoundScores["iitState"];
  oitAnswered: number;
  /** Current with the kept row: any change of the response counts bumps the round's version. */
  responseCounts: { iit: number; eit: number };
  /** The league's figures under the lines they were computed with (used while the round's lines are the same). */
  lines: { strength: number; target: number };
  figures: LeagueFigures;
};

type LeagueFigures = Pick<LeagueRow, "indicators" | "total" | "rating" | "meetsTarget" | "weakest">;

function figuresOf(analysis: Analysis): LeagueFigures {
  const indicators: Record<number, number> = {};
  for (const r of analysis.ranking) indicators[r.indicator] = r.score;
  return {
    indicators,
    total: analysis.overall,
    rating: analysis.rating
      ? { label: analysis.rating.label, labelEn: analysis.rating.labelEn, passes: analysis.rating.passes }
      : null,
    meetsTarget: analysis.meetsTarget,
    weakest: analysis.overall === null ? null : analysis.lowest,
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
): Promise<Map<string, KeptRoundScores>> {
  const ids = rounds.map((r) => r.id);
  const scored = new Map<string, KeptRoundScores>();
  if (ids.length === 0) return scored;
  await ensureFrameworks(
    db,
    rounds.map((r) => r.framework),
  );
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
    const result = scoreRound(
      round,
      fw,
      {
        responseCounts: counts.get(round.id) ?? { iit: 0, eit: 0 },
        eitRows: eitRows.get(round.id) ?? [],
        release,
        decided: !!decision,
        checklist: checklists.get(round.id) ?? {},
      },
      minGroup,
    );
    scored.set(round.id, {
      framework: round.framework,
      scores: Object.fromEntries(result.analysis.ranking.map((r) => [r.indicator, r.exact])),
      iitState: result.iitState,
      oitAnswered: fw.oitItems.length - result.oit.unanswered.length,
      responseCounts: counts.get(round.id) ?? { iit: 0, eit: 0 },
      lines: { strength: round.strength_line, target: round.target_line },
      figures: figuresOf(result.analysis),
    });
  }
  return scored;
}

function parseKept(text: string | null, framework: string): KeptRoundScores | null {
  if (!text) return null;
  try {
    const kept = JSON.parse(text) as KeptRoundScores;
    return kept.framework === framework && kept.figures && kept.lines && kept.responseCounts ? kept : null;
  } catch {
    return null;
  }
}

/**
 * Every agency of a group's scope with its round of `fiscalYear` scored: the league's data, without a
 * permission check (for the service functions below and `ita league`, which check their caller first).
 * Rounds are read in a fixed number of statements for the whole scope; their scores come from `round_scores`
 * (decision 0014) where still current, and only the others are scored from their kept counts — and kept.
 */
export async function computeLeagueRows(
  db: Db,
  groupId: string,
  fiscalYear: number,
  minGroup = config().IIT_MIN_GROUP,
): Promise<LeagueRow[]> {
  const [agencies, rounds, stored] = await Promise.all([
    listScopeAgencies(db, groupId),
    listScopeRounds(db, groupId, fiscalYear),
    listScopeRoundScores(db, groupId, fiscalYear),
  ]);
  // Rounds on imported frameworks (issue 17): served once this process has met them.
  await ensureFrameworks(
    db,
    rounds.map((r) => r.framework),
  );
  const picked = pickRounds(rounds);
  const pickedRounds = [...picked.values()];
  const kept = new Map<string, KeptRoundScores>();
  const stale: ScopeRound[] = [];
  for (const round of pickedRounds) {
    const row = stored.get(round.id);
    const current = row && row.scoredVersion === row.version ? parseKept(row.scores, round.framework) : null;
    if (current) kept.set(round.id, current);
    else stale.push(round);
  }
  const counts = new Map<string, { iit: number; eit: number }>();
  if (stale.length)
    for (const t of await listResponseTotalsOf(
      db,
      stale.map((r) => r.id),
    )) {
      const c = counts.get(t.roundId) ?? { iit: 0, eit: 0 };
      c[t.instrument] += t.count;
      counts.set(t.roundId, c);
    }
  const fresh = await scoreRounds(db, stale, counts, minGroup);
  if (fresh.size)
    await saveRoundScores(
      db,
      stale.map((r) => ({
        roundId: r.id,
        version: stored.get(r.id)?.version ?? 0,
        scores: JSON.stringify(fresh.get(r.id)),
      })),
    );
  for (const [id, scores] of fresh) kept.set(id, scores);

  const rows: LeagueRow[] = agencies.map((agency) => {
    const base = {
      agencyId: agency.id,
      nameTh: agency.name_th,
      nameEn: agency.name_en,
      type: agency.type,
      size: agency.size,
    };
    const round = picked.get(agency.id);
    if (!round)
      return {
        ...base,
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
    const fw = loadFramework(round.framework);
    const scored = kept.get(round.id)!;
    const responseCounts = scored.responseCounts;
    // Under the lines the scores were kept with, the kept figures; under changed lines, analysed again.
    const figures =
      scored.lines.strength === round.strength_line && scored.lines.target === round.target_line
        ? scored.figures
        : figuresOf(analyze(fw, scored.scores, { strengthLine: round.strength_line, target: round.target_line }));
    const answeredOit = scored.oitAnswered;
    const notStarted: NotStartedReason | null =
      round.status === "draft"
        ? "draft"
        : responseCounts.iit + responseCounts.eit === 0 && answeredOit === 0
          ? "no-answers"
          : null;
    return {
      ...base,
      round: { id: round.id, slug: round.slug, status: round.status, framework: round.framework },
      responseCounts,
      minSample: { iit: round.min_iit, eit: round.min_eit },
      oit: { answered: answeredOit, total: fw.oitItems.length },
      iitState: scored.iitState,
      ...figures,
      target: round.target_line,
      position: null,
      notStarted,
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

/** The fiscal year asked for, or the scope's latest one (the current Thai fiscal year when it has none). */
function chooseYear(years: number[], asked: number | undefined): number {
  if (asked !== undefined && Number.isInteger(asked) && asked >= 2500 && asked <= 2700) return asked;
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
  const [years, below] = await Promise.all([listScopeFiscalYears(db, group.id), listScopeGroups(db, group.id)]);
  const fiscalYear = chooseYear(years, options.fiscalYear);
  const all = await computeLeagueRows(db, group.id, fiscalYear);
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
  const weakestIndicators = indicators
    .map((i) => {
      const scores = all.map((r) => r.indicators[i.number]).filter((s): s is number => s !== undefined);
      return {
        indicator: i.number,
        nameTh: i.nameTh,
        nameEn: i.nameEn,
        mean: mean(scores),
        agencies: scores.length,
        below: all.filter((r) => r.indicators[i.number] !== undefined && r.indicators[i.number]! < r.target).length,
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
