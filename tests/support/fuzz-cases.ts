import fc from "fast-check";
import { FRAMEWORK, type LoadRound } from "./load";
import { randomAnswers, seededRandom } from "./answers";

// Malformed requests for the fuzz test, drawn from a seeded fast-check run so that a failure replays.

export type FuzzCase = {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** "4xx": must be refused with a 4xx. "handled": anything but a 5xx (e.g. /lang redirects any input home). */
  expect: "4xx" | "handled";
  /** The JSON API: the refusal carries {error, errorTh} or {errors:[{field, message, messageTh}]}. */
  api?: boolean;
};

export const PAYLOADS = [
  "' OR '1'='1",
  "'; DROP TABLE eit_responses; --",
  "1; DELETE FROM tallies",
  '" UNION SELECT password_hash FROM users --',
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "javascript:alert(1)",
  "{{7*7}}${7*7}",
  "../../../../etc/passwd",
  "%00%0d%0aSet-Cookie: x=1",
  "\u0000\u0001\u0002",
  "\uD800",
  "ก".repeat(3000),
  "=cmd|' /C calc'!A0",
  "__proto__",
  "constructor",
];

const payload = fc.constantFrom(...PAYLOADS);
const anyString = fc.oneof(fc.string(), fc.string({ unit: "binary", maxLength: 40 }), payload);
const junk = fc.oneof(fc.jsonValue({ maxDepth: 3 }), anyString, fc.constant(null), fc.integer(), fc.double());

/** Percent-encodes every byte (lone surrogates become U+FFFD, as a browser would send them). */
const enc = (text: string) => [...Buffer.from(text, "utf8")].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");

function nested(depth: number, open: string, close: string, inner = "1"): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

/** An otherwise valid body with one guaranteed fault, so that nothing in it could ever be stored. */
function faultyBody(valid: () => Record<string, unknown>) {
  const item = fc.constantFrom(...FRAMEWORK.items.EIT.map((i) => i.id));
  return fc.oneof(
    fc.tuple(anyString).map(([v]) => ({ ...valid(), round: v })),
    fc.tuple(junk).map(([v]) => ({ ...valid(), round: v, comment: "x" })),
    fc.tuple(junk.filter((v) => v !== "iit" && v !== "eit")).map(([v]) => ({ ...valid(), instrument: v })),
    fc.tuple(anyString).map(([v]) => ({ ...valid(), submissionId: v })),
    fc.tuple(anyString, payload).map(([k, v]) => ({ ...valid(), [`x${k}`]: v })),
    fc.tuple(anyString.filter((v) => v !== "counter" && v.length > 0)).map(([v]) => ({ ...valid(), channel: v })),
    fc
      .tuple(
        item,
        junk.filter((v) => !(Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 3)),
      )
      .map(([id, v]) => {
        const body = valid();
        (body.answers as Record<string, unknown>)[id] = v;
        return body;
      }),
    fc.tuple(item).map(([id]) => {
      const body = valid();
      delete (body.answers as Record<string, unknown>)[id];
      return body;
    }),
    fc.tuple(anyString).map(([v]) => {
      const body = valid();
      (body.answers as Record<string, unknown>).respondent_type = `${v}\u0001`;
      return body;
    }),
    // (NaN and Infinity would be sent as null, which is a valid "no comment")
    fc
      .tuple(junk.filter((v) => typeof v !== "string" && v !== null && !(typeof v === "number" && !Number.isFinite(v))))
      .map(([v]) => {
        const body = valid();
        (body.answers as Record<string, unknown>).comment = v;
        return body;
      }),
    fc.constant(null).map(() => {
      const body = valid();
      (body.answers as Record<string, unknown>).comment = "ก".repeat(2001);
      return body;
    }),
    fc.tuple(junk).map(([v]) => ({ ...valid(), instrument: "iit", pin: v, channel: undefined })),
    fc.tuple(junk).map(([v]) => ({ ...valid(), answers: v })),
    fc.constant(null).map(() => {
      const { submissionId: _drop, ...rest } = valid();
      return rest;
    }),
  );
}

const JSON_TYPE = { "content-type": "application/json" };

