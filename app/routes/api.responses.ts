import { handleSubmission } from "../services/submissions/submit.server";
import type { Route } from "./+types/api.responses";

// POST /api/responses: the public submission API (no session, no Origin check: it carries no
// cookie authority; its guards are validation, idempotency and the per-address rate limit).
export async function action({ request, context }: Route.ActionArgs) {
  if (request.method !== "POST")
    return Response.json(
      { error: "Use POST", errorTh: "ใช้วิธี POST เท่านั้น" },
      { status: 405, headers: { Allow: "POST" } },
    );
  return handleSubmission(request, { clientAddress: context.clientAddress ?? "" });
}

export async function loader() {
  return Response.json({ error: "Use POST", errorTh: "ใช้วิธี POST เท่านั้น" }, { status: 405, headers: { Allow: "POST" } });
}
