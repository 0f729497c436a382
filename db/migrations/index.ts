import type { Migration } from "kysely";
import * as core from "./20261125_0001_core";
import * as responses from "./20261125_0002_responses";
import * as admin from "./20261125_0003_admin";
import * as oit from "./20261125_0005_oit";
import * as results from "./20261125_0006_results";
import * as reports from "./20261125_0007_reports";
import * as actingAgency from "./20261125_0008_acting_agency";
import * as iitSeal from "./20261205_0009_iit_seal";
import * as iitRelease from "./20261205_0010_iit_release";
import * as keyedEntries from "./20261205_0011_keyed_entries";
import * as frameworks from "./20261205_0012_frameworks";
import * as agencyGroups from "./20261205_0013_agency_groups";
import * as rateLimits from "./20261205_0014_rate_limits";
import * as oitRecheck from "./20261205_0015_oit_recheck";
import * as roundScores from "./20261205_0016_round_scores";
import * as roundScoreColumns from "./20261205_0017_round_score_columns";

// Every migration, by its timestamped name. A merged migration is frozen: add a new one.
// Listed here (not read from disk) so that it survives bundling.
export const migrations: Record<string, Migration> = {
  "20261125_0001_core": core,
  "20261125_0002_responses": responses,
  "20261125_0003_admin": admin,
  "20261125_0005_oit": oit,
  "20261125_0006_results": results,
  "20261125_0007_reports": reports,
  "20261125_0008_acting_agency": actingAgency,
  "20261205_0009_iit_seal": iitSeal,
  "20261205_0010_iit_release": iitRelease,
  "20261205_0011_keyed_entries": keyedEntries,
  "20261205_0012_frameworks": frameworks,
  "20261205_0013_agency_groups": agencyGroups,
  "20261205_0014_rate_limits": rateLimits,
  "20261205_0015_oit_recheck": oitRecheck,
  "20261205_0016_round_scores": roundScores,
  "20261205_0017_round_score_columns": roundScoreColumns,
};
