import { getDb } from "../server/db.server";
import { handleSubmission } from "../services/submissions/submit.server";
import type { Route } from "./+types/api.responses";

// POST /api/responses: the public submission API (no session, no Origin check: it carries no
// cookie authority; its guards are validation, idempotency and the per-address rate limit).
// In production server.js sends it to the lean Node handler (services/submissions/node.server.ts) first.
export async function action({ request, context }: Route.ActionArgs) {
  if (request.method !== "POST")
    return Response.json(
      { error: "Use POST", errorTh: "ใช้วิธี POST เท่านั้น" },
      { status: 405, headers: { Allow: "POST" } },
    );
  return handleSubmission(await getDb(), request, context.clientAddress ?? "");
}

export async function loader() {
  return Response.json({ error: "Use POST", errorTh: "ใช้วิธี POST เท่านั้น" }, { status: 405, headers: { Allow: "POST" } });
}
