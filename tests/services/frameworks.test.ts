import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  clearFrameworkCache,
  frameworkFor,
  listFrameworkChoices,
  questionnaireFor,
} from "../../app/services/frameworks/frameworks.server";
import {
  copyFramework,
  deleteFrameworkDraft,
  exportFramework,
  getFrameworkDetail,
  importFramework,
  listFrameworksForAdmin,
  publishFramework,
} from "../../app/services/frameworks/manage.server";
import { newRoundForm, createRound } from "../../app/services/rounds/rounds.server";
import { createAgency } from "../../app/services/agencies.server";
import { getOfficialForm } from "../../app/services/official-results.server";
import { sampleDefaults } from "../../app/services/rounds/round-settings.server";
import { ita as program } from "../../scripts/ita/program";
import { runCliInProcess } from "../support/cli";
import { FLAVOURS } from "../support/databases";
import { actorOf, createAgencySetup, createUser } from "../support/factories";
import { expectRolledBackWhenAuditFails, snapshot, useServiceDb } from "../support/service-db";

const MISTAKES = "tests/fixtures/framework-check/ten-mistakes.json";
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ita-framework-import-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A correct framework file of its own id: the 2568 framework renamed (another year an agency imports). */
function frameworkText(id: string, year = 2569): string {
  const fw = JSON.parse(fs.readFileSync("surveys/ita-2568/framework.json", "utf8"));
  return JSON.stringify({ ...fw, id, year, titleTh: `กรอบทดสอบนำเข้า พ.ศ. ${year}`, titleEn: `Imported test ${year}` });
}

