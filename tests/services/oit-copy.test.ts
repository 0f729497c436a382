import { describe, expect, it } from "vitest";
import { copyOitFromPreviousRound, getOitPage, saveOitAnswers } from "../../app/services/oit.server";
import { listOitAnswers } from "../../db/repositories/oit";
import { FLAVOURS } from "../support/databases";
import { actorOf, createAgencySetup, createRound, createUser } from "../support/factories";
import { expectRolledBackWhenAuditFails, useServiceDb } from "../support/service-db";

// Starting a round's OIT checklist from the agency's previous round: answers and links copied (mapped through the
// frameworks' correspondence when the years differ), each marked "to re-check" until an officer saves it.

describe.each(FLAVOURS)("copying last round's OIT links on %s", (flavour) => {
  const t = useServiceDb(flavour);
  const copiesOf = (roundId: string) =>
    t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "oit.copy")
      .where("entity_id", "=", roundId)
      .execute();
  const at = (iso: string) => ({ created_at: iso, updated_at: iso });

  /** An agency whose 2565 round (framework ita-2565) has answers, and a new 2566 round (framework ita-2566). */
  async function twoYears() {
    const setup = await createAgencySetup(t.db, {
      fiscal_year: 2566,
      framework: "ita-2566",
      ...at("2026-11-01T00:00:00Z"),
    });
    const last = await createRound(t.db, setup.agency.id, {
      fiscal_year: 2565,
      framework: "ita-2565",
      ...at("2025-11-01T00:00:00Z"),
    });
    await saveOitAnswers(t.db, setup.admin, last.id, {
      has_o1: "1",
      urls_o1: "https://www.x.go.th/structure",
      note_o1: "หน้าโครงสร้าง",
      resp_o1: "สำนักปลัด",
      // 2566 o11 merges 2565 o10 (annual plan) and o18 (budget spending plan).
      has_o10: "1",
      urls_o10: "https://www.x.go.th/plan",
      has_o18: "0",
      urls_o18: "https://www.x.go.th/budget",
      has_o3: "0",
    });
    return { ...setup, last };
  }

  it("copies the previous round's answers through the 2565→2566 correspondence, each marked to re-check, with one audit entry", async () => {
    const { round, last, admin, agency } = await twoYears();
    const copied = await copyOitFromPreviousRound(t.db, admin, round.id, {});
    expect(copied).toMatchObject({
      ok: true,
      fromRound: { id: last.id, fiscalYear: 2565 },
      copied: ["o1", "o3", "o11"],
    });
    if (!copied.ok) return;
    expect(copied.notCopied).toHaveLength(40);
    expect(copied.notCopied).toContain("o10"); // personal-data policy: new in 2566

    const answers = await listOitAnswers(t.db, round.id);
    expect([...answers.keys()].sort()).toEqual(["o1", "o11", "o3"]);
    expect(answers.get("o1")).toMatchObject({
      has: true,
      urls: ["https://www.x.go.th/structure"],
      note: "หน้าโครงสร้าง",
      responsible: "สำนักปลัด",
      recheck: true,
      copiedFrom: last.id,
      updatedBy: admin.id,
    });
    expect(answers.get("o11")).toMatchObject({
      has: true,
      urls: ["https://www.x.go.th/plan", "https://www.x.go.th/budget"],
      recheck: true,
    });
    expect(answers.get("o3")).toMatchObject({ has: false, urls: [], recheck: true });
    // The previous round is untouched.
    expect((await listOitAnswers(t.db, last.id)).get("o1")).toMatchObject({ recheck: false, copiedFrom: null });

    const entries = await copiesOf(round.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ agency_id: agency.id, user_id: admin.id, entity: "round", entity_id: round.id });
    expect(JSON.parse(entries[0]!.detail!)).toEqual({
      fromRound: last.id,
      fromFramework: "ita-2565",
      copied: 3,
      replaced: 0,
    });
  });

  it("shows each item's guidance, its place in last year's checklist, its re-check mark and the copy choice on the page", async () => {
    const { round, last, admin } = await twoYears();
    const before = await getOitPage(t.db, admin, round.id);
    expect(before.copy).toEqual({
      fromRound: { id: last.id, fiscalYear: 2565, title: null, framework: "ita-2565" },
      mappable: true,
      started: 0,
    });
    await copyOitFromPreviousRound(t.db, admin, round.id, {});
    const page = await getOitPage(t.db, admin, round.id);
    const rows = page.groups.flatMap((g) => g.items);
    const o11 = rows.find((r) => r.id === "o11")!;
    expect(o11.previous).toEqual({
      kind: "continues",
      framework: "ita-2565",
      items: ["o10", "o18"],
      status: "inferred",
    });
    expect(o11.evidence?.status).toBe("inferred");
    expect(o11.evidence?.th).toContain("แผนดำเนินงาน");
    expect(o11.answer?.recheck).toBe(true);
    expect(rows.find((r) => r.id === "o10")!.previous).toMatchObject({ kind: "new" });
    expect(page.copy?.started).toBe(3);
  });

  it("clears an item's re-check mark when the officer saves that item, even unchanged, but not on a whole-page save of other items", async () => {
    const { round, admin } = await twoYears();
    await copyOitFromPreviousRound(t.db, admin, round.id, {});
    // A whole-page save that leaves o1 as it is keeps its mark; the changed o3 loses its mark.
    await saveOitAnswers(t.db, admin, round.id, {
      group: "9.1",
      has_o1: "1",
      urls_o1: "https://www.x.go.th/structure",
      note_o1: "หน้าโครงสร้าง",
      resp_o1: "สำนักปลัด",
      has_o3: "1",
      urls_o3: "https://www.x.go.th/duties",
    });
    let answers = await listOitAnswers(t.db, round.id);
    expect(answers.get("o1")!.recheck).toBe(true);
    expect(answers.get("o3")!.recheck).toBe(false);
    // The item's own save ("checked, still right") clears it although nothing changed, with an audit entry.
    const saved = await saveOitAnswers(t.db, admin, round.id, {
      item: "o1",
      has_o1: "1",
      urls_o1: "https://www.x.go.th/structure",
      note_o1: "หน้าโครงสร้าง",
      resp_o1: "สำนักปลัด",
    });
    expect(saved).toMatchObject({ ok: true, changed: 1 });
    answers = await listOitAnswers(t.db, round.id);
    expect(answers.get("o1")).toMatchObject({ recheck: false, has: true, urls: ["https://www.x.go.th/structure"] });
    expect(answers.get("o11")!.recheck).toBe(true);
  });

  it("refuses when the round already has answers unless confirmed, and then replaces the copied items only", async () => {
    const { round, admin } = await twoYears();
    await saveOitAnswers(t.db, admin, round.id, { has_o1: "0", has_o2: "1", urls_o2: "https://www.x.go.th/boss" });
    const refused = await copyOitFromPreviousRound(t.db, admin, round.id, {});
    expect(refused).toEqual({
      ok: false,
      errors: [
        {
          field: "confirm",
          message:
            "This round's checklist already has 2 answered items: tick the box to replace them with last round's.",
          messageTh: "แบบตรวจรอบนี้มีคำตอบแล้ว 2 ข้อ หากต้องการแทนที่ด้วยของรอบก่อน กรุณาเลือกช่องยืนยัน",
        },
      ],
    });
    expect((await listOitAnswers(t.db, round.id)).get("o1")).toMatchObject({ has: false, recheck: false });
    expect(await copiesOf(round.id)).toHaveLength(0);

    const confirmed = await copyOitFromPreviousRound(t.db, admin, round.id, { confirm: "1" });
    expect(confirmed.ok).toBe(true);
    const answers = await listOitAnswers(t.db, round.id);
    expect(answers.get("o1")).toMatchObject({ has: true, recheck: true });
    // o2 had nothing last round: the officer's answer stays.
    expect(answers.get("o2")).toMatchObject({ has: true, urls: ["https://www.x.go.th/boss"], recheck: false });
  });

  it("refuses when the agency has no earlier round with answers, or another agency's round is the only one", async () => {
    const { round, admin } = await createAgencySetup(t.db, { fiscal_year: 2566, framework: "ita-2566" });
    const other = await createAgencySetup(t.db, { fiscal_year: 2565 });
    await saveOitAnswers(t.db, other.admin, other.round.id, { has_o1: "1", urls_o1: "https://o.go.th/" });
    const result = await copyOitFromPreviousRound(t.db, admin, round.id, {});
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: "copy",
          message: "There is no earlier round of this agency with OIT answers to copy.",
          messageTh: "ไม่พบรอบก่อนหน้าของหน่วยงานที่มีคำตอบ OIT ให้คัดลอก",
        },
      ],
    });
    expect((await getOitPage(t.db, admin, round.id)).copy).toBeNull();
  });

  it("refuses when the previous round's framework is later than this one's (no correspondence leads there)", async () => {
    const setup = await createAgencySetup(t.db, { fiscal_year: 2566, framework: "ita-2565" });
    const last = await createRound(t.db, setup.agency.id, { fiscal_year: 2565, framework: "ita-2568" });
    await saveOitAnswers(t.db, setup.admin, last.id, { has_o1: "1", urls_o1: "https://x.go.th/" });
    const result = await copyOitFromPreviousRound(t.db, setup.admin, setup.round.id, {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.field).toBe("copy");
    expect((await listOitAnswers(t.db, setup.round.id)).size).toBe(0);
  });

  it("is for officers who may edit the checklist: a viewer is refused", async () => {
    const { round, viewer } = await twoYears();
    await expect(copyOitFromPreviousRound(t.db, viewer, round.id, {})).rejects.toMatchObject({ status: 403 });
    const stranger = actorOf(await createUser(t.db, "admin", (await createAgencySetup(t.db)).agency.id));
    await expect(copyOitFromPreviousRound(t.db, stranger, round.id, {})).rejects.toMatchObject({ status: 404 });
  });

  it("rolls back the copied answers when the audit entry cannot be written", async () => {
    const { round, admin } = await twoYears();
    await expectRolledBackWhenAuditFails(t.db, ["oit_answers"], () =>
      copyOitFromPreviousRound(t.db, admin, round.id, {}),
    );
  });
});
