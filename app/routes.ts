import { type RouteConfig, index, route } from "@react-router/dev/routes";

export default [
  // Public pages
  index("routes/home.tsx"),
  route("lang", "routes/lang.ts"),
  route("healthz", "routes/healthz.ts"),
  route("oit/:slug", "routes/oit-public.tsx"),

  // Respondent pages (EIT by QR code, IIT for staff)

  // Public API

  // Administration (signed-in users of an agency)
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.ts"),
  route("password/:token", "routes/set-password.tsx"),
  // Every page under /admin shares the admin layout (guard, navigation, Thai 403/404 page).
  route("admin", "routes/admin/layout.tsx", [
    index("routes/admin/index.tsx"),
    // Administration II (issue 7): OIT checklist, channels and posters, IIT access, paper entry, progress
    route("rounds/:roundId/oit", "routes/admin/round-oit.tsx"),
    route("rounds/:roundId/oit.xlsx", "routes/admin/round-oit-xlsx.ts"),
  ]),

  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
