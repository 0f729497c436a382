import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { get, post, useTestApp } from "../support/app";
import { FLAVOURS } from "../support/databases";
import { randomAnswers, readFramework, seededRandom } from "../support/answers";

// Issue 14, item 5 and issue 16, item 5: a super-administrator acting for agency A works in A only (agency B's
// users, rounds, channels and agency page do not exist for that session: 404, nothing written) and has the
// agency administrator's abilities in A (keying in paper answers, the round page's entry and report links).
// Acting for none, the cross-agency actions (any agency's users) stay, each audited with its agency.
const FRAMEWORK = readFramework("ita-2565");

describe.each(FLAVOURS)("a super-administrator's acting scope on %s", (flavour) => {
  const { server, db, agencies, cookies } = useTestApp({ flavour, agencies: ["a", "b"], signIn: ["super"] });
  const { a, b } = agencies;

  const userId = async (email: string) =>
    (await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
  const auditCount = async (action: string) =>
    (await db.selectFrom("audit_log").select("id").where("action", "=", action).execute()).length;
  const enter = async (agencyId: string) =>
    expect((await post(server, "/admin/acting-agency", cookies.super, { intent: "enter", agencyId })).status).toBe(302);
  const leave = async () =>
    expect((await post(server, "/admin/acting-agency", cookies.super, { intent: "leave" })).status).toBe(302);

  it("refuses agency B's users to a super-administrator acting for A: link, disable and enable are 404", async () => {
    await enter(a.id);
    try {
      const bViewer = await userId(b.users.viewer);
      const links = await db.selectFrom("password_tokens").select("id").execute();
      const before = await auditCount("user.reset-link");
      const link = await post(server, "/admin/users", cookies.super, { intent: "link", userId: bViewer });
      expect(link.status).toBe(404);
      expect(await link.text()).not.toContain("/password/");
      expect((await db.selectFrom("password_tokens").select("id").execute()).length).toBe(links.length);
      expect(await auditCount("user.reset-link")).toBe(before);

      for (const intent of ["disable", "enable"]) {
        const res = await post(server, "/admin/users", cookies.super, { intent, userId: bViewer });
        expect(res.status, intent).toBe(404);
      }
      const row = await db.selectFrom("users").select("disabled").where("id", "=", bViewer).executeTakeFirstOrThrow();
      expect(Number(row.disabled)).toBe(0);
      expect(await auditCount("user.disable")).toBe(0);

      // Another super-administrator's account is not agency A's either.
      const superId = await userId("super@test.go.th");
      expect((await post(server, "/admin/users", cookies.super, { intent: "link", userId: superId })).status).toBe(404);

      // Agency A's own users: managed as A's administrator would.
      const aViewer = await userId(a.users.viewer);
      const own = await post(server, "/admin/users", cookies.super, { intent: "link", userId: aViewer });
      expect(own.status).toBe(200);
      expect(await own.text()).toContain("/password/");
    } finally {
      await leave();
    }
  });

  it("refuses agency B's round results, channels and agency page to a super-administrator acting for A", async () => {
    await enter(a.id);
    try {
      for (const path of [
        `/admin/rounds/${b.roundId}`,
        `/admin/rounds/${b.roundId}/results`,
        `/admin/rounds/${b.roundId}/channels`,
        `/admin/rounds/${b.roundId}/oit`,
        `/admin/rounds/${b.roundId}/responses/csv`,
        `/api/rounds/${b.roundId}/results`,
        `/admin/agencies/${b.id}`,
      ]) {
        expect((await get(server, path, cookies.super)).status, path).toBe(404);
      }
      const channel = await post(server, `/admin/rounds/${b.roundId}/channels`, cookies.super, {
        key: "intruder",
        name: "ช่องทางที่ไม่ควรเกิดขึ้น",
      });
      expect(channel.status).toBe(404);
      const added = await db.selectFrom("eit_channels").select("key").where("key", "=", "intruder").execute();
      expect(added).toEqual([]);
      const agencyEdit = await post(server, `/admin/agencies/${b.id}`, cookies.super, {
        intent: "create",
        email: "intruder@b.test.go.th",
        role: "admin",
      });
      expect(agencyEdit.status).toBe(404);
      expect(
        await db.selectFrom("users").select("id").where("email", "=", "intruder@b.test.go.th").executeTakeFirst(),
      ).toBeUndefined();

      // Agency A's round is open to the same session.
      expect((await get(server, `/admin/rounds/${a.roundId}/results`, cookies.super)).status).toBe(200);
      expect((await get(server, `/admin/rounds/${a.roundId}/channels`, cookies.super)).status).toBe(200);
    } finally {
      await leave();
    }
  });

  it("lets a super-administrator acting for A key in a paper answer, and shows the entry and report links", async () => {
    const hubBefore = await (await get(server, `/admin/rounds/${a.roundId}`, cookies.super)).text();
    expect(hubBefore).not.toContain(`/admin/rounds/${a.roundId}/entry"`);
    expect((await get(server, `/admin/rounds/${a.roundId}/entry`, cookies.super)).status).toBe(403);
    await enter(a.id);
    try {
      const hub = await (await get(server, `/admin/rounds/${a.roundId}`, cookies.super)).text();
      expect(hub).toContain(`/admin/rounds/${a.roundId}/entry"`);
      expect(hub).toContain(`/admin/rounds/${a.roundId}/report"`);
      expect((await get(server, `/admin/rounds/${a.roundId}/entry?instrument=eit`, cookies.super)).status).toBe(200);

      const submissionId = crypto.randomUUID();
      const res = await fetch(`${server.url}/admin/rounds/${a.roundId}/entry/submit?instrument=eit&channel=paper`, {
        method: "POST",
        headers: { cookie: cookies.super, origin: server.url, "content-type": "application/json" },
        body: JSON.stringify({
          answers: randomAnswers(FRAMEWORK, "EIT", seededRandom(7)),
          submissionId,
          serial: "S-1",
        }),
      });
      expect(res.status).toBe(201);
      const stored = await db
        .selectFrom("eit_responses")
        .select("round_id")
        .where("submission_id", "=", submissionId)
        .execute();
      expect(stored.map((r) => r.round_id)).toEqual([a.roundId]);

      // …in agency A only: agency B's entry is 404.
      const other = await fetch(`${server.url}/admin/rounds/${b.roundId}/entry/submit?instrument=eit&channel=paper`, {
        method: "POST",
        headers: { cookie: cookies.super, origin: server.url, "content-type": "application/json" },
        body: JSON.stringify({
          answers: randomAnswers(FRAMEWORK, "EIT", seededRandom(8)),
          submissionId: crypto.randomUUID(),
          serial: "S-2",
        }),
      });
      expect(other.status).toBe(404);
    } finally {
      await leave();
    }
  });

  it("keeps a super-administrator acting for no agency on the cross-agency user actions, each audited with its agency", async () => {
    const bViewer = await userId(b.users.viewer);
    const link = await post(server, "/admin/users", cookies.super, { intent: "link", userId: bViewer });
    expect(link.status).toBe(200);
    const entry = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "user.reset-link")
      .where("entity_id", "=", bViewer)
      .executeTakeFirstOrThrow();
    expect(entry.agency_id).toBe(b.id);
    // Round work in an agency needs the agency chosen first: keying in is the agency's own work.
    expect((await get(server, `/admin/rounds/${b.roundId}/entry`, cookies.super)).status).toBe(403);
  });
});
