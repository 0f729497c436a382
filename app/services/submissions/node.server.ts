import type { IncomingMessage, ServerResponse } from "node:http";
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

function readLimited(req: IncomingMessage): Promise<string | null> {
  if (Number(req.headers["content-length"] ?? "0") > MAX_BODY_BYTES) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Stop listening; Node discards the rest, and the 413 carries Connection: close.
        req.off("data", onData);
        req.off("end", onEnd);
        resolve(null);
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      try {
        resolve(decodeUtf8(Buffer.concat(chunks)));
      } catch (error) {
        reject(error);
      }
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", reject);
  });
}
