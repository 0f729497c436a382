// The production server: static files, security headers, compression, and React Router.
// `node server.js` serves the build in build/ (or BUILD_DIR); `--dev` runs Vite in middleware mode.
// Settings come from the app's config() (app/server/config.server.ts), parsed once: the build's entry
// exports it, and in dev mode Vite loads the same module. BUILD_DIR is the one variable read here, as it
// says where that build is (react-router.config.ts reads it when building).
// WORKERS=N (PostgreSQL only): this process migrates the database, then starts N worker processes that share
// the port (node:cluster) and serve the requests; a worker that dies is replaced.
import cluster from "node:cluster";
import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import compression from "compression";
import express from "express";
import { createRequestHandler } from "@react-router/express";

const DEV = process.argv.includes("--dev");
const BUILD_DIR = path.resolve(process.env.BUILD_DIR ?? "build");

// Several processes share one PostgreSQL database; a SQLite file serves one. Refused here, before the build is
// imported (importing it migrates and seeds the database), and again below on the parsed settings.
const refuseWorkersOnSqlite = (workers, url) => {
  if (DEV || !(Number(workers) > 1) || /^postgres(ql)?:\/\//i.test(url ?? "")) return;
  console.error("[ita] WORKERS > 1 needs PostgreSQL (DATABASE_URL=postgres://…): a SQLite file serves one process");
  process.exit(1);
};
if (cluster.isPrimary) refuseWorkersOnSqlite(process.env.WORKERS, process.env.DATABASE_URL);

let build;
let viteServer;
let settings;
let clientAddressOf;
let limits;
if (DEV) {
  const vite = await import("vite");
  viteServer = await vite.createServer({ server: { middlewareMode: true } });
  build = () => viteServer.ssrLoadModule("virtual:react-router/server-build");
  settings = (await viteServer.ssrLoadModule("/app/server/config.server.ts")).config();
  ({ clientAddressOf } = await viteServer.ssrLoadModule("/app/server/rate-limit.server.ts"));
  limits = await viteServer.ssrLoadModule("/app/server/body-limit.server.ts");
} else {
  // Importing the server build migrates and seeds the database before the first request.
  build = await import(path.join(BUILD_DIR, "server", "index.js"));
  settings = build.entry.module.config();
  clientAddressOf = build.entry.module.clientAddressOf;
  limits = build.entry.module;
}
const { PORT, HOST, TRUST_PROXY, LOG_REQUESTS, WORKERS, DATABASE_URL } = settings;
const PRIMARY = !DEV && WORKERS > 1 && cluster.isPrimary;
if (PRIMARY) refuseWorkersOnSqlite(WORKERS, DATABASE_URL);

const app = express();
app.disable("x-powered-by");
// TRUST_PROXY is a number of proxy hops (0 = none): Express then reads X-Forwarded-Proto and -Host from the
// trusted hops only. The client address that the limits count is clientAddressOf() below, for every request.
if (TRUST_PROXY) app.set("trust proxy", TRUST_PROXY);
const addressOf = (req) => clientAddressOf(req, TRUST_PROXY);

app.use((req, res, next) => {
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
  );
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  next();
});

// Hashed scripts and stylesheets are also built as brotli at quality 11 (`X.js.br`, scripts/lib/precompress.ts):
// sent as they are to a browser that accepts `br`; compression() below leaves an encoded answer alone.
const BROTLI_TYPES = { ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8" };
if (!DEV) {
  const assets = path.join(BUILD_DIR, "client", "assets");
  app.use("/assets", (req, res, next) => {
    const type = BROTLI_TYPES[path.extname(req.path)];
    if (!type || (req.method !== "GET" && req.method !== "HEAD")) return next();
    if (!/\bbr\b/.test(String(req.headers["accept-encoding"] ?? ""))) return next();
    if (!/^\/[\w.-]+$/.test(req.path)) return next(); // one file name, nothing else
    res.setHeader("Vary", "Accept-Encoding");
    const file = path.join(assets, `${req.path.slice(1)}.br`);
    res.sendFile(
      file,
      {
        immutable: true,
        maxAge: "1y",
        acceptRanges: false,
        headers: { "Content-Encoding": "br", "Content-Type": type },
      },
      (error) => {
        if (!error) return;
        if (res.headersSent) return res.destroy();
        res.removeHeader("Content-Encoding");
        res.removeHeader("Content-Type");
        next();
      },
    );
  });
}

app.use(compression());

if (DEV) {
  app.use(viteServer.middlewares);
} else {
  app.use(
    "/assets",
    express.static(path.join(BUILD_DIR, "client", "assets"), { immutable: true, maxAge: "1y", index: false }),
  );
  app.use(express.static(path.join(BUILD_DIR, "client"), { maxAge: "1h", index: false }));
}

// A signed-in person's pages, their data requests, exports and errors are never kept by a browser or a proxy
// (the round hub and access page show the PIN): every answer to a request carrying the session cookie is
// `Cache-Control: no-store`, set as the headers go out so that no route can override it. Static files above
// keep their own caching.
const SESSION_COOKIE = /(?:^|;)\s*ita_session=/;
app.use((req, res, next) => {
  if (SESSION_COOKIE.test(req.headers.cookie ?? "")) {
    const writeHead = res.writeHead;
    res.writeHead = function (...args) {
      if (!this.headersSent) this.setHeader("Cache-Control", "no-store");
      return writeHead.apply(this, args);
    };
  }
  next();
});

app.all(
  /.*/,
  createRequestHandler({
    build,
    getLoadContext: (req, res) => ({
      cspNonce: res.locals.cspNonce,
      clientAddress: addressOf(req),
    }),
  }),
);

// POST /api/responses goes straight to the lean handler exported by the build's entry: the same
// checks, validation and storage as the route's action, without Express and React Router's
// per-request work (docs/decisions/0003-submission-speed.md). Everything else goes to Express.
const submitResponse = DEV ? undefined : build.entry?.module?.handleSubmissionNode;
const API_HEADERS = {
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
};

// LOG_REQUESTS=1: one line per request once it has been answered: method, path, status and milliseconds.
// Never the query string (it may hold a sign-in's `next`, a code or a token), a body or a header; the
// token of a set-password link (/password/<token>) is written as "…".
function logRequest(req, res) {
  const started = process.hrtime.bigint();
  res.once("close", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const path = String(req.url ?? "")
      .split(/[?#]/, 1)[0]
      .replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c))
      .replace(/^\/password\/[^/]+/, "/password/…");
    const status = res.writableFinished ? res.statusCode : `${res.statusCode} (aborted)`;
    console.log(`[ita] ${req.method} ${path} ${status} ${ms.toFixed(1)}ms`);
  });
}

