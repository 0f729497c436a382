import { type RouteConfig, index, route } from "@react-router/dev/routes";

export default [
  // Public pages
  index("routes/home.tsx"),
  route("lang", "routes/lang.ts"),
  route("healthz", "routes/healthz.ts"),
  route("oit/:slug", "routes/oit-public.tsx"),

  // Respondent pages (EIT by QR code, IIT for staff)
  route("s/:roundSlug", "routes/respondent/eit.tsx"),
  route("s/:roundSlug/iit", "routes/respondent/iit.tsx"),

  // Public API
  route("api/responses", "routes/api.responses.ts"),
  // IIT: is this PIN or one-time code accepted? Checked before answering; changes nothing.
  route("api/access-check", "routes/api/access-check.ts"),
  // Results as data (issue 8): signed-in users of the round's agency
  route("api/rounds/:roundId/results", "routes/api/round-results.ts"),

  // Administration (signed-in users of an agency)
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.ts"),
  route("password/:token", "routes/set-password.tsx"),
  // Every page under /admin shares the admin layout (guard, navigation, Thai 403/404 page).
  route("admin", "routes/admin/layout.tsx", [
    index("routes/admin/index.tsx"),
    // Administration I (issue 6): rounds, users, agencies, audit log
    route("rounds", "routes/admin/rounds.tsx"),
    route("rounds/new", "routes/admin/round-new.tsx"),
    route("rounds/:roundId", "routes/admin/round.tsx"),
    route("rounds/:roundId/settings", "routes/admin/round-settings.tsx"),
    route("rounds/:roundId/delete", "routes/admin/round-delete.tsx"),
    route("users", "routes/admin/users.tsx"),
    route("agencies", "routes/admin/agencies.tsx"),
    route("agencies/:agencyId", "routes/admin/agency.tsx"),
    // Frameworks an agency can update (issue 17): import, preview, publish, copy, export (super-administrators)
    route("frameworks", "routes/admin/frameworks.tsx"),
    route("frameworks/:frameworkId", "routes/admin/framework.tsx"),
    route("frameworks/:frameworkId/export", "routes/admin/framework-export.ts"),
    route("audit", "routes/admin/audit.tsx"),
    // The signed-in user's own account: role, agency, change own password (issue 16)
    route("profile", "routes/admin/profile.tsx"),
    // A super-administrator's acting agency for the agency-scoped pages (start / stop working in one agency)
    route("acting-agency", "routes/admin/acting-agency.ts"),
    // Administration II (issue 7): OIT checklist, channels and posters, IIT access, paper entry, progress
    route("rounds/:roundId/oit", "routes/admin/round-oit.tsx"),
    route("rounds/:roundId/oit.xlsx", "routes/admin/round-oit-xlsx.ts"),
    route("rounds/:roundId/channels", "routes/admin/round-channels.tsx"),
    route("rounds/:roundId/access", "routes/admin/round-access.tsx"),
    route("rounds/:roundId/entry", "routes/admin/round-entry.tsx"),
    route("rounds/:roundId/entry/submit", "routes/admin/round-entry-submit.ts"),
    // Keyed-in EIT sheets (issue 16): found, corrected and voided
    route("rounds/:roundId/entries", "routes/admin/round-entries.tsx"),
    route("rounds/:roundId/entries/:entryId", "routes/admin/round-entries-edit.tsx"),
    route("rounds/:roundId/entries/:entryId/correct", "routes/admin/round-entries-correct.ts"),
    route("rounds/:roundId/entries/:entryId/void", "routes/admin/round-entries-void.tsx"),
    route("rounds/:roundId/progress", "routes/admin/round-progress.tsx"),
    // Results (issue 8): results, drill-down, exports, official results and comparison
    route("rounds/:roundId/results", "routes/admin/results.tsx"),
    route("rounds/:roundId/results/:indicator", "routes/admin/results-indicator.tsx"),
    route("rounds/:roundId/responses/:format", "routes/admin/responses-export.ts"),
    route("official", "routes/admin/official.tsx"),
    route("official/:year", "routes/admin/official-edit.tsx"),
    // Measures report (issue 9): draft, edit, follow-up, Word file
    route("reports", "routes/admin/reports.tsx"),
    route("reports/:reportId", "routes/admin/report.tsx"),
    route("reports/:reportId/docx", "routes/admin/report-docx.ts"),
    route("rounds/:roundId/report", "routes/admin/round-report.ts"),
    // Agency groups and their supervisors (issue 18): super-administrators only
    route("groups", "routes/admin/groups.tsx"),
    route("groups/:groupId", "routes/admin/group.tsx"),
  ]),
  // A supervisor's view over a group of agencies (issue 18, decision 0011): never an agency's admin pages
  route("supervise", "routes/supervise/layout.tsx", [
    index("routes/supervise/index.tsx"),
    route("groups/:groupId", "routes/supervise/group.tsx"),
  ]),
  route("supervise/groups/:groupId/league/:format", "routes/supervise/league-export.ts"),
  // Printable pages of Administration II (A4, outside the admin layout; each loader has its guard)
  route("admin/rounds/:roundId/channels/:key/poster", "routes/admin/round-poster.tsx"),
  route("admin/rounds/:roundId/blank/:instrument", "routes/admin/round-blank.tsx"),
  // Printable measures report and progress report (issue 9)
  route("admin/reports/:reportId/print", "routes/admin/report-print.tsx", { id: "report-print" }),
  route("admin/reports/:reportId/progress", "routes/admin/report-print.tsx", { id: "report-progress" }),

  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
