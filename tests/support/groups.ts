import crypto from "node:crypto";
import { recountRound } from "../../app/services/results/recount.server";
import type { Db } from "../../db/client";
import { releaseIit } from "../../db/repositories/iit-release";
import { saveOitAnswers } from "../../db/repositories/oit";
import type { RoundTable } from "../../db/schema";
import { randomAnswers, readFramework, seededRandom } from "./answers";
import { createAgency, createRound, createUser, type UserRow } from "./factories";

// Agency groups for the supervisor tests (issue 18): a small nation of nested groups and agencies whose rounds
// are open, closed with the IIT released, draft, or missing.

const fw = readFramework("ita-2565");

/** Stores raw answers straight into a round, as the submission path would, and rebuilds its kept counts. */
export async function answerRound(db: Db, round: RoundTable, seed: number, iit: number, eit: number): Promise<void> {
  const random = seededRandom(seed);
  for (let i = 0; i < iit; i++)
    await db
      .insertInto("iit_responses")
      .values({
        id: crypto.randomUUID(),
        round_id: round.id,
        framework: fw.id,
        submission_id: crypto.randomUUID(),
        answers: JSON.stringify(randomAnswers(fw, "IIT", random)),
      })
      .execute();
  for (let i = 0; i < eit; i++) {
    const answers = randomAnswers(fw, "EIT", random);
    await db
      .insertInto("eit_responses")
      .values({
        id: crypto.randomUUID(),
        round_id: round.id,
        framework: fw.id,
        submission_id: crypto.randomUUID(),
        channel: null,
        respondent_type: String(answers.respondent_type),
        day: "2569-01-05",
        answers: JSON.stringify(answers),
      })
      .execute();
  }
  await recountRound(db, round);
}

/** Marks every OIT item of the round: มี (with an evidence link) except every `every`-th, ไม่มี. */
export async function answerOit(db: Db, round: RoundTable, userId: string, every = 3): Promise<void> {
  const checklist = fw.oitItems.map((o, i) => ({
    item: o.id,
    has: i % every !== 0,
    urls: [`https://www.example.go.th/ita/${o.id}`],
    note: null,
    responsible: null,
  }));
  await saveOitAnswers(db, round.id, checklist, { userId, now: new Date().toISOString() });
}

/** Closes the round as its settings would, deciding the IIT release (IIT_MIN_GROUP 5). */
export async function closeRound(db: Db, round: RoundTable): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.updateTable("rounds").set({ status: "closed" }).where("id", "=", round.id).execute();
    await releaseIit(tx, round.id, 5, new Date().toISOString());
  });
}

export async function createGroup(
  db: Db,
  nameTh: string,
  kind: string,
  parentId: string | null = null,
): Promise<string> {
  const id = crypto.randomUUID();
  await db
    .insertInto("agency_groups")
    .values({ id, parent_id: parentId, name_th: nameTh, name_en: null, kind, created_at: new Date().toISOString() })
    .execute();
  return id;
}

export async function addMember(db: Db, groupId: string, agencyId: string): Promise<void> {
  await db.insertInto("agency_group_members").values({ group_id: groupId, agency_id: agencyId }).execute();
}

export interface Nation {
  groups: { country: string; provinceA: string; districtA1: string; provinceB: string; ministry: string };
  agencies: { released: string; open: string; idle: string; noRound: string; sibling: string };
  rounds: { releasedRound: RoundTable; openRound: RoundTable; siblingRound: RoundTable };
  /** An administrator of the released agency (who filled the OITs). */
  officer: UserRow;
  /** Supervises province A; signs in with the factories' PASSWORD. */
  supervisor: UserRow;
}

/**
 * Country → province A (→ district A1) and province B, and a ministry. Released: a closed round with 6 IIT,
 * 8 EIT and the OIT answered, in district A1. Open: 6 IIT and 7 EIT answers (IIT not released), in province A
 * and in the ministry. Idle: a draft round in district A1. No round: in province A. Sibling: a closed round in
 * province B. A supervisor of province A.
 */
export async function createNation(db: Db, supervisorEmail?: string): Promise<Nation> {
  const country = await createGroup(db, "ประเทศไทย", "country");
  const provinceA = await createGroup(db, "จังหวัดเอ", "province", country);
  const districtA1 = await createGroup(db, "อำเภอเอหนึ่ง", "district", provinceA);
  const provinceB = await createGroup(db, "จังหวัดบี", "province", country);
  const ministry = await createGroup(db, "กระทรวงทดสอบ", "ministry");
  const released = await createAgency(db, { name_th: "ก เทศบาลที่ปิดรอบแล้ว", type: "town-municipality", size: "M" });
  const officer = await createUser(db, "admin", released.id);
  const releasedRound = await createRound(db, released.id);
  await answerRound(db, releasedRound, 1, 6, 8);
  await answerOit(db, releasedRound, officer.id);
  await closeRound(db, releasedRound);
  await addMember(db, districtA1, released.id);

  const open = await createAgency(db, { name_th: "ข อบต.ที่ยังเปิดรอบ", type: "sao", size: "S" });
  const openRound = await createRound(db, open.id);
  await answerRound(db, openRound, 2, 6, 7);
  await answerOit(db, openRound, officer.id);
  await addMember(db, provinceA, open.id);
  await addMember(db, ministry, open.id);

  const idle = await createAgency(db, { name_th: "ค อบต.ที่ยังไม่เริ่ม", type: "sao", size: "S" });
  await createRound(db, idle.id, { status: "draft" });
  await addMember(db, districtA1, idle.id);
  const noRound = await createAgency(db, { name_th: "ง หน่วยงานที่ไม่มีรอบ", type: "sao", size: "L" });
  await addMember(db, provinceA, noRound.id);

  const sibling = await createAgency(db, { name_th: "จ เทศบาลจังหวัดบี", type: "town-municipality", size: "M" });
  const siblingRound = await createRound(db, sibling.id);
  await answerRound(db, siblingRound, 3, 6, 8);
  await answerOit(db, siblingRound, officer.id, 2);
  await closeRound(db, siblingRound);
  await addMember(db, provinceB, sibling.id);

  const supervisor = await createUser(db, "supervisor", null, supervisorEmail ? { email: supervisorEmail } : {});
  await db.insertInto("group_supervisors").values({ user_id: supervisor.id, group_id: provinceA }).execute();
  return {
    groups: { country, provinceA, districtA1, provinceB, ministry },
    agencies: { released: released.id, open: open.id, idle: idle.id, noRound: noRound.id, sibling: sibling.id },
    rounds: { releasedRound, openRound, siblingRound },
    officer,
    supervisor,
  };
}
