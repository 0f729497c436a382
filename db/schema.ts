import type { ColumnType, Generated } from "kysely";

// One interface per table, snake_case columns. Dates and times are ISO-8601 text on both
// SQLite and PostgreSQL so that the same code runs on both; booleans are 0/1 integers.

export interface AgencyTable {
  id: string;
  name_th: string;
  name_en: string | null;
  type: string;
  size: string | null;
  staff_count: number | null;
  external_count: number | null;
  created_at: string;
}

export interface RoundTable {
  id: string;
  agency_id: string;
  slug: string;
  title: string | null;
  fiscal_year: number;
  framework: string;
  status: "draft" | "open" | "closed";
  opens_on: string | null;
  closes_on: string | null;
  iit_access: "pin" | "codes";
  pin: string | null;
  strength_line: number;
  target_line: number;
  min_iit: number;
  min_eit: number;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  email: string;
  name: string | null;
  password_hash: string | null;
  /** "supervisor" (migration 0013): no agency; reads the group named in group_supervisors and those below it. */
  role: "super" | "admin" | "clerk" | "viewer" | "supervisor";
  agency_id: string | null;
  failed_logins: ColumnType<number, number | undefined, number>;
  locked_until: string | null;
  disabled: ColumnType<number, number | undefined, number>;
  created_at: string;
}

export interface SessionTable {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  /** The agency a super-administrator chose to work in on this session (migration 0008); null otherwise. */
  acting_agency_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  agency_id: string | null;
  user_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: string | null;
  created_at: string;
}

/** A one-time link to set or reset a password; `id` is the sha256 of the token in the link. */
export interface PasswordTokenTable {
  id: string;
  user_id: string;
  purpose: "set" | "reset";
  created_by: string | null;
  created_at: string;
  expires_at: string;
}

// Responses (migration 0002). IIT tables hold no time, channel, address or code: see docs/anonymity.md.
export interface EitChannelTable {
  id: string;
  round_id: string;
  key: string;
  name: string;
  kiosk: ColumnType<number, number | undefined, number>;
  created_at: string;
}

export interface IitCodeTable {
  round_id: string;
  code_hash: string;
}

export interface IitCodeUseTable {
  round_id: string;
  /** JSON array of the used codes' hashes, kept sorted: no order of use. */
  used_hashes: string;
  used_count: number;
}

/** A closed round whose IIT storage was sealed (docs/anonymity.md): the codes survive only as counts. */
export interface IitSealTable {
  round_id: string;
  sealed_at: string;
  codes_issued: number;
  codes_used: number;
  /** 1 once the files were compacted (SQLite VACUUM + WAL truncated, PostgreSQL VACUUM FULL); 0: seal again. */
  storage_cleaned: number;
}

export interface IitResponseTable {
  id: string;
  round_id: string;
  framework: string;
  submission_id: string;
  answers: string;
}

export interface EitResponseTable {
  id: string;
  round_id: string;
  framework: string;
  submission_id: string;
  channel: string | null;
  respondent_type: string;
  /** YYYY-MM-DD in the server's TZ. */
  day: string;
  answers: string;
}

/** An EIT sheet keyed in by staff (migration 20261205_0011): its paper serial, who keyed it and when. */
export interface KeyedEntryTable {
  response_id: string;
  round_id: string;
  /** Unique within the round. */
  serial: string;
  entered_by: string | null;
  entered_at: string;
}

export interface TallyTable {
  round_id: string;
  instrument: "iit" | "eit";
  /** '' for IIT and for EIT answers without a channel. */
  channel: string;
  item: string;
  /** 0 for a question without sub-items. */
  sub: number;
  level: number;
  count: number;
}

export interface ResponseCountTable {
  round_id: string;
  instrument: "iit" | "eit";
  channel: string;
  count: number;
}

/** The decision on a round's IIT figures, taken once at its first close (migration 20261205_0010). */
export interface IitReleaseTable {
  round_id: string;
  /** When the round was first closed. */
  released_at: string;
  /** IIT responses counted at that close. */
  count: number;
  /** 1: released (tallies in iit_release_tallies); 0: withheld for good (fewer than IIT_MIN_GROUP). */
  released: number;
}

/** The IIT tallies as released: the only IIT figures results, exports and reports read. */
export interface IitReleaseTallyTable {
  round_id: string;
  item: string;
  sub: number;
  level: number;
  count: number;
}

/** IIT responses per access kind: a counter per round and kind, nothing per response. */
export interface IitAccessCountTable {
  round_id: string;
  kind: "code" | "pin" | "staff";
  count: number;
}

// OIT evidence checklist (migration 0005).
export interface OitAnswerTable {
  round_id: string;
  /** The framework's OIT item id, e.g. "o17". */
  item: string;
  /** 1 = มี, 0 = ไม่มี, null = not answered yet. */
  has: number | null;
  /** JSON array of evidence URLs. */
  urls: string;
  note: string | null;
  responsible: string | null;
  updated_by: string | null;
  updated_at: string;
  /** JSON object URL → {ok, status?, error?} from the last link check. */
  link_status: string | null;
  checked_at: string | null;
  /** 1 while an answer copied from the previous round waits to be re-checked by an officer (ตรวจสอบอีกครั้ง). */
  recheck: Generated<number>;
  /** The round the answer was copied from; null when an officer entered it. */
  copied_from: string | null;
}

