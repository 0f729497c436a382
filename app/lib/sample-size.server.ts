// Minimum samples of a new round, from the ITA 2565 framework's sample_size defaults.
// TODO(foundation): read these from the framework file once app/ita exposes sample_size.
export interface AgencyForSample {
  type: string;
  size: string | null;
  staff_count: number | null;
  external_count: number | null;
}

const EIT_BY_TYPE: Record<string, Record<string, number>> = {
  "อบต.": { S: 30, M: 40, L: 50 },
  เทศบาลตำบล: { S: 60, M: 70 },
};

export function defaultSampleSizes(agency: AgencyForSample): { iit: number; eit: number } {
  const staff = agency.staff_count ?? 25;
  const iit = staff < 25 ? Math.max(staff, 1) : 25;
  const byType = EIT_BY_TYPE[agency.type]?.[agency.size ?? ""];
  if (byType) return { iit, eit: byType };
  const external = agency.external_count;
  if (external == null) return { iit, eit: 30 };
  if (external < 30) return { iit, eit: Math.max(external, 1) };
  return { iit, eit: Math.min(400, Math.max(30, Math.ceil(external * 0.1))) };
}
