import { describe, expect, it } from "vitest";
import { formatDate } from "../../app/lib/dates";
import { randomAnswers, readFramework, seededRandom } from "../support/answers";
import { get, post, useTestApp } from "../support/app";
import { FLAVOURS } from "../support/databases";
import { createAgency, createRound } from "../support/factories";

// Issue 16 over HTTP: channel keys are not silently renamed, and rounds are named by agency, year and title.
describe.each(FLAVOURS)("the officer's day on %s", (flavour) => {
  let twins: { slug: string }[] = [];
  const { server, db, agencies, cookies } = useTestApp({
    flavour,
    agencies: ["a"],
    signIn: ["a-admin"],
    seed: async (d) => {
      const agency = await createAgency(d, { name_th: "อบต.ฝาแฝด", name_en: null });
      twins = [
        await createRound(d, agency.id, { fiscal_year: 2570, created_at: "2026-10-01T00:00:00.000Z" }),
        await createRound(d, agency.id, {
          fiscal_year: 2570,
          closes_on: "2027-01-31",
          created_at: "2026-11-01T00:00:00.000Z",
        }),
      ];
    },
  });

  it("refuses a channel key the round already has with a Thai 422 and keeps the channel's name", async () => {
    const path = `/admin/rounds/${agencies.a.roundId}/channels`;
    const add = (name: string) => post(server, path, cookies["a-admin"], { intent: "add", key: "counter-1", name });
    expect((await add("เคาน์เตอร์งานทะเบียน")).status).toBe(200);
    const again = await add("ชื่อใหม่");
    expect(again.status).toBe(422);
    expect(await again.text()).toContain("รอบนี้มีช่องทางรหัส “counter-1” (เคาน์เตอร์งานทะเบียน) อยู่แล้ว");
    const rows = await db
      .selectFrom("eit_channels")
      .select(["key", "name"])
      .where("round_id", "=", agencies.a.roundId)
      .execute();
    expect(rows).toEqual([{ key: "counter-1", name: "เคาน์เตอร์งานทะเบียน" }]);
    const audit = await db.selectFrom("audit_log").select("action").where("action", "like", "channel.%").execute();
    expect(audit.map((a) => a.action)).toEqual(["channel.create"]);
  });

  it("names two untitled rounds of one agency and year apart on the home page, with the closing day in พ.ศ., never by slug", async () => {
    const html = await (await get(server, "/")).text();
    const labels = [...html.matchAll(/data-testid="round-label"[^>]*>(.*?)<\/p>/g)].map((m) =>
      m[1]!.replace(/<!-- -->/g, ""),
    );
    expect(labels).toContain("ปีงบประมาณ พ.ศ. 2570 · รอบที่ 1");
    expect(labels).toContain("ปีงบประมาณ พ.ศ. 2570 · รอบที่ 2 · รับคำตอบถึง 31 มกราคม 2570");
    for (const twin of twins) expect(labels.join("\n")).not.toContain(twin.slug);
  });

  it("shows Thai words and Buddhist-era dates: audit actions as labels, the round's dates and the progress days in พ.ศ.", async () => {
    const cookie = cookies["a-admin"];
    const round = agencies.a.roundId;
    await db
      .updateTable("rounds")
      .set({ opens_on: "2026-10-01", closes_on: "2027-09-30" })
      .where("id", "=", round)
      .execute();
    const slug = agencies.a.roundSlug;
    const res = await fetch(`${server.url}/api/responses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        round: slug,
        instrument: "eit",
        answers: randomAnswers(readFramework(), "EIT", seededRandom(16)),
        submissionId: crypto.randomUUID(),
      }),
    });
    expect(res.status).toBe(201);

    const audit = await (await get(server, "/admin/audit", cookie)).text();
    expect(audit).toContain("เพิ่มช่องทาง EIT");
    expect(audit).toContain("key: counter-1 · name: เคาน์เตอร์งานทะเบียน · kiosk: false");
    expect(audit).not.toContain("<code>channel.create</code>");
    expect(audit).not.toContain("{&quot;key&quot;");

    const page = (await (await get(server, `/admin/rounds/${round}`, cookie)).text()).replace(/<!-- -->/g, "");
    expect(page).toContain("1 ตุลาคม 2569 – 30 กันยายน 2570");

    const progress = await (await get(server, `/admin/rounds/${round}/progress`, cookie)).text();
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Bangkok" }).format(new Date());
    expect(progress).toContain(formatDate(today, "th"));
    expect(progress).toMatch(/\d{1,2} [ก-๙.]+ 25\d\d/);
    expect(progress).not.toContain(`>${today}<`);
  });
});
