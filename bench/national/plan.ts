// The national dataset's plan (bench/national.ts): 8,300 agencies of the kinds and sizes the framework's
// sample table and the published national figures name (docs/performance.md, "National scale"), placed in
// 77 provinces and their districts, each with one round and how many IIT and EIT responses it holds.
// Deterministic for a seed; `scale` shrinks the number of agencies (each keeps a realistic size).
import crypto from "node:crypto";
import { defaultEitSample, defaultIitSample, type Framework } from "../../app/ita";

export type RoundState = "draft" | "open" | "closed-released" | "closed-withheld";

export type PlannedAgency = {
  id: string;
  roundId: string;
  index: number;
  nameTh: string;
  type: string;
  size: string | null;
  staff: number;
  external: number | null;
  /** Province index (0–76), or -1 for a central agency. */
  province: number;
  /** District index within the province, or -1 for an agency that belongs to the province itself. */
  district: number;
  state: RoundState;
  iit: number;
  eit: number;
  minIit: number;
  minEit: number;
  /** Probability of the best answer for this agency's respondents (its integrity, in the generator). */
  quality: number;
  /** Probability of มี for each OIT item. */
  oitQuality: number;
  /** OIT items answered (43 when done; fewer in an open round; 0 in a draft). */
  oitAnswered: number;
};

export type PlannedProvince = {
  index: number;
  id: string;
  nameTh: string;
  districts: { id: string; nameTh: string }[];
};

export type Plan = {
  scale: number;
  countryId: string;
  centralId: string;
  provinces: PlannedProvince[];
  agencies: PlannedAgency[];
};

/** The national mix, 8,300 agencies (later-years.md Q5 for the local ones; the rest from the national counts). */
const MIX: {
  type: string;
  size: string | null;
  count: number;
  staff: [number, number];
  external?: [number, number];
}[] = [
  { type: "sao", size: "L", count: 2600, staff: [40, 90] },
  { type: "sao", size: "M", count: 2327, staff: [25, 50] },
  { type: "sao", size: "S", count: 373, staff: [12, 28] },
  { type: "subdistrict-municipality", size: "L", count: 1100, staff: [50, 120], external: [8000, 20000] },
  { type: "subdistrict-municipality", size: "M", count: 875, staff: [30, 70] },
  { type: "subdistrict-municipality", size: "S", count: 187, staff: [20, 40] },
  { type: "town-municipality", size: null, count: 195, staff: [150, 400], external: [20000, 60000] },
  { type: "city-municipality", size: null, count: 30, staff: [600, 2000], external: [80000, 300000] },
  { type: "pao", size: null, count: 76, staff: [300, 900], external: [2000, 6000] },
  { type: "province", size: null, count: 76, staff: [200, 1500], external: [1000, 5000] },
  { type: "department", size: null, count: 149, staff: [500, 5000], external: [2000, 8000] },
  { type: "large-service", size: null, count: 241, staff: [1000, 8000] },
  { type: "other", size: null, count: 71, staff: [200, 800], external: [500, 1500] },
];
const LOCAL = new Set(["sao", "subdistrict-municipality", "town-municipality"]);
const PROVINCIAL = new Set(["city-municipality", "pao", "province"]);
export const NATIONAL_AGENCIES = MIX.reduce((n, m) => n + m.count, 0);
/** 2565: 1,300,132 respondents; 2567: 461,440 IIT + 907,795 EIT (later-years.md). */
export const NATIONAL_RESPONSES = { iit: 440_000, eit: 860_000 };
export const PROVINCES = 77;

