import type { Agency } from "../../../db/repositories/agencies";
import { fiscalYearBE } from "../../server/first-start.server";
import { listFrameworks, loadFramework } from "../frameworks/frameworks.server";
import { defaultSampleSizes } from "./sample-size.server";
import type { RoundSettings } from "./round-form.server";

export const DEFAULT_FRAMEWORK = "ita-2565";

export function availableFrameworks(): string[] {
  const list = listFrameworks();
  return list.length ? list : [DEFAULT_FRAMEWORK];
}

/** Minimum samples for an agency from the framework's sample_size (IIT 25, EIT by type and size). */
export function sampleDefaults(frameworkId: string, agency: Agency | undefined): { iit: number; eit: number } {
  try {
    if (agency) return defaultSampleSizes(loadFramework(frameworkId), agency);
  } catch {
    // an unreadable framework file: fall back to the 2565 numbers below
  }
  return { iit: 25, eit: 30 };
}

/** The settings a new round starts with. */
export function newRoundDefaults(agency: Agency | undefined): RoundSettings {
  const frameworks = availableFrameworks();
  const framework = frameworks.includes(DEFAULT_FRAMEWORK) ? DEFAULT_FRAMEWORK : frameworks[0];
  const samples = sampleDefaults(framework, agency);
  return {
    title: null,
    fiscal_year: fiscalYearBE(new Date()),
    framework,
    status: "draft",
    opens_on: null,
    closes_on: null,
    iit_access: "pin",
    pin: null,
    strength_line: 70,
    target_line: 85,
    min_iit: samples.iit,
    min_eit: samples.eit,
  };
}
