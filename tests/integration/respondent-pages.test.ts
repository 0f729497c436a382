import { describe, expect, it } from "vitest";
import { useTestApp } from "../support/app";
import { FLAVOURS } from "../support/databases";
import { createAgencyWithRound, type RoundFixture } from "../support/factories";

// The respondent pages' server side: which rounds take answers, what the page carries, and that
// SurveyJS stays off every other page.
function bangkokDay(offsetDays: number): string {
  const at = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Bangkok" }).format(at);
}

describe.each(FLAVOURS)("the respondent pages on %s", (flavour) => {
  let open: RoundFixture;
  const { server } = useTestApp({
    flavour,
    seed: async (db) => {
      open = await createAgencyWithRound(db, {
        agency: { name_th: "เทศบาลตำบลหน้าผู้ตอบ" },
        round: { opens_on: bangkokDay(0), closes_on: bangkokDay(0) },
      });
      await createAgencyWithRound(db, { round: { slug: "shutround", status: "closed" } });
      await createAgencyWithRound(db, { round: { slug: "pastround", closes_on: bangkokDay(-1) } });
      await createAgencyWithRound(db, { round: { slug: "futureround", opens_on: bangkokDay(1) } });
      await createAgencyWithRound(db, { round: { slug: "draftround", status: "draft" } });
    },
  });

  it("serves the EIT of an open round in Thai only, with SurveyJS's styles and no English questionnaire text", async () => {
    const res = await fetch(`${server.url}/s/${open.slug}?c=counter-1`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain("เทศบาลตำบลหน้าผู้ตอบ");
    expect(html).toContain("ตัวชี้วัดที่ 6 คุณภาพการดำเนินงาน");
    expect(html).not.toContain("Quality of operations");
    expect(html).toMatch(/href="\/assets\/survey-core\.fontless\.min-[^"]+\.css"/);
    expect(html).toContain("ไม่เก็บชื่อ");
  });

  it("sends SurveyJS's script as the build's brotli to a browser that takes it, cached a year, and plain otherwise", async () => {
    const html = await (await fetch(`${server.url}/s/${open.slug}`)).text();
    const href = /href="(\/assets\/survey-react-ui-[^"]+\.js)"/.exec(html)?.[1];
    expect(href).toBeDefined();
    const packed = await fetch(`${server.url}${href}`, { headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(packed.status).toBe(200);
    expect(packed.headers.get("content-encoding")).toBe("br");
    expect(packed.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(packed.headers.get("vary")).toContain("Accept-Encoding");
    expect(packed.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(packed.headers.get("x-content-type-options")).toBe("nosniff");
    const plain = await fetch(`${server.url}${href}`, { headers: { "accept-encoding": "identity" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await packed.text()).toBe(await plain.text());
  });

  it("serves the English questionnaire text when the visitor chose English", async () => {
    const html = await (await fetch(`${server.url}/s/${open.slug}/iit`, { headers: { cookie: "lang=en" } })).text();
    expect(html).toContain("Indicator 1: Performance of duty");
    expect(html).not.toContain("ตัวชี้วัดที่ 1");
  });

  it("keeps SurveyJS off the other pages", async () => {
    const html = await (await fetch(server.url)).text();
    expect(html).not.toContain("survey-core");
    expect(html).not.toMatch(/respondent-[^"]*\.js/);
  });

  it("shows the polite closed page for a closed round and for one outside its dates", async () => {
    for (const slug of ["shutround", "pastround", "futureround"]) {
      const res = await fetch(`${server.url}/s/${slug}`);
      expect(res.status, slug).toBe(200);
      const html = await res.text();
      expect(html, slug).toContain("การประเมินรอบนี้ปิดรับคำตอบแล้ว");
      expect(html, slug).not.toContain("ตัวชี้วัดที่ 6");
    }
  });

  it("answers 404 with a Thai page for a draft or unknown round, on both questionnaires", async () => {
    for (const path of ["/s/draftround", "/s/draftround/iit", "/s/nosuchround", "/s/nosuchround/iit"]) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(404);
      const html = await res.text();
      expect(html, path).toContain("ไม่พบแบบสอบถามนี้");
      expect(html, path).not.toContain("ตัวชี้วัดที่");
    }
  });
});
