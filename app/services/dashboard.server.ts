import type { Db } from "../../db/client";
import { checklistOf, listOitAnswers } from "../../db/repositories/oit";
import { countResponsesByChannel } from "../../db/repositories/progress";
import { listChannelNames } from "../../db/repositories/results";
import { listRoundsOfAgency } from "../../db/repositories/rounds";
import type { Round } from "../../db/repositories/rounds";
import { indicatorGains, oitItemGains, weightedPoints } from "../ita";
import type { IndicatorScores, OitGapStatus } from "../ita";
import type { Text } from "../lib/i18n";
import { can } from "../lib/roles";
import { formatThaiDate, todayIn } from "../report";
import { agencyOf, assertCan, type SessionUser } from "../server/auth.server";
import { config } from "../server/config.server";
import { listOfficialWithAnalysis } from "./official-results.server";
import { getRoundResults } from "./results/results.server";

// The landing page after sign-in: for each open round of the user's agency, how far the samples are, how many
// days are left, what the OIT checklist still lacks, last year's official result beside this round's figures
// so far, where the points are, and the next thing to do. While a round is open its IIT figures are never
// shown here (only how many staff have answered): the IIT is released when the round closes.

export type DashboardSample = { count: number; min: number; reached: boolean };

export type DashboardRound = {
  id: string;
  slug: string;
  fiscalYear: number;
  title: string | null;
  closesOn: string | null;
  closesOnTh: string | null;
  closesOnEn: string | null;
  /** Whole days from today to the closing date (0 on the day itself, negative once it has passed). */
  daysLeft: number | null;
  iit: DashboardSample;
  eit: DashboardSample;
  /** EIT responses per channel: every channel of the round (0 when none yet), and '' for answers without one. */
  channels: { key: string; name: string; count: number }[];
  /** The OIT checklist's gaps; null for a user who may not read results. */
  oit: {
    total: number;
    earning: number;
    no: number;
    needsEvidence: number;
    unanswered: number;
    /** Items copied from the previous round that no officer has saved or confirmed yet (ตรวจสอบอีกครั้ง). */
    recheck: number;
  } | null;
  /** Last year's official result beside this round's EIT and OIT so far; null for a user who may not read results. */
  comparison: {
    lastYear: {
      fiscalYear: number;
      total: number | null;
      rating: string | null;
      eit: number | null;
      oit: number | null;
    } | null;
    thisRound: {
      eit: number | null;
      oit: number | null;
      /** Points of the weighted total the EIT and OIT indicators make so far, out of `ofPoints`. */
      points: number | null;
      ofPoints: number;
    };
  } | null;
  /** Where the points are (OIT items first, then +5 on an EIT or OIT indicator); null without results access. */
  points: {
    items: { id: string; indicator: number; topicTh: string; topicEn: string; status: OitGapStatus; gain: number }[];
    indicators: { indicator: number; nameTh: string; nameEn: string; score: number; gain: number }[];
  } | null;
  next: { key: NextStep; text: Text; href: string | null };
  links: { round: string; progress: string; oit: string | null; results: string | null };
};

export type NextStep =
  | "close-round"
  | "closing-passed"
  | "print-poster"
  | "fill-oit"
  | "recheck-oit"
  | "more-eit"
  | "more-iit"
  | "wait-for-closing";

export type Dashboard = {
  /** False for a super-administrator who is not working in an agency: there are no rounds to show. */
  hasAgency: boolean;
  today: string;
  rounds: DashboardRound[];
};

const TOP_ITEMS = 5;
const TOP_INDICATORS = 3;
const round2 = (x: number) => Math.round(x * 100) / 100;

