import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BODY_LIMITS, bodyLimit, isJsonRoute, readLimitedBytes } from "./body-limit.server";

/** The bytes of a form as a browser sends it (application/x-www-form-urlencoded). */
const encodedSize = (fields: Record<string, string>) => Buffer.byteLength(new URLSearchParams(fields).toString());
const thai = (n: number) => "ก".repeat(n);

describe("body limits by route", () => {
  it("gives ordinary forms 64 KB, the API and the clerk's entry 64 KB, the OIT form 4 MB and reports 8 MB", () => {
    expect(bodyLimit("/lang")).toBe(64 * 1024);
    expect(bodyLimit("/login")).toBe(64 * 1024);
    expect(bodyLimit("/admin/users.data")).toBe(64 * 1024);
    expect(bodyLimit("/_root.data")).toBe(64 * 1024);
    expect(bodyLimit("/api/responses")).toBe(64 * 1024);
    expect(bodyLimit("/admin/rounds/r1/entry/submit")).toBe(64 * 1024);
    expect(bodyLimit("/admin/rounds/r1/entries/e1/correct")).toBe(64 * 1024);
    expect(bodyLimit("/admin/rounds/r1/oit")).toBe(4 * 1024 * 1024);
    expect(bodyLimit("/admin/rounds/r1/oit.data")).toBe(4 * 1024 * 1024);
    expect(bodyLimit("/admin/reports/x1")).toBe(8 * 1024 * 1024);
    expect(bodyLimit("/admin/rounds/r1/oit/extra")).toBe(64 * 1024);
  });

  it("gives a framework import 4 MB (a 1 MB file, or pasted Thai at 9 bytes a character), on its list and its page", () => {
    expect(bodyLimit("/admin/frameworks")).toBe(4 * 1024 * 1024);
    expect(bodyLimit("/admin/frameworks.data")).toBe(4 * 1024 * 1024);
    expect(bodyLimit("/admin/frameworks/ita-2568.2")).toBe(4 * 1024 * 1024);
    expect(bodyLimit("/admin/frameworks/ita-2568/export")).toBe(64 * 1024);
  });

  it("answers JSON for the API and the clerk's entry, pages elsewhere", () => {
    expect(isJsonRoute("/api/access-check")).toBe(true);
    expect(isJsonRoute("/admin/rounds/r1/entry/submit")).toBe(true);
    expect(isJsonRoute("/admin/rounds/r1/entries/e1/correct")).toBe(true);
    expect(isJsonRoute("/admin/rounds/r1/entries/e1/void")).toBe(false);
    expect(isJsonRoute("/admin/rounds/r1/entry")).toBe(false);
    expect(isJsonRoute("/login")).toBe(false);
  });

  it("fits the OIT form of 43 items, each at its validation maximum, in its limit", () => {
    const framework = JSON.parse(fs.readFileSync(path.resolve("surveys/ita-2565/framework.json"), "utf8")) as {
      oitItems: { id: string }[];
    };
    expect(framework.oitItems.length).toBe(43);
    // Ten links of 2,000 characters, each character one the browser writes as 3 bytes ("/" is %2F).
    const links = Array.from({ length: 10 }, () => `https://${"/".repeat(1992)}`).join("\n");
    const fields: Record<string, string> = { intent: "save" };
    for (const { id } of framework.oitItems) {
      Object.assign(fields, { [`has_${id}`]: "1", [`urls_${id}`]: links, [`note_${id}`]: thai(500) });
      fields[`resp_${id}`] = thai(500);
    }
    const size = encodedSize(fields);
    expect(size).toBeGreaterThan(2_800_000);
    expect(size).toBeLessThan(BODY_LIMITS.oit);
  });

  it("fits a report's 14 texts and 60 measures, each at its validation maximum, in the report limit", () => {
    const sections = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`section:s${i}`, thai(20_000)]));
    expect(encodedSize({ intent: "sections", ...sections })).toBeLessThan(BODY_LIMITS.report);
    const measures: Record<string, string> = { intent: "measures", count: "60" };
    for (let i = 0; i < 60; i++) {
      Object.assign(measures, {
        [`m${i}.measure`]: thai(2_000),
        [`m${i}.steps`]: thai(6_000),
        [`m${i}.responsible`]: thai(500),
        [`m${i}.monitoring`]: thai(500),
        [`m${i}.progressNote`]: thai(4_000),
        [`m${i}.dueDate`]: "2570-09-30",
        [`m${i}.status`]: "in-progress",
      });
    }
    const size = encodedSize(measures);
    expect(size).toBeGreaterThan(7_000_000);
    expect(size).toBeLessThan(BODY_LIMITS.report);
  });
});

describe("readLimitedBytes", () => {
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    new Request("http://x.invalid/login", { method: "POST", body, headers, duplex: "half" } as RequestInit);

  it("reads a body within the limit", async () => {
    const bytes = await readLimitedBytes(post("a=1&b=2"));
    expect(bytes?.toString()).toBe("a=1&b=2");
  });

  it("refuses a declared length over the limit without reading a byte", async () => {
    let pulled = 0;
    const body = new ReadableStream({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    expect(await readLimitedBytes(post(body, { "content-length": String(300 * 1024 * 1024) }))).toBe(null);
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it("stops a streamed body without a length once it passes the limit", async () => {
    let pulled = 0;
    const body = new ReadableStream({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(16 * 1024));
      },
    });
    expect(await readLimitedBytes(post(body))).toBe(null);
    // 64 KB in 16 KB chunks: the fifth passes the limit (a stream may pull one or two ahead).
    expect(pulled).toBeGreaterThanOrEqual(5);
    expect(pulled).toBeLessThanOrEqual(7);
  });
});