export function fuzzCases(round: LoadRound, count: number, seed: number): FuzzCase[] {
  const random = seededRandom(seed);
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
  };
  const valid = (): Record<string, unknown> => ({
    round: round.slug,
    instrument: "eit",
    answers: randomAnswers(FRAMEWORK, "EIT", random) as Record<string, unknown>,
    submissionId: uuid(),
    channel: round.channel,
  });
  const validText = () => JSON.stringify(valid());
  const api = (
    kind: string,
    body: string | Buffer,
    headers: Record<string, string> = JSON_TYPE,
    path = "/api/responses",
  ): FuzzCase => ({
    kind,
    method: "POST",
    path,
    headers,
    body,
    expect: "4xx",
    api: true,
  });

  const arbitrary: fc.Arbitrary<FuzzCase> = fc.oneof(
    // /api/responses: random JSON of any shape, and valid bodies with one fault
    { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 5 }).map((v) => api("random-json", JSON.stringify(v) ?? "null")) },
    { weight: 8, arbitrary: faultyBody(valid).map((b) => api("faulty-field", JSON.stringify(b))) },
    // broken bytes: truncated JSON, invalid UTF-8, NUL bytes, empty
    {
      weight: 2,
      arbitrary: fc.integer({ min: 1, max: 2000 }).map((cut) => {
        const text = validText();
        return api("truncated", text.slice(0, Math.min(cut, text.length - 1)));
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(
          Buffer.from([0xff, 0xfe]),
          Buffer.from([0xc3, 0x28]),
          Buffer.from([0xe0, 0x80, 0x80]),
          Buffer.from([0xed, 0xa0, 0x80]),
        )
        .map((bad) => {
          const text = validText().replace(/"respondent_type"/, '"comment":"@@","respondent_type"');
          const [a, b] = text.split("@@");
          return api("invalid-utf8", Buffer.concat([Buffer.from(a!), bad, Buffer.from(b!)]));
        }),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => api("random-bytes", Buffer.from(bytes))) },
    { weight: 1, arbitrary: fc.constant(api("empty", "")) },
    // huge and deeply nested
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 65 * 1024, max: 300 * 1024 })
        .map((n) => api("huge", `{"round":"${"a".repeat(n)}"}`)),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.integer({ min: 500, max: 30_000 }), fc.boolean())
        .map(([depth, arrays]) =>
          api("deep", arrays ? nested(depth, "[", "]") : `{"round":${nested(Math.min(depth, 10_000), '{"a":', "}")}}`),
        ),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 100, max: 6000 }).map((depth) => {
        const body = JSON.parse(validText());
        return api(
          "deep-answers",
          JSON.stringify(body).replace('"answers":{', `"answers":{"zz":${nested(depth, "[", "]")},`),
        );
      }),
    },
    // right body, wrong content type; wrong method
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "application/xml",
          "",
          "application/jsonx",
          "json",
        )
        .map((type) => api("content-type", validText(), type ? { "content-type": type } : {})),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom("GET", "PUT", "DELETE", "PATCH").map((method) => ({
        ...api("method", method === "GET" ? "" : validText()),
        method,
        body: method === "GET" ? undefined : validText(),
      })),
    },
    // /api/access-check: random JSON, and the round's PIN check given junk (never the round's PIN, "246810")
    {
      weight: 1,
      arbitrary: fc
        .jsonValue({ maxDepth: 4 })
        .map((v) => api("access-check", JSON.stringify(v) ?? "null", JSON_TYPE, "/api/access-check")),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.oneof(fc.constant(round.slug), anyString),
          junk.filter((v) => v !== round.pin),
          fc.constantFrom("pin", "accessCode", "other"),
        )
        .map(([slug, value, field]) =>
          api("access-check", JSON.stringify({ round: slug, [field]: value }), JSON_TYPE, "/api/access-check"),
        ),
    },
    // respondent pages with odd slugs and parameters
    {
      weight: 2,
      arbitrary: fc.tuple(anyString, fc.boolean()).map(([slug, iit]) => ({
        kind: "page-slug",
        method: "GET",
        path: `/s/${enc(slug || "x")}${iit ? "/iit" : ""}`,
        headers: {},
        expect: "4xx" as const,
      })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(anyString, anyString).map(([c, extra]) => ({
        kind: "page-params",
        method: "GET",
        path: `/s/${round.slug}?c=${enc(c)}&${enc(extra)}=${enc(c)}`,
        headers: {},
        expect: "handled" as const,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom("POST", "PUT", "DELETE").map((method) => ({
        kind: "page-method",
        method,
        path: `/s/${round.slug}`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "answers=1",
        expect: "4xx" as const,
      })),
    },
    // sign-in with odd forms, with and without a same-origin header
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          anyString,
          anyString,
          fc.boolean(),
          fc.constantFrom(
            "application/x-www-form-urlencoded",
            "application/json",
            "text/plain",
            "multipart/form-data; boundary=zz",
          ),
        )
        .map(([email, password, sameOrigin, type]) => ({
          kind: "login",
          method: "POST",
          path: "/login",
          headers: { "content-type": type, ...(sameOrigin ? { origin: "SELF" } : {}) },
          body: type.startsWith("application/json")
            ? JSON.stringify({ email, password })
            : new URLSearchParams({ email, password }).toString(),
          expect: "4xx" as const,
        })),
    },
    // the language switch accepts anything and always lands on a local page
    {
      weight: 1,
      arbitrary: fc.tuple(anyString, anyString).map(([to, back]) => ({
        kind: "lang",
        method: "POST",
        path: "/lang",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ to, back }).toString(),
        expect: "handled" as const,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom("POST", "PUT", "DELETE", "PATCH").map((method) => ({
        kind: "healthz-method",
        method,
        path: "/healthz",
        headers: JSON_TYPE,
        body: "{}",
        expect: "4xx" as const,
      })),
    },
    // unknown paths, odd encodings
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          anyString.map((s) => `/${enc(s) || "x"}`),
          fc.constantFrom(
            "/%",
            "/%E0%A4%A",
            "/%ff%fe",
            "/..%2f..%2fetc%2fpasswd",
            "/api/%00",
            "/" + "a/".repeat(2000),
            "/api/responses/extra",
            "/api/nothing",
            "/assets/../server.js",
            "/.env",
            "/build/server/index.js",
          ),
        )
        .map((path) => ({ kind: "unknown-path", method: "GET", path, headers: {}, expect: "4xx" as const })),
    },
  );
  return fc.sample(arbitrary, { seed, numRuns: count });
}