/** mulberry32, as tests/support/answers.ts. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A deterministic UUID-shaped id from a label (the same plan gets the same ids). */
function idOf(seed: number, label: string): string {
  const h = crypto.createHash("sha256").update(`${seed}:${label}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function makePlan(fw: Framework, scale: number, seed = 2569): Plan {
  const random = seededRandom(seed);
  const between = ([lo, hi]: [number, number]) => Math.round(lo + random() * (hi - lo));
  const normal = () => {
    const u = Math.max(random(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };

  // Provinces of uneven size (a province's league is ~100 agencies on average, a few are several times that).
  const weights = Array.from({ length: PROVINCES }, () => Math.exp(0.45 * normal()));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  weights.reduce((acc, w, i) => (cumulative[i] = acc + w / weightSum), 0);
  const pickProvince = () => {
    const r = random();
    const i = cumulative.findIndex((c) => r < c);
    return i === -1 ? PROVINCES - 1 : i;
  };
  const provinces: PlannedProvince[] = weights.map((w, index) => ({
    index,
    id: idOf(seed, `province-${index}`),
    nameTh: `จังหวัดทดสอบ ${String(index + 1).padStart(2, "0")}`,
    districts: Array.from({ length: Math.max(3, Math.round(12 * w)) }, (_, d) => ({
      id: idOf(seed, `district-${index}-${d}`),
      nameTh: `อำเภอทดสอบ ${index + 1}.${d + 1}`,
    })),
  }));

  const agencies: PlannedAgency[] = [];
  for (const kind of MIX) {
    const count = Math.max(1, Math.round(kind.count * scale));
    for (let k = 0; k < count; k++) {
      const index = agencies.length;
      const staff = between(kind.staff);
      const external = kind.external ? between(kind.external) : null;
      const province = LOCAL.has(kind.type) || PROVINCIAL.has(kind.type) ? pickProvince() : -1;
      const district = LOCAL.has(kind.type) ? Math.floor(random() * provinces[province]!.districts.length) : -1;
      const minEit =
        defaultEitSample(fw, {
          agencyType: kind.type,
          size: kind.size ?? undefined,
          stakeholders: external ?? undefined,
        }) ?? 400;
      const minIit = defaultIitSample(fw, staff);
      const r = random();
      const state: RoundState =
        r < 0.05 ? "draft" : r < 0.15 ? "open" : r < 0.17 && staff < 40 ? "closed-withheld" : "closed-released";
      // Raw sizes, normalised below to the national totals: staff answer the IIT in part, citizens the EIT above the minimum.
      const answering = staff <= 100 ? staff : 100 + (staff - 100) * 0.15;
      const iit =
        state === "draft"
          ? 0
          : state === "closed-withheld"
            ? 1 + Math.floor(random() * 4)
            : answering * (0.5 + random() * 0.5);
      const eit = state === "draft" ? 0 : minEit * (1 + random() * 1.6);
      const progress = state === "open" ? 0.2 + random() * 0.7 : 1;
      const quality = Math.min(0.99, Math.max(0.15, 0.74 + 0.13 * normal()));
      agencies.push({
        id: idOf(seed, `agency-${index}`),
        roundId: idOf(seed, `round-${index}`),
        index,
        nameTh: `หน่วยงานทดสอบ ${String(index + 1).padStart(4, "0")}`,
        type: kind.type,
        size: kind.size,
        staff,
        external,
        province,
        district,
        state,
        iit: iit * progress,
        eit: eit * progress,
        minIit,
        minEit,
        quality,
        oitQuality: Math.min(1, Math.max(0.3, 0.9 + 0.08 * normal())),
        oitAnswered:
          state === "draft" ? 0 : state === "open" ? Math.round(fw.oitItems.length * progress) : fw.oitItems.length,
      });
    }
  }

  // Normalise to the national totals (scaled with the number of agencies), within each agency's staff.
  const share = agencies.length / NATIONAL_AGENCIES;
  for (const instrument of ["iit", "eit"] as const) {
    const movable = agencies.filter((a) => a.state !== "closed-withheld");
    const fixed = agencies.filter((a) => a.state === "closed-withheld").reduce((n, a) => n + a[instrument], 0);
    const raw = movable.reduce((n, a) => n + a[instrument], 0);
    const factor = (NATIONAL_RESPONSES[instrument] * share - fixed) / raw;
    for (const a of movable) {
      let n = Math.round(a[instrument] * factor);
      if (instrument === "iit") n = Math.min(a.staff, n);
      if (instrument === "iit" && a.state === "closed-released") n = Math.max(5, n);
      a[instrument] = n;
    }
    for (const a of agencies) a[instrument] = Math.round(a[instrument]);
  }
  return {
    scale,
    countryId: idOf(seed, "country"),
    centralId: idOf(seed, "central"),
    provinces,
    agencies,
  };
}
