import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@react-router/node";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import type { AppLoadContext, EntryContext } from "react-router";
import { isRouteErrorResponse, ServerRouter } from "react-router";
import { getDb } from "./server/db.server";
import { NonceProvider } from "./components/nonce";

// Migrate and seed before the server accepts its first request.
await getDb();

export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? "";
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get("user-agent");
    const readyOption = (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? "onAllReady" : "onShellReady";
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [readyOption]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error("[ita] render error", error instanceof Error ? error.message : error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // Refusals (a thrown Response, a 4xx route error such as a wrong method) are answers, not faults:
  // logging them would let anyone fill the log.
  if (error instanceof Response || (isRouteErrorResponse(error) && error.status < 500)) return;
  // Log the message only: stack traces and request bodies stay out of logs a respondent can trigger.
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[ita] ${request.method} ${new URL(request.url).pathname}: ${message}`);
}

// The lean POST /api/responses handler that server.js mounts before React Router (docs/decisions/0003-submission-speed.md).
export { handleSubmissionNode } from "./services/submissions/node.server";

// The settings, parsed once: server.js reads its port, host and proxy setting from here.
export { config } from "./server/config.server";

// The client address every per-address limit counts (TRUST_PROXY hops from the right of X-Forwarded-For):
// server.js gives it to React Router's load context and to the lean submission handler alike.
export { clientAddressOf } from "./server/rate-limit.server";

// The body limits by route: server.js refuses a declared Content-Length over them before the router runs.
export { bodyLimit, isJsonRoute, tooLargeHtml, tooLargeWords } from "./server/body-limit.server";
