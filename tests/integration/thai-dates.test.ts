import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn, useTestApp } from "../support/app";
import { randomAnswers, readFramework, seededRandom } from "../support/answers";
import { createAgencyWithOfficer, createOfficialResult, type OfficerFixture } from "../support/factories";

// Issue 16, item 9: a date field posts its text as typed in the page's calendar, with the calendar it showed
// (date_calendar), and works without JavaScript: "5/12/2569" on the Thai form is 5 December 2026; a bad date
// is refused with a Thai message (422) and nothing changes.
describe("dates typed in พ.ศ. without JavaScript", () => {
  let seed: OfficerFixture;
  const { server, db } = useTestApp({
    seed: async (db) => {
      seed = await createAgencyWithOfficer(db, { role: "admin" });
      await createOfficialResult(db, seed.agencyId, { fiscal_year: 2565 });
      // A link checked at 18:30 UTC on 1 December 2026: 01:30 on 2 December in Bangkok.
      await db
        .insertInto("oit_answers")
        .values({
          round_id: seed.roundId,
          item: "o1",
          has: 1,
          urls: JSON.stringify(["https://www.example.go.th/a"]),
          note: null,
          responsible: null,
          updated_by: null,
          updated_at: "2026-12-01T18:30:00.000Z",
          link_status: JSON.stringify({ "https://www.example.go.th/a": { ok: true, status: 200 } }),
          checked_at: "2026-12-01T18:30:00.000Z",
        })
        .execute();
    },
  });
  let cookie: string;
  beforeAll(async () => {
    cookie = await signIn(server, seed.email, seed.password);
  });

  const post = (p: string, fields: Record<string, string>) =>
    fetch(`${server.url}${p}`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, origin: server.url, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
    });
  const settings = (dates: Record<string, string>) => ({
    fiscal_year: "2570",
    title: "",
    framework: "ita-2565",
    status: "open",
    iit_access: "pin",
    pin: "482913",
    strength_line: "70",
    target_line: "85",
    min_iit: "20",
    min_eit: "30",
    ...dates,
  });
  const round = () =>
    db.selectFrom("rounds").select(["opens_on", "closes_on"]).where("id", "=", seed.roundId).executeTakeFirstOrThrow();

  it("saves 5/12/2569 from the Thai settings form as 2026-12-05 and shows it back as 5/12/2569", async () => {
    const res = await post(
      `/admin/rounds/${seed.roundId}/settings`,
      settings({ date_calendar: "be", opens_on: "5/12/2569", closes_on: "30/9/2570" }),
    );
    expect(res.status).toBe(302);
    expect(await round()).toEqual({ opens_on: "2026-12-05", closes_on: "2027-09-30" });
    const page = await (
      await fetch(`${server.url}/admin/rounds/${seed.roundId}/settings`, { headers: { cookie } })
    ).text();
    expect(page).toMatch(/id="opens_on"[^>]*value="5\/12\/2569"/);
    expect(page).toMatch(/name="date_calendar" value="be"/);
    const english = await (
      await fetch(`${server.url}/admin/rounds/${seed.roundId}/settings`, { headers: { cookie: `${cookie}; lang=en` } })
    ).text();
    expect(english).toMatch(/id="opens_on"[^>]*value="5\/12\/2026"/);
  });

  it("refuses 31/4/2570 and a Gregorian year on the Thai form with Thai messages (422), changing nothing", async () => {
    const res = await post(
      `/admin/rounds/${seed.roundId}/settings`,
      settings({ date_calendar: "be", opens_on: "1/10/2026", closes_on: "31/4/2570" }),
    );
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain("ปี 2026 เป็นปี ค.ศ. — ช่องนี้ใช้ปี พ.ศ. โปรดพิมพ์ 2569");
    expect(page).toContain("เดือนเมษายน พ.ศ. 2570 มี 30 วัน — ไม่มีวันที่ 31");
    expect(await round()).toEqual({ opens_on: "2026-12-05", closes_on: "2027-09-30" });
  });

  it("reads the progress report's 'as of' date typed in พ.ศ.", async () => {
    const official = await db.selectFrom("official_results").select("id").executeTakeFirstOrThrow();
    const made = await post("/admin/reports", { basis: `official:${official.id}` });
    expect(made.status).toBe(302);
    const id = made.headers.get("location")!.split("/").pop()!;
    const res = await fetch(`${server.url}/admin/reports/${id}/progress?date=31%2F3%2F2566&date_calendar=be`, {
      headers: { cookie },
    });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("ณ วันที่ 31 มีนาคม 2566");
    expect(page).toMatch(/id="asof"[^>]*value="31\/3\/2566"/);
  });

  it("shows when a link was checked and when the IIT was released as Thai dates in พ.ศ., not ISO", async () => {
    const get = async (p: string) => (await fetch(`${server.url}${p}`, { headers: { cookie } })).text();
    expect(await get(`/admin/rounds/${seed.roundId}/oit`)).toContain("ตรวจเมื่อ<!-- --> <!-- -->2 ธ.ค. 2569 01:30");

    const fw = readFramework();
    const random = seededRandom(9);
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${server.url}/api/responses`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          round: seed.slug,
          instrument: "iit",
          answers: randomAnswers(fw, "IIT", random),
          submissionId: crypto.randomUUID(),
          pin: seed.pin,
        }),
      });
      expect(res.status, await res.clone().text()).toBe(201);
    }
    const closed = await post(
      `/admin/rounds/${seed.roundId}/settings`,
      settings({ status: "closed", opens_on: "", closes_on: "" }),
    );
    expect(closed.status).toBe(302);
    const thaiDay = /\((\d{1,2}) (ธันวาคม|มกราคม) (25\d\d)\) จากคำตอบ 5 ชุด/;
    expect(await get(`/admin/rounds/${seed.roundId}/results`)).toMatch(thaiDay);
    expect(await get(`/admin/rounds/${seed.roundId}/settings`)).toMatch(thaiDay);
    expect(await get(`/admin/rounds/${seed.roundId}/results`)).not.toMatch(/ปิดรอบ \(20\d\d-/);
  });
});
