import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Answers } from "../../app/ita/index";
import { get, post, useTestApp } from "../support/app";
import { readFramework } from "../support/answers";
import { FLAVOURS } from "../support/databases";

// Issue 16: EIT sheets keyed in by staff can be found, corrected and voided over HTTP: the serial is required and
// unique in the round, the list shows a clerk their own sheets, the void is a plain form (no JavaScript needed)
// behind a confirmation page, and another agency gets 404.
const fw = readFramework("ita-2565");

function sheetAt(level: number): Answers {
  const answers: Answers = {};
  for (const item of fw.items.EIT)
    answers[item.id] = item.subItems ? Object.fromEntries(item.subItems.map((_, i) => [String(i + 1), level])) : level;
  answers.respondent_type = "service";
  return answers;
}

describe.each(FLAVOURS)("keyed-in EIT sheets over HTTP on %s", (flavour) => {
  const { server, db, agencies, cookies } = useTestApp({
    flavour,
    agencies: ["a", "b"],
    signIn: ["a-clerk", "a-admin", "a-viewer", "b-admin"],
  });

  const key = (serial: string, level = 0) =>
    fetch(`${server.url}/admin/rounds/${agencies.a.roundId}/entry/submit?instrument=eit&channel=paper`, {
      method: "POST",
      headers: { cookie: cookies["a-clerk"], origin: server.url, "content-type": "application/json" },
      body: JSON.stringify({ answers: sheetAt(level), submissionId: crypto.randomUUID(), serial }),
    });
  const eitCount = async () =>
    Number(
      (
        await db
          .selectFrom("response_counts")
          .select("count")
          .where("round_id", "=", agencies.a.roundId)
          .where("instrument", "=", "eit")
          .executeTakeFirst()
      )?.count ?? 0,
    );
  const e2 = async (level: number) =>
    Number(
      (
        await db
          .selectFrom("tallies")
          .select("count")
          .where("round_id", "=", agencies.a.roundId)
          .where("item", "=", "e2")
          .where("level", "=", level)
          .executeTakeFirst()
      )?.count ?? 0,
    );

  it("keys in, lists, corrects and voids a sheet, refusing a repeated serial and other agencies", async () => {
    const entries = `/admin/rounds/${agencies.a.roundId}/entries`;
    expect((await key("P-0001")).status).toBe(201);
    const repeated = await key("P-0001");
    expect(repeated.status).toBe(409);
    expect(((await repeated.json()) as { errorTh: string }).errorTh).toContain("บันทึกไว้แล้วในรอบนี้");
    expect(await eitCount()).toBe(1);
    const id = (
      await db
        .selectFrom("keyed_entries")
        .select("response_id")
        .where("serial", "=", "P-0001")
        .executeTakeFirstOrThrow()
    ).response_id;

    expect(await (await get(server, `/admin/rounds/${agencies.a.roundId}`, cookies["a-clerk"])).text()).toContain(
      `${entries}"`,
    );
    const clerkList = await get(server, entries, cookies["a-clerk"]);
    expect(clerkList.status).toBe(200);
    const html = await clerkList.text();
    expect(html).toContain("P-0001");
    expect(html).toContain(`${entries}/${id}/void`);
    expect(await (await get(server, `${entries}?q=zz`, cookies["a-admin"])).text()).not.toContain(
      'data-serial="P-0001"',
    );
    expect(await (await get(server, entries, cookies["a-admin"])).text()).toContain("P-0001");
    expect((await get(server, entries, cookies["a-viewer"])).status).toBe(403);
    expect((await get(server, entries, cookies["b-admin"])).status).toBe(404);
    expect((await post(server, `${entries}/${id}/void`, cookies["b-admin"], {})).status).toBe(404);
    expect((await get(server, `${entries}/${id}`, cookies["a-clerk"])).status).toBe(200);

    const correct = (cookie: string, answers: unknown) =>
      fetch(`${server.url}${entries}/${id}/correct`, {
        method: "POST",
        headers: { cookie, origin: server.url, "content-type": "application/json" },
        body: JSON.stringify({ answers }),
      });
    expect((await correct(cookies["b-admin"], sheetAt(1))).status).toBe(404);
    expect((await correct(cookies["a-clerk"], { e2: 7 })).status).toBe(422);
    expect(await e2(0)).toBe(1);
    expect((await correct(cookies["a-clerk"], sheetAt(1))).status).toBe(200);
    expect(await e2(0)).toBe(0);
    expect(await e2(1)).toBe(1);

    const confirm = await get(server, `${entries}/${id}/void`, cookies["a-clerk"]);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain("ยืนยันการยกเลิก");
    const voided = await post(server, `${entries}/${id}/void`, cookies["a-clerk"], {});
    expect(voided.status).toBe(302);
    expect(voided.headers.get("location")).toBe(`${entries}?voided=P-0001`);
    expect(await eitCount()).toBe(0);
    expect(await e2(1)).toBe(0);
    const after = await (await get(server, `${entries}?voided=P-0001`, cookies["a-clerk"])).text();
    expect(after).toContain("ยกเลิกแบบสอบถามเลขที่ P-0001 แล้ว");
    expect(after).not.toContain('data-serial="P-0001"');
    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", agencies.a.roundId)
      .where("action", "like", "entry.%")
      .orderBy("id")
      .execute();
    expect(audit.map((e) => e.action)).toEqual(["entry.correct", "entry.void"]);
  });
});