/** Whole days from `from` to `to` (YYYY-MM-DD each). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function formatEnglishDate(isoDate: string): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${isoDate.slice(0, 10)}T00:00:00Z`),
  );
}

function nextStep(
  actor: SessionUser,
  round: Round,
  state: {
    iit: DashboardSample;
    eit: DashboardSample;
    oitGaps: number | null;
    oitRecheck: number | null;
    daysLeft: number | null;
  },
): DashboardRound["next"] {
  const base = `/admin/rounds/${round.id}`;
  const manage = can(actor, "manageRounds");
  const passed = state.daysLeft !== null && state.daysLeft < 0;
  const reached = state.iit.reached && state.eit.reached;
  const step = (key: NextStep, text: Text, href: string | null) => ({ key, text, href });
  if (passed && reached)
    return step(
      "close-round",
      {
        th: "ครบจำนวนขั้นต่ำและเลยวันปิดรับแล้ว ปิดรอบการประเมินเพื่อเปิดเผยผล IIT",
        en: "The minimum samples are reached and the closing date has passed: close the round to release the IIT.",
      },
      manage ? `${base}/settings` : null,
    );
  if (state.eit.count === 0)
    return step(
      "print-poster",
      {
        th: "ยังไม่มีผู้ตอบแบบ EIT พิมพ์โปสเตอร์ QR code ติดที่จุดบริการ",
        en: "No EIT responses yet: print the QR-code poster for your service counters.",
      },
      manage ? `${base}/channels` : null,
    );
  if (state.oitGaps)
    return step(
      "fill-oit",
      {
        th: `แบบ OIT ยังขาดอีก ${state.oitGaps} ข้อ กรอกแบบตรวจ OIT พร้อมลิงก์หลักฐาน`,
        en: `${state.oitGaps} OIT items still earn nothing: fill in the OIT checklist with evidence links.`,
      },
      can(actor, "oit") ? `${base}/oit` : null,
    );
  if (state.oitRecheck)
    return step(
      "recheck-oit",
      {
        th: `แบบ OIT มี ${state.oitRecheck} ข้อที่คัดลอกมาจากรอบก่อนและยังไม่ได้ตรวจสอบ เปิดลิงก์หลักฐานของแต่ละข้อ แล้วยืนยันหรือแก้ไข`,
        en: `${state.oitRecheck} OIT items were copied from the previous round and not re-checked yet: open each evidence link, then confirm or correct it.`,
      },
      can(actor, "oit") ? `${base}/oit` : null,
    );
  if (passed)
    return step(
      "closing-passed",
      {
        th: "เลยวันปิดรับแล้วแต่ยังไม่ครบจำนวนขั้นต่ำ ขยายวันปิดรับหรือเก็บคำตอบเพิ่ม",
        en: "The closing date has passed but the minimum samples are not reached: extend the closing date or collect more.",
      },
      manage ? `${base}/settings` : null,
    );
  if (!state.eit.reached) {
    const more = state.eit.min - state.eit.count;
    return step(
      "more-eit",
      {
        th: `ต้องการผู้ตอบแบบ EIT อีก ${more} คน ชวนผู้มาติดต่อสแกน QR code หรือบันทึกแบบกระดาษ`,
        en: `${more} more EIT responses needed: invite visitors to scan the QR code, or key in paper forms.`,
      },
      can(actor, "paperEntry") ? `${base}/entry` : manage ? `${base}/channels` : null,
    );
  }
  if (!state.iit.reached) {
    const more = state.iit.min - state.iit.count;
    return step(
      "more-iit",
      {
        th: `ต้องการบุคลากรตอบแบบ IIT อีก ${more} คน แจ้งรหัสเข้าตอบแก่บุคลากร`,
        en: `${more} more staff need to answer the IIT: give staff the access PIN or codes.`,
      },
      manage ? `${base}/access` : null,
    );
  }
  return step(
    "wait-for-closing",
    {
      th: "ครบจำนวนขั้นต่ำแล้ว ปิดรอบเมื่อถึงวันปิดรับ ผล IIT จะเปิดเผยเมื่อปิดรอบ",
      en: "The minimum samples are reached: close the round on its closing date; the IIT is released at close.",
    },
    manage ? `${base}/settings` : null,
  );
}

/**
 * The dashboard of the signed-in user: each open round of their agency (a super-administrator: of the agency
 * they work in). `now` is for tests; days are counted in the configured time zone.
 */