describe.each(FLAVOURS)("framework import service on %s", (flavour) => {
  const t = useServiceDb(flavour);
  const superUser = async () => actorOf(await createUser(t.db, "super", null));

  it("shows each of the ten seeded mistakes with its place in the file and its Thai words, and stores nothing", async () => {
    const root = await superUser();
    const before = await snapshot(t.db, ["frameworks", "audit_log"]);
    const result = await importFramework(t.db, root, { text: fs.readFileSync(MISTAKES, "utf8") });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(10);
    expect(result.issues.map((i) => i.path)).toContain("items.IIT[1].scale");
    expect(result.issues.find((i) => i.path === "indicators")?.messageTh).toBe("น้ำหนักตัวชี้วัดรวมกันได้ 101 ไม่ใช่ 100");
    expect(result.issues.find((i) => i.path === "items.EIT[0].id")?.messageTh).toBe("รหัสข้อคำถาม i1 ซ้ำกัน");
    expect(await snapshot(t.db, ["frameworks", "audit_log"])).toEqual(before);
  });

  it("says in Thai when the text is empty or not JSON", async () => {
    const root = await superUser();
    const empty = await importFramework(t.db, root, { text: "  " });
    expect(empty.ok || empty.issues[0]?.messageTh).toBe("ไม่มีเนื้อหา: เลือกไฟล์ JSON หรือวางข้อความ JSON");
    const broken = await importFramework(t.db, root, { text: "{ not json" });
    expect(broken.ok || broken.issues[0]?.messageTh).toMatch(/^ไฟล์ไม่ใช่ JSON ที่ถูกต้อง/);
  });

  it("imports a correct file as a draft that no round may use, then publishes it for every process", async () => {
    // One process runs both databases here: forget what the other database's run published.
    clearFrameworkCache();
    const root = await superUser();
    const imported = await importFramework(t.db, root, { text: frameworkText("ita-2569") });
    expect(imported).toEqual({ ok: true, id: "ita-2569", status: "draft", replaced: false });
    expect((await listFrameworkChoices(t.db)).map((c) => c.id)).not.toContain("ita-2569");
    await expect(frameworkFor(t.db, "ita-2569")).rejects.toThrow(/unknown framework "ita-2569"/);

    const listed = (await listFrameworksForAdmin(t.db, root)).find((f) => f.id === "ita-2569");
    expect(listed).toMatchObject({ status: "draft", source: "imported", year: 2569, version: 1 });

    // A second import of the same id replaces the draft.
    const again = await importFramework(t.db, root, { text: frameworkText("ita-2569") });
    expect(again).toMatchObject({ ok: true, replaced: true });

    await publishFramework(t.db, root, "ita-2569");
    // Another process has never met it: the registry looks it up in the database.
    clearFrameworkCache();
    const fw = await frameworkFor(t.db, "ita-2569");
    expect(fw.titleTh).toBe("กรอบทดสอบนำเข้า พ.ศ. 2569");
    const eit = await questionnaireFor(t.db, "ita-2569", "eit", "th");
    expect(JSON.stringify(eit)).toContain("ตัวชี้วัดที่ 6");
    const choices = await listFrameworkChoices(t.db);
    expect(choices.find((c) => c.id === "ita-2569")).toMatchObject({ source: "imported", year: 2569 });

    const actions = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", "ita-2569")
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual(["framework.import", "framework.replace", "framework.publish"]);
  });

  it("lists the published import by year and title on the round form and the official results form, and runs a round on it", async () => {
    const root = await superUser();
    expect(await importFramework(t.db, root, { text: frameworkText("ita-2570", 2570), publish: true })).toMatchObject({
      ok: true,
      status: "published",
    });
    const { agency, admin } = await createAgencySetup(t.db);
    const form = await newRoundForm(t.db, admin);
    const option = form.frameworks.find((f) => f.id === "ita-2570");
    expect(option).toEqual({
      id: "ita-2570",
      year: 2570,
      titleTh: "กรอบทดสอบนำเข้า พ.ศ. 2570",
      titleEn: "Imported test 2570",
      imported: true,
    });
    expect(form.frameworks[0]?.year).toBeGreaterThanOrEqual(2570);
    const official = await getOfficialForm(t.db, admin, { year: "new" });
    expect(official.frameworks.map((f) => f.id)).toContain("ita-2570");

    const created = await createRound(t.db, admin, {
      fiscal_year: "2570",
      title: "",
      framework: "ita-2570",
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
    expect(created.ok).toBe(true);
    const round = await t.db
      .selectFrom("rounds")
      .selectAll()
      .where("agency_id", "=", agency.id)
      .where("framework", "=", "ita-2570")
      .executeTakeFirst();
    expect(round?.framework).toBe("ita-2570");
  });

  it("refuses an id that a framework file or a published framework has, naming the next version, and stores nothing", async () => {
    const root = await superUser();
    const before = await snapshot(t.db, ["frameworks", "audit_log"]);
    const file = await importFramework(t.db, root, { text: frameworkText("ita-2568", 2568) });
    expect(file.ok).toBe(false);
    if (!file.ok) {
      expect(file.issues).toHaveLength(1);
      expect(file.issues[0]?.path).toBe("id");
      expect(file.issues[0]?.messageTh).toContain("เช่น ita-2568.2");
    }
    await importFramework(t.db, root, { text: frameworkText("ita-2571", 2571), publish: true });
    const published = await importFramework(t.db, root, { text: frameworkText("ita-2571", 2571) });
    expect(published.ok || published.issues[0]?.messageTh).toContain("เผยแพร่แล้ว แก้ไขไม่ได้");
    expect((await snapshot(t.db, ["frameworks"])).frameworks).toHaveLength(before.frameworks!.length + 1);
  });

  it("copies any framework into the next version as a draft, exports it, and never changes or deletes a published one", async () => {
    const root = await superUser();
    const first = await copyFramework(t.db, root, "ita-2568");
    expect(first.id).toBe("ita-2568.2");
    const second = await copyFramework(t.db, root, "ita-2568.2");
    expect(second.id).toBe("ita-2568.3");
    const exported = await exportFramework(t.db, root, "ita-2568.2");
    expect(exported.filename).toBe("ita-2568.2.json");
    expect(JSON.parse(exported.text)).toMatchObject({ id: "ita-2568.2", year: 2568 });
    const detail = await getFrameworkDetail(t.db, root, "ita-2568.2", "th");
    expect(detail.framework).toMatchObject({
      status: "draft",
      copiedFrom: "ita-2568",
      version: 2,
      reportTextsFrom: "ita-2568",
    });
    expect(detail.oit.flatMap((g) => g.items)).toHaveLength(detail.framework.counts.oit);
    expect(JSON.stringify(detail.iit)).toContain("ตัวชี้วัดที่ 1");

    await deleteFrameworkDraft(t.db, root, "ita-2568.3");
    await publishFramework(t.db, root, "ita-2568.2");
    await expect(publishFramework(t.db, root, "ita-2568.2")).rejects.toMatchObject({ status: 409 });
    await expect(deleteFrameworkDraft(t.db, root, "ita-2568.2")).rejects.toMatchObject({ status: 404 });
    const third = await copyFramework(t.db, root, "ita-2568");
    expect(third.id).toBe("ita-2568.3");
  });

  it("takes a ministry-policy agency (a 2568 group): EIT minimum 100 under ita-2568, the stakeholder share under ita-2565", async () => {
    const root = await superUser();
    const created = await createAgency(t.db, root, {
      name_th: "สำนักงานปลัดกระทรวงทดลอง",
      name_en: "",
      type: "ministry-policy",
      size: "",
      staff_count: "120",
      external_count: "500",
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const agency = await t.db.selectFrom("agencies").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
    expect(sampleDefaults("ita-2568", agency)).toEqual({ iit: 25, eit: 100 });
    expect(sampleDefaults("ita-2565", agency)).toEqual({ iit: 25, eit: 50 });
  });

  it("lets only a super-administrator manage frameworks", async () => {
    const { admin } = await createAgencySetup(t.db);
    await expect(listFrameworksForAdmin(t.db, admin)).rejects.toMatchObject({ status: 403 });
    await expect(importFramework(t.db, admin, { text: frameworkText("ita-2580", 2580) })).rejects.toMatchObject({
      status: 403,
    });
    await expect(copyFramework(t.db, admin, "ita-2568")).rejects.toMatchObject({ status: 403 });
  });

  it("stores nothing when the import's audit entry fails", async () => {
    const root = await superUser();
    await expectRolledBackWhenAuditFails(t.db, ["frameworks"], () =>
      importFramework(t.db, root, { text: frameworkText("ita-2590", 2590), publish: true }),
    );
  });

  it("imports from the command line: ten mistakes exit 1 with their places, a correct file --publish exits 0", async () => {
    const env = { DATABASE_URL: t.url };
    const bad = await runCliInProcess(program, ["framework", "import", MISTAKES], { env });
    expect(bad.code).toBe(1);
    expect(bad.stdout.split("\n")[0]).toBe(`ไฟล์ ${MISTAKES} มีข้อผิดพลาด 10 รายการ:`);
    expect(bad.stdout).toContain("- items.IIT[1].scale: i2: ไม่รู้จักมาตรวัด scale5 (ไม่มีใน scales)\n");
    expect(bad.stderr).toContain("nothing stored");

    const file = path.join(scratch, `ita-2572-${flavour}.json`);
    fs.writeFileSync(file, frameworkText("ita-2572", 2572));
    const good = await runCliInProcess(program, ["framework", "import", file, "--publish"], { env });
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toBe("นำเข้า ita-2572 แล้ว: เผยแพร่แล้ว ใช้กับรอบการประเมินได้\n");
    const again = await runCliInProcess(program, ["framework", "import", file, "--format", "json"], { env });
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout).errors[0].path).toBe("id");
    const row = await t.db
      .selectFrom("frameworks")
      .select(["status", "created_by"])
      .where("id", "=", "ita-2572")
      .executeTakeFirst();
    expect(row).toEqual({ status: "published", created_by: null });

    // `ita analyze` reads the imported framework from the database, also in a process that has not met it.
    clearFrameworkCache();
    const indicators = (JSON.parse(frameworkText("ita-2572", 2572)) as { indicators: { number: number }[] }).indicators;
    const scores = Object.fromEntries(indicators.map((i) => [String(i.number), 90]));
    const analysed = await runCliInProcess(program, ["analyze", "-"], {
      env,
      stdin: JSON.stringify({ framework: "ita-2572", indicator_scores: scores }),
    });
    expect(analysed.code, analysed.stderr).toBe(0);
    expect(JSON.parse(analysed.stdout)).toMatchObject({ framework: "ita-2572", overall: 90 });
    const unknown = await runCliInProcess(program, ["analyze", "-"], {
      env,
      stdin: JSON.stringify({ framework: "ita-2599", indicator_scores: scores }),
    });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown framework "ita-2599"');
  });
});
