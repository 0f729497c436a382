import fs from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn, useTestApp } from "../support/app";
import { FLAVOURS } from "../support/databases";
import { ROOT } from "../support/env";
import { createAgencyWithOfficer, createUser, type OfficerFixture, type UserRow } from "../support/factories";

const example = JSON.parse(fs.readFileSync(path.join(ROOT, "tests/fixtures/example-2565.json"), "utf8"));
const texts = JSON.parse(fs.readFileSync(path.join(ROOT, "surveys/ita-2565/report-texts.json"), "utf8"));
const MY_RATIONALE = "ข้อความหลักการและเหตุผลที่เจ้าหน้าที่เขียนเอง เพื่อทดสอบว่าข้อความที่แก้ไขแล้วคงอยู่";
const MY_INDICATOR_10 = "คำอธิบายตัวชี้วัดที่ 10 ฉบับที่เจ้าหน้าที่แก้ไข";

const decodeEntities = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
/** The visible text of a page or Word XML: tags dropped, entities decoded, whitespace collapsed. */
const plain = (xml: string) => decodeEntities(xml.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");

describe.each(FLAVOURS)("the measures report on %s", (flavour) => {
  let seed: OfficerFixture;
  let other: OfficerFixture;
  let viewerUser: UserRow;
  const { server, db } = useTestApp({
    flavour,
    seed: async (db) => {
      seed = await createAgencyWithOfficer(db, { role: "admin" });
      other = await createAgencyWithOfficer(db, { role: "admin" });
      viewerUser = await createUser(db, "viewer", seed.agencyId);
    },
  });
  let admin: string;
  let viewer: string;
  let stranger: string;
  let reportId: string;

  const get = (p: string, cookie = admin) => fetch(`${server.url}${p}`, { redirect: "manual", headers: { cookie } });
  const post = (p: string, fields: Record<string, string> | URLSearchParams, cookie = admin) =>
    fetch(`${server.url}${p}`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, origin: server.url, "content-type": "application/x-www-form-urlencoded" },
      body: fields instanceof URLSearchParams ? fields : new URLSearchParams(fields),
    });
  const enterOfficial = async (year: number, scores: Record<string, number>, total = "79.64", grade = "B") => {
    const fields: Record<string, string> = {
      fiscal_year: String(year),
      framework: "ita-2565",
      published_total: total,
      published_grade: grade,
      note: "",
    };
    for (const [k, v] of Object.entries(scores)) fields[`s${k}`] = String(v);
    const res = await post(`/admin/official/${year === 2565 ? "new" : year}`, fields);
    expect(res.status, await res.clone().text()).toBe(302);
  };
  const html = async (p: string, cookie = admin) => {
    const res = await get(p, cookie);
    expect(res.status).toBe(200);
    return plain(await res.text());
  };
  const docxXml = async (p: string) => {
    const res = await get(p);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("wordprocessingml");
    const zip = await JSZip.loadAsync(await res.arrayBuffer());
    return zip.file("word/document.xml")!.async("string");
  };

  beforeAll(async () => {
    admin = await signIn(server, seed.email, seed.password);
    viewer = await signIn(server, viewerUser.email);
    stranger = await signIn(server, other.email, other.password);
    await enterOfficial(2565, example.indicator_scores);
  });

  it("drafts the 2566 report from the official 2565 results with the published figures and proposed measures", async () => {
    const list = await html("/admin/reports");
    expect(list).toContain("ผลอย่างเป็นทางการ ปีงบประมาณ พ.ศ. 2565 → มาตรการปี 2566");
    const official = await db
      .selectFrom("official_results")
      .select("id")
      .where("agency_id", "=", seed.agencyId)
      .executeTakeFirstOrThrow();
    const res = await post("/admin/reports", { basis: `official:${official.id}` });
    expect(res.status).toBe(302);
    reportId = res.headers.get("location")!.split("/").pop()!;
    const page = await html(`/admin/reports/${reportId}`);
    expect(page).toContain("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2566");
    expect(page).toMatch(/คะแนนภาพรวม 79\.64 \(คำนวณใหม่ 79\.65\) · ระดับ B · ต่ำกว่าค่าเป้าหมาย 2 ตัวชี้วัด/);
    const measures = await db
      .selectFrom("measures")
      .selectAll()
      .where("report_id", "=", reportId)
      .orderBy("position")
      .execute();
    expect(measures.map((m) => Number(m.indicator))).toEqual([10, 9]);
    expect(measures[0]!.measure).toBe(texts.indicators["10"]!.measure);
    expect(measures[0]!.due_date).toBe("2023-03-31");
    const log = await db
      .selectFrom("audit_log")
      .select(["action", "entity_id"])
      .where("action", "=", "report.create")
      .execute();
    expect(log).toEqual([{ action: "report.create", entity_id: reportId }]);
  });

  it("prints the ranking in the seed's order with 8 strengths, 2 weaknesses and the lowest indicator named", async () => {
    const page = await html(`/admin/reports/${reportId}/print`);
    const order = [3, 4, 5, 2, 1, 6, 7, 8, 9, 10].map((n) => `ตัวชี้วัดที่ ${n} `);
    const positions = order.map((o) => page.indexOf(o));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(page).toContain("คะแนนภาพรวม 79.64 คะแนน ผลการประเมินอยู่ในระดับ B");
    expect(page).toContain("จุดแข็ง (ได้คะแนนตั้งแต่ร้อยละ 70 ขึ้นไป) จำนวน 8 ตัวชี้วัด");
    expect(page).toContain("จุดอ่อนที่ต้องพัฒนา (ได้คะแนนต่ำกว่าร้อยละ 70) จำนวน 2 ตัวชี้วัด");
    expect(page).toContain("ต่ำกว่าค่าเป้าหมาย จำนวน 2 ตัวชี้วัด");
    expect(page).toContain("ประเด็นที่ต้องพัฒนาเป็นลำดับแรก: ตัวชี้วัดที่ 10 การป้องกันการทุจริต");
    expect(page).toContain("ผู้อนุมัติ");
  });

  it("keeps the officer's edited texts when an official score changes, while figures and unedited texts follow the data", async () => {
    const saved = await post(`/admin/reports/${reportId}`, {
      intent: "sections",
      "section:rationale": MY_RATIONALE,
      "section:indicator-10": MY_INDICATOR_10,
      "section:indicator-9": texts.indicators["9"].about,
    });
    expect(saved.status).toBe(200);
    const row = await db.selectFrom("reports").select("sections").where("id", "=", reportId).executeTakeFirstOrThrow();
    expect(JSON.parse(row.sections)).toEqual({ rationale: MY_RATIONALE, "indicator-10": MY_INDICATOR_10 });

    await enterOfficial(2565, { ...example.indicator_scores, 10: 88.5 }, "", "");
    const page = await html(`/admin/reports/${reportId}/print`);
    expect(page).toContain(MY_RATIONALE);
    expect(page).toContain(MY_INDICATOR_10);
    expect(page).toContain(texts.indicators["9"].about);
    expect(page).toContain("ตัวชี้วัดที่ 10 การป้องกันการทุจริต ได้คะแนนร้อยละ 88.50");
    expect(page).toContain("จุดแข็ง (ได้คะแนนตั้งแต่ร้อยละ 70 ขึ้นไป) จำนวน 9 ตัวชี้วัด");
    expect(page).toContain("ต่ำกว่าค่าเป้าหมาย จำนวน 1 ตัวชี้วัด ได้แก่ ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล");
    expect(page).toContain("ประเด็นที่ต้องพัฒนาเป็นลำดับแรก: ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล");
    expect(page).not.toContain("79.64");

    const reset = await post(`/admin/reports/${reportId}`, { intent: "sections", reset: "indicator-10" });
    expect(reset.status).toBe(200);
    const after = await html(`/admin/reports/${reportId}/print`);
    expect(after).toContain(texts.indicators["10"].about);
    expect(after).not.toContain(MY_INDICATOR_10);
    expect(after).toContain(MY_RATIONALE);
    const actions = await db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", reportId)
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual(["report.create", "report.edit", "report.reset"]);
    await enterOfficial(2565, example.indicator_scores);
  });

  it("records follow-up per measure and prints the progress report as of a date", async () => {
    const rows = await db
      .selectFrom("measures")
      .selectAll()
      .where("report_id", "=", reportId)
      .orderBy("position")
      .execute();
    const form = new URLSearchParams({ intent: "measures", count: String(rows.length) });
    rows.forEach((m, i) => {
      for (const [k, v] of Object.entries({
        id: m.id,
        indicator: String(m.indicator ?? ""),
        measure: m.measure,
        steps: m.steps,
        responsible: m.responsible,
        monitoring: m.monitoring,
        dueDate: m.due_date ?? "",
        status: m.status,
        progressNote: m.progress_note ?? "",
      }))
        form.set(`m${i}.${k}`, v);
    });
    form.set("m0.status", "done");
    form.set("m0.progressNote", "เผยแพร่แผนปฏิบัติการป้องกันการทุจริตบนเว็บไซต์แล้ว");
    form.set("m1.remove", "on");
    expect((await post(`/admin/reports/${reportId}`, form)).status).toBe(200);
    form.set("intent", "add-measure");
    form.set("count", "1");
    expect((await post(`/admin/reports/${reportId}`, form)).status).toBe(200);
    const after = await db
      .selectFrom("measures")
      .selectAll()
      .where("report_id", "=", reportId)
      .orderBy("position")
      .execute();
    expect(after.map((m) => [m.measure, m.status])).toEqual([
      [texts.indicators["10"].measure, "done"],
      ["มาตรการใหม่", "planned"],
    ]);
    expect(after[0]!.id).toBe(rows[0]!.id);

    const bad = await post(`/admin/reports/${reportId}`, {
      intent: "measures",
      count: "1",
      "m0.measure": "x",
      "m0.status": "finished",
      "m0.dueDate": "31/03/2566",
    });
    expect(bad.status).toBe(422);

    const progress = await html(`/admin/reports/${reportId}/progress?date=2023-03-31`);
    expect(progress).toContain("รายงานความก้าวหน้าและสรุปผลการดำเนินการ");
    expect(progress).toContain("ณ วันที่ 31 มีนาคม 2566");
    expect(progress).toContain("มาตรการทั้งหมด 2 มาตรการ ดำเนินการแล้วเสร็จ 1 มาตรการ");
    expect(progress).toContain("เผยแพร่แผนปฏิบัติการป้องกันการทุจริตบนเว็บไซต์แล้ว");
    const thai = await html(`/admin/reports/${reportId}/progress?date=2023-03-31&digits=thai`);
    expect(thai).toContain("ณ วันที่ ๓๑ มีนาคม ๒๕๖๖");
    const log = await db
      .selectFrom("audit_log")
      .select("detail")
      .where("entity_id", "=", reportId)
      .where("action", "=", "report.measures")
      .orderBy("id")
      .execute();
    expect(log.map((l) => JSON.parse(l.detail!))).toEqual([
      { added: 0, changed: 1, removed: 1 },
      { added: 1, changed: 0, removed: 0 },
    ]);
  });

  it("exports a Word file in TH Sarabun New 16 pt with the ranking and measures as real tables", async () => {
    const xml = await docxXml(`/admin/reports/${reportId}/docx`);
    const text = plain(xml);
    expect(xml).toContain('w:ascii="TH Sarabun New"');
    expect(xml).toContain('w:cs="TH Sarabun New"');
    expect(xml).toMatch(/<w:szCs w:val="32"\/>/);
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBe(2);
    for (const s of [
      "79.64",
      "79.65",
      "ระดับ B",
      "ตัวชี้วัดที่ 10 การป้องกันการทุจริต",
      "ตัวชี้วัดที่ 3 การใช้อำนาจ",
      "99.35",
      "43.75",
      MY_RATIONALE,
      "ผู้รายงาน",
      "ผู้อนุมัติ",
    ])
      expect(text).toContain(s);
    const ranking = xml.slice(xml.indexOf("<w:tbl>"), xml.indexOf("</w:tbl>"));
    expect(plain(ranking).indexOf("การใช้อำนาจ")).toBeLessThan(plain(ranking).indexOf("การป้องกันการทุจริต"));

    expect(
      (
        await post(`/admin/reports/${reportId}`, {
          intent: "options",
          thaiDigits: "on",
          reporterName: "นางสาวทดสอบ รายงาน",
          reporterPosition: "นักวิเคราะห์นโยบายและแผน",
          approverName: "นายทดสอบ อนุมัติ",
          approverPosition: "นายกองค์การบริหารส่วนตำบล",
        })
      ).status,
    ).toBe(200);
    const thai = plain(await docxXml(`/admin/reports/${reportId}/docx`));
    expect(thai).toContain("๗๙.๖๔");
    expect(thai).toContain("นายกองค์การบริหารส่วนตำบล");
    expect(thai).not.toContain("79.64");
  });

  it("proposes OIT measures from the items still marked ไม่มี in the checklist of the basis year's round", async () => {
    const missing = ["o27", "o28", "o36", "o42"];
    const now = new Date().toISOString();
    const items = JSON.parse(fs.readFileSync(path.join(ROOT, "surveys/ita-2565/framework.json"), "utf8")).oitItems as {
      id: string;
    }[];
    await db
      .insertInto("oit_answers")
      .values(
        items.map((i) => ({
          round_id: seed.roundId,
          item: i.id,
          has: missing.includes(i.id) ? 0 : 1,
          urls: JSON.stringify(missing.includes(i.id) ? [] : ["https://example.go.th/x"]),
          note: null,
          responsible: null,
          updated_by: null,
          updated_at: now,
          link_status: null,
          checked_at: null,
        })),
      )
      .execute();
    await enterOfficial(2569, example.indicator_scores);
    const official = await db
      .selectFrom("official_results")
      .select("id")
      .where("agency_id", "=", seed.agencyId)
      .where("fiscal_year", "=", 2569)
      .executeTakeFirstOrThrow();
    const res = await post("/admin/reports", { basis: `official:${official.id}` });
    const id = res.headers.get("location")!.split("/").pop()!;
    const measures = await db
      .selectFrom("measures")
      .selectAll()
      .where("report_id", "=", id)
      .orderBy("position")
      .execute();
    // Ordered by where the points are: 10.2 (o42) adds 5.00 of the total, 9.4 (o27, o28) 2.00, 10.1 (o36) 1.25.
    expect(measures.map((m) => [Number(m.indicator), m.measure])).toEqual([
      [10, "เผยแพร่ข้อมูลด้านมาตรการภายในเพื่อป้องกันการทุจริตที่ยังขาดบนเว็บไซต์หลักของหน่วยงานให้ครบถ้วน"],
      [9, "เผยแพร่ข้อมูลด้านการบริหารและพัฒนาทรัพยากรบุคคลที่ยังขาดบนเว็บไซต์หลักของหน่วยงานให้ครบถ้วน"],
      [10, "เผยแพร่ข้อมูลด้านการดำเนินการเพื่อป้องกันการทุจริตที่ยังขาดบนเว็บไซต์หลักของหน่วยงานให้ครบถ้วน"],
    ]);
    expect(measures[2]!.steps).toContain("ประเมินความเสี่ยงการทุจริตประจำปี");
    expect(measures[0]!.due_date).toBe("2027-03-31");
  });

  it("drafts from a round's self-assessment, withholding the overall while IIT and EIT have no scores", async () => {
    const res = await post("/admin/reports", { basis: `round:${seed.roundId}` });
    expect(res.status).toBe(302);
    const id = res.headers.get("location")!.split("/").pop()!;
    const page = await html(`/admin/reports/${id}/print`);
    expect(page).toContain("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2570");
    expect(page).toContain("ยังสรุปคะแนนภาพรวมไม่ได้ เนื่องจากยังไม่มีคะแนนตัวชี้วัดที่ 1, 2, 3, 4, 5, 6, 7, 8");
    expect(page).toContain("ตัวชี้วัดที่ 10 การป้องกันการทุจริต");
    // From the checklist: indicator 9 = mean(100, 100, 100, 50, 100) = 90 (above target), 10 = mean(87.5, 50) = 68.75.
    expect(page).toContain("ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล OIT 90.00");
    expect(page).toContain("ตัวชี้วัดที่ 10 การป้องกันการทุจริต OIT 68.75");
    const measures = await db
      .selectFrom("measures")
      .select("indicator")
      .where("report_id", "=", id)
      .orderBy("position")
      .execute();
    expect(measures.map((m) => Number(m.indicator))).toEqual([10, 10]);
  });

  it("lets a viewer read and print but not edit, and hides the report from another agency", async () => {
    expect((await get(`/admin/reports/${reportId}`, viewer)).status).toBe(200);
    expect((await get(`/admin/reports/${reportId}/print`, viewer)).status).toBe(200);
    expect((await get(`/admin/reports/${reportId}/docx`, viewer)).status).toBe(200);
    expect(
      (await post(`/admin/reports/${reportId}`, { intent: "sections", "section:rationale": "x" }, viewer)).status,
    ).toBe(403);
    expect((await post("/admin/reports", { basis: "x" }, viewer)).status).toBe(403);
    for (const p of [
      `/admin/reports/${reportId}`,
      `/admin/reports/${reportId}/print`,
      `/admin/reports/${reportId}/docx`,
      `/admin/reports/${reportId}/progress`,
    ])
      expect((await get(p, stranger)).status).toBe(404);
    expect((await post(`/admin/reports/${reportId}`, { intent: "delete", confirm: "on" }, stranger)).status).toBe(404);
    const official = await db
      .selectFrom("official_results")
      .select("id")
      .where("agency_id", "=", seed.agencyId)
      .executeTakeFirstOrThrow();
    expect((await post("/admin/reports", { basis: `official:${official.id}` }, stranger)).status).toBe(422);
    expect(await html("/admin/reports", stranger)).not.toContain("2566");
  });
});
