import { defaultEitSample, defaultIitSample, type Framework } from "../../ita";

export interface AgencyForSample {
  type: string;
  size: string | null;
  staff_count: number | null;
  external_count: number | null;
}

/**
 * Minimum samples of a new round from the framework's sample_size defaults: IIT all eligible staff when
 * fewer than the default (25 in 2565); EIT by agency type and size, else a share of the external
 * stakeholders, else the framework's floor. Officers can edit both per round.
 */
export function defaultSampleSizes(framework: Framework, agency: AgencyForSample): { iit: number; eit: number } {
  const iit = defaultIitSample(framework, agency.staff_count ?? framework.sampleSize.iit.default);
  const eit = defaultEitSample(framework, {
    agencyType: agency.type,
    size: agency.size ?? undefined,
    stakeholders: agency.external_count ?? undefined,
  });
  return { iit: Math.max(1, iit), eit: Math.max(1, eit ?? framework.sampleSize.eitOther.min) };
}
