import type { IncomingMessage, ServerResponse } from "node:http";
import { readLimitedNode } from "../../server/body-limit.server";
import { getDb } from "../../server/db.server";
import { decodeUtf8, MAX_BODY_BYTES, submit } from "./submit.server";

/**
 * POST /api/responses straight on Node's request and response, mounted by server.js before React
 * Router (docs/decisions/0003-submission-speed.md): the same checks, validation and storage
 * as the route's action, without building a web Request and running the router for each answer.
 */
export async function handleSubmissionNode(
  req: IncomingMessage,
  res: ServerResponse,
  clientAddress: string,
): Promise<void> {
  const reply = await submit(await getDb(), {
    contentType: req.headers["content-type"] ?? "",
    readBody: () => readLimited(req),
    clientAddress,
    exempt: false,
  });
  res.writeHead(reply.status, reply.headers);
  res.end(JSON.stringify(reply.body));
}

async function readLimited(req: IncomingMessage): Promise<string | null> {
  const bytes = await readLimitedNode(req, MAX_BODY_BYTES);
  return bytes && decodeUtf8(bytes);
}
