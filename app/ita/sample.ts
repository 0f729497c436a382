import type { Framework } from "./framework";

/**
 * Default IIT sample (no official 2565 formula was found; the framework holds the defaults):
 * all eligible staff when fewer than the default, otherwise the default (25 in 2565).
 */
export function defaultIitSample(fw: Framework, eligibleStaff: number): number {
  const { default: size, allWhenFewer } = fw.sampleSize.iit;
  return allWhenFewer && eligibleStaff < size ? Math.max(0, eligibleStaff) : size;
}

/**
 * Default EIT sample: the framework's table by agency type and size when the agency is listed,
 * otherwise a percentage of its external stakeholders, at least `min` (all when fewer), at most `max`.
 */
export function defaultEitSample(
  fw: Framework,
  agency: { agencyType?: string; size?: string; stakeholders?: number },
): number | null {
  const row = fw.sampleSize.eitByAgency.find(
    (r) => r.agencyType === agency.agencyType && (r.size === "-" || r.size === agency.size),
  );
  if (row) return row.min;
  if (agency.stakeholders === undefined) return null;
  const { percent, min, max } = fw.sampleSize.eitOther;
  if (agency.stakeholders < min) return Math.max(0, agency.stakeholders);
  return Math.min(max, Math.max(min, Math.ceil((agency.stakeholders * percent) / 100)));
}

/** Privacy rule: no IIT figure is shown when computed from fewer responses than this (5 in 2565). */
export function canShowIit(fw: Framework, responses: number): boolean {
  return responses >= fw.sampleSize.minIitGroup;
}
