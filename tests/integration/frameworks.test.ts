import crypto from "node:crypto";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parseFramework } from "../../app/ita/index";
import { get, post, useTestApp } from "../support/app";
import { randomAnswers, seededRandom } from "../support/answers";
import { FLAVOURS } from "../support/databases";
import { ROOT } from "../support/env";

// Importing a framework over HTTP, with two server processes on one database: the super-administrator imports
// and publishes on one process; the other process offers it on the round form and creates a round on it; the
// first, which stored it but never read it back, looks it up when the round's EIT page and answer arrive.

const MISTAKES = fs.readFileSync(`${ROOT}/tests/fixtures/framework-check/ten-mistakes.json`, "utf8");
const source = JSON.parse(fs.readFileSync(`${ROOT}/surveys/ita-2568/framework.json`, "utf8"));
const correct = { ...source, id: "ita-2569", year: 2569, titleTh: "กรอบนำเข้าทดสอบ พ.ศ. 2569", titleEn: "Import 2569" };
const fw = parseFramework(correct);

describe.each(FLAVOURS)("framework import over HTTP on %s, two processes", (flavour) => {
  const { servers, db, cookies, agencies } = useTestApp({
    flavour,
    servers: 2,
    agencies: ["a"],
    signIn: ["super", "a-admin"],
  });

  /** A multipart import as the page's form sends it (the file chosen, or the text pasted). */
  const importForm = (
    server: (typeof servers)[number],
    fields: { file?: string; text?: string; publish?: boolean },
  ) => {
    const form = new FormData();
    form.set("intent", "import");
    form.set("file", new Blob([fields.file ?? ""], { type: "application/json" }), fields.file ? "fw.json" : "");
    form.set("text", fields.text ?? "");
    if (fields.publish) form.set("publish", "1");
    return fetch(`${server.url}/admin/frameworks`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: server.url, Cookie: cookies.super },
      body: form,
    });
  };

  it("answers 422 with each of the ten mistakes and its place, and stores nothing", async () => {
    const res = await importForm(servers[0]!, { text: MISTAKES });
    expect(res.status).toBe(422);
    const html = await res.text();
    for (const place of ["indicators[3].nameTh", "items.IIT[1].scale", "items.EIT[0].id", "gradeBands", "indicators"])
      expect(html).toContain(`<code>${place}</code>`);
    expect(html).toContain("น้ำหนักตัวชี้วัดรวมกันได้ 101 ไม่ใช่ 100");
    expect(await db.selectFrom("frameworks").selectAll().execute()).toHaveLength(0);
  });

  it("refuses an agency administrator", async () => {
    expect((await get(servers[0]!, "/admin/frameworks", cookies["a-admin"])).status).toBe(403);
    const res = await post(servers[0]!, "/admin/frameworks/ita-2568", cookies["a-admin"], { intent: "copy" });
    expect(res.status).toBe(403);
    expect(await db.selectFrom("frameworks").selectAll().execute()).toHaveLength(0);
  });

  it("publishes on one process; the other offers it, runs a round on it and scores an EIT answer by it", async () => {
    const [first, second] = servers as [(typeof servers)[number], (typeof servers)[number]];
    const imported = await importForm(first, { file: JSON.stringify(correct), publish: true });
    expect(imported.status).toBe(302);
    expect(imported.headers.get("location")).toBe("/admin/frameworks/ita-2569");

    const form = await (await get(second, "/admin/rounds/new", cookies["a-admin"])).text();
    expect(form).toContain('<option value="ita-2569">พ.ศ. 2569 · กรอบนำเข้าทดสอบ พ.ศ. 2569 (นำเข้า)</option>');
    const created = await post(second, "/admin/rounds/new", cookies["a-admin"], {
      fiscal_year: "2569",
      title: "",
      framework: "ita-2569",
      status: "open",
      opens_on: "",
      closes_on: "",
      iit_access: "codes",
      pin: "",
      strength_line: "70",
      target_line: "85",
      min_iit: "25",
      min_eit: "30",
    });
    expect(created.status).toBe(302);
    const round = await db
      .selectFrom("rounds")
      .selectAll()
      .where("agency_id", "=", agencies.a.id)
      .where("framework", "=", "ita-2569")
      .executeTakeFirstOrThrow();

    // The EIT answer reaches the first process, which stored the framework but never read it back: it looks the
    // id up in the database when the answer arrives.
    const page = await get(first, `/s/${round.slug}`);
    expect(page.status).toBe(200);
    const answered = await fetch(`${first.url}/api/responses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        round: round.slug,
        instrument: "eit",
        answers: randomAnswers(fw, "EIT", seededRandom(3)),
        submissionId: crypto.randomUUID(),
      }),
    });
    expect(answered.status).toBe(201);
    const stored = await db.selectFrom("eit_responses").select("framework").where("round_id", "=", round.id).execute();
    expect(stored).toEqual([{ framework: "ita-2569" }]);

    // Published: never changed by a second import, and exported for editing as it is.
    const again = await importForm(second, { file: JSON.stringify(correct) });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain("ita-2569.2");
    const exported = await get(second, "/admin/frameworks/ita-2569/export", cookies.super);
    expect(exported.headers.get("content-disposition")).toBe('attachment; filename="ita-2569.json"');
    expect((await exported.json()).id).toBe("ita-2569");
  });
});
