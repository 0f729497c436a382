import { type RouteConfig, index, route } from "@react-router/dev/routes";

export default [
  // Public pages
  index("routes/home.tsx"),
  route("lang", "routes/lang.ts"),
  route("healthz", "routes/healthz.ts"),

  // Respondent pages (EIT by QR code, IIT for staff)

  // Public API

  // Administration (signed-in users of an agency)

  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