// Request bodies (app/server/body-limit.server.ts has the limits by route): a declared Content-Length over the
// route's limit is answered 413 here, before anything is read; a chunked body is counted by the route's reader
// as it streams in. Every 413 closes the connection, so the rest of a large body is never read.
function refuseLargeBody(req, res) {
  closeOnTooLarge(res);
  const length = req.headers["content-length"];
  if (length === undefined) return false;
  const pathname = String(req.url ?? "").split(/[?#]/, 1)[0];
  // A page's data request (a <Form> sent by the app's own script) is refused by its route's reader, also on
  // the declared length and before reading a byte, so that the answer is in React Router's own encoding and
  // the page shows the Thai words.
  if (pathname.endsWith(".data")) return false;
  const declared = Number(length);
  if (Number.isFinite(declared) && declared <= limits.bodyLimit(pathname)) return false;
  const words = limits.tooLargeWords(pathname);
  const json = limits.isJsonRoute(pathname);
  res.writeHead(413, {
    "Content-Type": json ? "application/json; charset=utf-8" : "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    Connection: "close",
  });
  res.end(json ? JSON.stringify(words) : limits.tooLargeHtml(pathname));
  return true;
}

// Every 413 closes the connection, but not at once: closing a socket while the client is still sending resets
// it, and the client may lose the answer. So the answer is followed by a half-close (FIN), what still arrives
// is discarded for at most 2 seconds, and then the socket is destroyed (a "lingering close", as nginx does).
const LINGER_MS = 2000;
function closeOnTooLarge(res) {
  const writeHead = res.writeHead;
  res.writeHead = function (status, ...rest) {
    if (status === 413 && !this.headersSent) {
      this.setHeader("Connection", "close");
      const socket = this.socket;
      if (socket)
        socket.destroySoon = function () {
          this.end();
          setTimeout(() => this.destroy(), LINGER_MS).unref();
        };
    }
    return writeHead.call(this, status, ...rest);
  };
}

function handle(req, res) {
  if (LOG_REQUESTS) logRequest(req, res);
  if (refuseLargeBody(req, res)) return;
  if (!submitResponse || req.method !== "POST" || req.url !== "/api/responses") return app(req, res);
  for (const [name, value] of Object.entries(API_HEADERS)) res.setHeader(name, value);
  submitResponse(req, res, addressOf(req)).catch((error) => {
    console.error(`[ita] POST /api/responses: ${error instanceof Error ? error.message : String(error)}`);
    if (res.headersSent) return res.destroy();
    res.writeHead(500, { "Content-Type": "application/json; charset=utf-8" });
    res.end(JSON.stringify({ error: "Could not store the response", errorTh: "บันทึกคำตอบไม่สำเร็จ กรุณาลองใหม่" }));
  });
}

if (PRIMARY) startWorkers(WORKERS);
else {
  const server = http.createServer(handle).listen(PORT, HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : PORT;
    // A worker says nothing: its primary says once that all are listening.
    if (cluster.isPrimary) console.log(`[ita] listening on http://localhost:${port}`);
  });

  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      server.close(() => process.exit(0));
      setTimeout(() => process.exit(0), 3000).unref();
    });
  }
}

// The primary of WORKERS=N: forks the workers (node:cluster hands each new connection to one of them in turn),
// says when all listen, replaces a worker that dies after it started, and passes SIGINT/SIGTERM on to them.
function startWorkers(count) {
  let listening = 0;
  let stopping = false;
  const started = new Set();
  cluster.on("listening", (worker, address) => {
    started.add(worker.id);
    if (++listening === count) console.log(`[ita] listening on http://localhost:${address.port} (${count} processes)`);
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`[ita] worker ${worker.process.pid} ended (${signal ?? code})`);
    // A worker that could not even start would fail again: stop rather than start it over and over.
    if (!started.has(worker.id)) process.exit(1);
    cluster.fork();
  });
  for (let i = 0; i < count; i++) cluster.fork();
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
      setTimeout(() => process.exit(0), 4000).unref();
    });
  }
}
