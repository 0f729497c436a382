import { z } from "zod";
import type { Db } from "../../db/client";
import {
  findAgency,
  insertAgency,
  listAgencies as listAgencyRows,
  updateAgency as updateAgencyRow,
  type Agency,
} from "../../db/repositories/agencies";
import { updateSessionActingAgency } from "../../db/repositories/sessions";
import { AGENCY_SIZES, AGENCY_TYPES } from "../lib/agency-types";
import { fieldErrorsFromZod, type FieldMessages, type Saved } from "../lib/forms";
import { audit } from "../server/audit.server";
import { assertCan, requireAgencyAccess, type SessionUser } from "../server/auth.server";
import { assertFound } from "../server/http.server";
import { newId, nowIso } from "../server/ids.server";

// Agencies: the super-administrator's list, creating and editing an agency, and working in one agency's
// name for a session (the acting agency). Every write commits together with its audit entry.

export interface AgencyView {
  id: string;
  nameTh: string;
  nameEn: string | null;
  type: string;
  size: string | null;
  staffCount: number | null;
  externalCount: number | null;
}

export function agencyView(row: Agency): AgencyView {
  return {
    id: row.id,
    nameTh: row.name_th,
    nameEn: row.name_en,
    type: row.type,
    size: row.size,
    staffCount: row.staff_count,
    externalCount: row.external_count,
  };
}

const count = z
  .union([z.literal(""), z.coerce.number().int().min(0).max(10_000_000)])
  .transform((v) => (v === "" ? null : v));

const agencySchema = z.object({
  name_th: z.string().trim().min(2).max(200),
  name_en: z
    .string()
    .trim()
    .max(200)
    .transform((v) => v || null),
  type: z.enum(AGENCY_TYPES.map((t) => t.code) as [string, ...string[]]),
  size: z.union([z.literal(""), z.enum(AGENCY_SIZES)]).transform((v) => v || null),
  staff_count: count,
  external_count: count,
});

const MESSAGES: FieldMessages = {
  name_th: ["The Thai name (2–200 characters).", "โปรดระบุชื่อหน่วยงานภาษาไทย (2–200 ตัวอักษร)"],
  name_en: ["At most 200 characters.", "ไม่เกิน 200 ตัวอักษร"],
  type: ["Choose a type.", "โปรดเลือกประเภทหน่วยงาน"],
  size: ["Choose S, M or L.", "โปรดเลือกขนาด S, M หรือ L"],
  staff_count: ["A whole number, or empty.", "ระบุเป็นจำนวนเต็ม หรือเว้นว่าง"],
  external_count: ["A whole number, or empty.", "ระบุเป็นจำนวนเต็ม หรือเว้นว่าง"],
};

/** The form's text fields as strings ("" when absent), so that a missing field is judged like an empty one. */
function agencyInput(input: Record<string, unknown>) {
  return Object.fromEntries(
    Object.keys(agencySchema.shape).map((k) => [k, typeof input[k] === "string" ? input[k] : ""]),
  );
}

export async function listAgencies(db: Db, actor: SessionUser): Promise<AgencyView[]> {
  assertCan(actor, "manageAgencies");
  return (await listAgencyRows(db)).map(agencyView);
}

export async function getAgency(
  db: Db,
  actor: SessionUser,
  agencyId: string,
): Promise<AgencyView & { actingHere: boolean }> {
  assertCan(actor, "manageAgencies");
  const agency = assertFound(await findAgency(db, agencyId));
  // Acting for one agency, another agency's page (its users, its settings) does not exist: leave it first.
  requireAgencyAccess(actor, agency.id);
  return { ...agencyView(agency), actingHere: actor.acting_agency_id === agency.id };
}

export async function createAgency(
  db: Db,
  actor: SessionUser,
  input: Record<string, unknown>,
): Promise<Saved<{ id: string }>> {
  assertCan(actor, "manageAgencies");
  const parsed = agencySchema.safeParse(agencyInput(input));
  if (!parsed.success) return { ok: false, errors: fieldErrorsFromZod(parsed.error, MESSAGES) };
  const id = newId();
  await db.transaction().execute(async (tx) => {
    await insertAgency(tx, { id, ...parsed.data, created_at: nowIso() });
    await audit(tx, {
      user: actor,
      agencyId: id,
      action: "agency.create",
      entity: "agency",
      entityId: id,
      detail: { name_th: parsed.data.name_th },
    });
  });
  return { ok: true, id };
}

export async function updateAgency(
  db: Db,
  actor: SessionUser,
  agencyId: string,
  input: Record<string, unknown>,
): Promise<Saved> {
  assertCan(actor, "manageAgencies");
  const agency = assertFound(await findAgency(db, agencyId));
  const parsed = agencySchema.safeParse(agencyInput(input));
  if (!parsed.success) return { ok: false, errors: fieldErrorsFromZod(parsed.error, MESSAGES) };
  await db.transaction().execute(async (tx) => {
    await updateAgencyRow(tx, agency.id, parsed.data);
    await audit(tx, {
      user: actor,
      agencyId: agency.id,
      action: "agency.update",
      entity: "agency",
      entityId: agency.id,
      detail: { name_th: parsed.data.name_th },
    });
  });
  return { ok: true };
}

/**
 * A super-administrator starts (agencyId) or stops (null) working in one agency on this session, so that the
 * agency-scoped pages serve that agency. `sessionId` is the stored id (sha256) of the request's session.
 */
export async function setActingAgency(
  db: Db,
  actor: SessionUser,
  input: { sessionId: string; agencyId: string | null },
): Promise<Saved<{ agencyId: string | null }>> {
  assertCan(actor, "actInAgency");
  if (input.agencyId === null) {
    const left = actor.acting_agency_id;
    await db.transaction().execute(async (tx) => {
      await updateSessionActingAgency(tx, input.sessionId, null);
      if (left)
        await audit(tx, { user: actor, agencyId: left, action: "agency.act-leave", entity: "agency", entityId: left });
    });
    return { ok: true, agencyId: left };
  }
  const agency = await findAgency(db, input.agencyId);
  if (!agency)
    return { ok: false, errors: [{ field: "agencyId", message: "Unknown agency.", messageTh: "ไม่พบหน่วยงานนี้" }] };
  await db.transaction().execute(async (tx) => {
    await updateSessionActingAgency(tx, input.sessionId, agency.id);
    await audit(tx, {
      user: actor,
      agencyId: agency.id,
      action: "agency.act",
      entity: "agency",
      entityId: agency.id,
      detail: { name_th: agency.name_th },
    });
  });
  return { ok: true, agencyId: agency.id };
}