export interface OitPublicationTable {
  round_id: string;
  public: number;
  updated_at: string;
}

/** Official ITA results of an agency's fiscal year as published; `scores` is JSON {"1": 97.61, …}. */
export interface OfficialResultTable {
  id: string;
  agency_id: string;
  fiscal_year: number;
  framework: string;
  scores: string;
  published_total: number | null;
  published_grade: string | null;
  note: string | null;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
}

/** The measures report of fiscal year `measures_year`, drafted from official results or a round (migration 0007). */
export interface ReportTable {
  id: string;
  agency_id: string;
  measures_year: number;
  basis_kind: "official" | "round";
  basis_id: string;
  title: string;
  /** JSON object section id → the officer's text; a section without a key is drafted from the current figures. */
  sections: string;
  /** JSON: print options and signatures ({thaiDigits, reporterName, reporterPosition, approverName, approverPosition}). */
  options: string;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
}

/** One row of a report's measures table, with its follow-up. */
export interface MeasureTable {
  id: string;
  report_id: string;
  position: number;
  indicator: number | null;
  measure: string;
  steps: string;
  responsible: string;
  monitoring: string;
  /** YYYY-MM-DD. */
  due_date: string | null;
  status: "planned" | "in_progress" | "done";
  progress_note: string | null;
  updated_by: string | null;
  updated_at: string;
}

/** PostgreSQL only (UNLOGGED): per-address limit counts shared by the app's processes (db/repositories/rate-limits.ts). */
export interface RateLimitTable {
  /** The limiter's name and a keyed hash of the address, never the address. */
  key: string;
  points: number;
  /** When the window ends, ms since 1970 (bigint: read back as a string by pg). */
  expire: ColumnType<string, number, number>;
}

// Agency groups and supervisors (migration 20261205_0013, decision 0011).
/** A province, district, ministry, department…; groups nest by parent_id (country → province → district). */
export interface AgencyGroupTable {
  id: string;
  parent_id: string | null;
  name_th: string;
  name_en: string | null;
  /** "country" | "province" | "district" | "ministry" | "department" | "other" (app/lib/groups.ts). */
  kind: string;
  created_at: string;
}

/** An agency's membership of a group; an agency may belong to several groups (e.g. a district and a department). */
export interface AgencyGroupMemberTable {
  group_id: string;
  agency_id: string;
}

/** The one group a supervisor reads (with every group below it). */
export interface GroupSupervisorTable {
  user_id: string;
  group_id: string;
}

/**
 * A round's indicator scores as the league table keeps them (migration 20261205_0016, decision 0014): valid while
 * `scored_version` equals `version`, which triggers bump whenever the response counts, the IIT release or the
 * OIT checklist of the round change.
 */
export interface RoundScoreTable {
  round_id: string;
  version: ColumnType<number, number | undefined, number>;
  scored_version: number | null;
  /** JSON of migration 0016; no longer written (migration 0017 moved what it held into the columns below). */
  scores: string | null;
  // What a league row shows, computed at `scored_version` (migration 20261205_0017, decision 0018); null while
  // never scored. Flags are 0/1.
  framework: string | null;
  /** The round's lines the figures were computed with (the row is scored again under other lines). */
  strength_line: number | null;
  target_line: number | null;
  iit_count: number | null;
  eit_count: number | null;
  iit_state: "pending" | "released" | "withheld" | null;
  oit_answered: number | null;
  /** JSON: indicator number → 2-decimal score (IIT ones only from the release). */
  indicators: string | null;
  total: number | null;
  rating_label: string | null;
  rating_label_en: string | null;
  rating_passes: number | null;
  meets_target: number | null;
  weakest_indicator: number | null;
  weakest_score: number | null;
}

/**
 * A framework imported by a super-administrator (migration 0012): `id` is `<base_id>` for version 1 and
 * `<base_id>.<version>` after; `json` the validated framework file. A published row is never changed.
 */
export interface FrameworkTable {
  id: string;
  base_id: string;
  version: number;
  year: number;
  title_th: string;
  status: "draft" | "published";
  json: string;
  /** The framework this one was copied from ("copy this framework"), if any. */
  copied_from: string | null;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
  published_by: string | null;
  published_at: string | null;
}

export interface Database {
  agencies: AgencyTable;
  rounds: RoundTable;
  users: UserTable;
  sessions: SessionTable;
  settings: SettingTable;
  audit_log: AuditLogTable;
  password_tokens: PasswordTokenTable;
  eit_channels: EitChannelTable;
  iit_codes: IitCodeTable;
  iit_code_use: IitCodeUseTable;
  iit_responses: IitResponseTable;
  iit_seals: IitSealTable;
  eit_responses: EitResponseTable;
  keyed_entries: KeyedEntryTable;
  tallies: TallyTable;
  response_counts: ResponseCountTable;
  iit_releases: IitReleaseTable;
  iit_release_tallies: IitReleaseTallyTable;
  iit_access_counts: IitAccessCountTable;
  oit_answers: OitAnswerTable;
  oit_publication: OitPublicationTable;
  official_results: OfficialResultTable;
  reports: ReportTable;
  measures: MeasureTable;
  rate_limits: RateLimitTable;
  agency_groups: AgencyGroupTable;
  agency_group_members: AgencyGroupMemberTable;
  group_supervisors: GroupSupervisorTable;
  round_scores: RoundScoreTable;
  frameworks: FrameworkTable;
}