export async function getDashboard(db: Db, actor: SessionUser, options: { now?: Date } = {}): Promise<Dashboard> {
  assertCan(actor, "any");
  const today = todayIn(config().TZ, options.now);
  const agencyId = agencyOf(actor);
  if (!agencyId) return { hasAgency: false, today, rounds: [] };
  const readResults = can(actor, "readResults");
  const open = (await listRoundsOfAgency(db, agencyId)).filter((r) => r.status === "open");
  const official = readResults && open.length ? await listOfficialWithAnalysis(db, agencyId) : [];

  const rounds: DashboardRound[] = [];
  for (const round of open) {
    const base = `/admin/rounds/${round.id}`;
    const [counts, names] = await Promise.all([countResponsesByChannel(db, round.id), listChannelNames(db, round.id)]);
    const total = (kind: "iit" | "eit") => counts.filter((c) => c.instrument === kind).reduce((n, c) => n + c.count, 0);
    const iit = { count: total("iit"), min: round.min_iit, reached: total("iit") >= round.min_iit };
    const eit = { count: total("eit"), min: round.min_eit, reached: total("eit") >= round.min_eit };
    const eitCounts = new Map(counts.filter((c) => c.instrument === "eit").map((c) => [c.channel, c.count]));
    const channels = [...names.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, name]) => ({ key, name, count: eitCounts.get(key) ?? 0 }));
    if (eitCounts.get("")) channels.push({ key: "", name: "", count: eitCounts.get("")! });

    let oit: DashboardRound["oit"] = null;
    let comparison: DashboardRound["comparison"] = null;
    let points: DashboardRound["points"] = null;
    if (readResults) {
      const results = await getRoundResults(db, round);
      const fw = results.framework;
      const answers = await listOitAnswers(db, round.id);
      const checklistGains = oitItemGains(fw, checklistOf(answers));
      const count = (status: OitGapStatus) => checklistGains.filter((g) => g.status === status).length;
      oit = {
        total: fw.oitItems.length,
        earning: fw.oitItems.length - checklistGains.length,
        no: count("no"),
        needsEvidence: count("needsEvidence"),
        unanswered: count("unanswered"),
        recheck: [...answers.values()].filter((a) => a.recheck).length,
      };
      // Only the EIT and OIT figures of an open round: never an IIT score, whatever the results hold.
      const released: IndicatorScores = {};
      for (const r of results.analysis.ranking) if (r.instrument !== "IIT") released[r.indicator] = r.exact;
      const releasedWeight = fw.indicators.filter((i) => i.instrument !== "IIT").reduce((s, i) => s + i.weight, 0);
      const allWeight = fw.indicators.reduce((s, i) => s + i.weight, 0);
      const complete = fw.indicators.filter((i) => i.instrument !== "IIT").every((i) => released[i.number] != null);
      const last = official.find((o) => o.fiscalYear === round.fiscal_year - 1) ?? null;
      comparison = {
        lastYear: last && {
          fiscalYear: last.fiscalYear,
          total: last.publishedTotal ?? last.analysis.overall,
          rating: last.publishedGrade ?? last.analysis.grade,
          eit: last.analysis.instruments.EIT,
          oit: last.analysis.instruments.OIT,
        },
        thisRound: {
          eit: results.analysis.instruments.EIT.score,
          oit: results.analysis.instruments.OIT.score,
          points: complete ? round2(weightedPoints(fw, released)) : null,
          ofPoints: round2((100 * releasedWeight) / allWeight),
        },
      };
      points = {
        items: checklistGains.slice(0, TOP_ITEMS).map((g) => ({
          id: g.id,
          indicator: g.indicator,
          topicTh: g.topicTh,
          topicEn: g.topicEn,
          status: g.status,
          gain: round2(g.totalGain),
        })),
        indicators: indicatorGains(fw, released)
          .slice(0, TOP_INDICATORS)
          .map((g) => ({
            indicator: g.indicator,
            nameTh: g.nameTh,
            nameEn: g.nameEn,
            score: round2(g.score),
            gain: round2(g.totalGain),
          })),
      };
    }

    const daysLeft = round.closes_on ? daysBetween(today, round.closes_on) : null;
    rounds.push({
      id: round.id,
      slug: round.slug,
      fiscalYear: round.fiscal_year,
      title: round.title,
      closesOn: round.closes_on,
      closesOnTh: round.closes_on ? formatThaiDate(round.closes_on) : null,
      closesOnEn: round.closes_on ? formatEnglishDate(round.closes_on) : null,
      daysLeft,
      iit,
      eit,
      channels,
      oit,
      comparison,
      points,
      next: nextStep(actor, round, {
        iit,
        eit,
        oitGaps: oit ? oit.total - oit.earning : null,
        oitRecheck: oit ? oit.recheck : null,
        daysLeft,
      }),
      links: {
        round: base,
        progress: `${base}/progress`,
        oit: readResults ? `${base}/oit` : null,
        results: readResults ? `${base}/results` : null,
      },
    });
  }
  return { hasAgency: true, today, rounds };
}
