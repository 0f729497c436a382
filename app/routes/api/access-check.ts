import { getDb } from "../../server/db.server";
import { checkAccess } from "../../services/submissions/access-check.server";
import { readLimited, replyResponse } from "../../services/submissions/submit.server";
import type { Route } from "./+types/access-check";

const USE_POST = { error: "Use POST", errorTh: "ใช้วิธี POST เท่านั้น" };
const USE_POST_HEADERS = { Allow: "POST", "Cache-Control": "no-store" };

// POST /api/access-check: is this IIT PIN or one-time code accepted? (No session, no Origin check:
// it carries no cookie authority and changes nothing; its guards are validation and the rate limit.)
export async function action({ request, context }: Route.ActionArgs) {
  if (request.method !== "POST") return Response.json(USE_POST, { status: 405, headers: USE_POST_HEADERS });
  const reply = await checkAccess(await getDb(), {
    contentType: request.headers.get("content-type") ?? "",
    readBody: () => readLimited(request),
    clientAddress: context.clientAddress ?? "",
  });
  return replyResponse(reply);
}

export async function loader() {
  return Response.json(USE_POST, { status: 405, headers: USE_POST_HEADERS });
}
