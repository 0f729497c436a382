import { data, redirect } from "react-router";
import { findAgency, listAgencies } from "../../../db/repositories/agencies";
import { insertRound } from "../../../db/repositories/rounds";
import { AdminError } from "../../components/admin-error";
import { RoundForm } from "../../components/round-form";
import { audit } from "../../server/audit.server";
import { ROLES } from "../../lib/roles";
import { agencyScope, requireAgencyAccess, requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { useT } from "../../lib/i18n";
import { newId, newSlug, nowIso } from "../../server/ids.server";
import type { Route } from "./+types/round-new";
import { availableFrameworks, newRoundDefaults } from "../../services/rounds/defaults.server";
import { parseRoundForm } from "../../services/rounds/round-form.server";
import { readForm } from "../../server/http.server";

export const meta = () => [{ title: "สร้างรอบการประเมิน — ITA Survey" }];

const OTHER_AGENCY = {
  field: "agency_id",
  message: "You are working in another agency: create the round there, or stop working in it first.",
  messageTh: "ท่านกำลังทำงานในนามหน่วยงานอื่นอยู่ สร้างรอบได้เฉพาะของหน่วยงานนั้น หรือเลิกทำงานในนามหน่วยงานนั้นก่อน",
};

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.manageRounds });
  const db = await getDb();
  // The user's agency; a super-administrator's acting agency, or a choice of all agencies when there is none.
  const scope = agencyScope(user);
  const own = scope ? await findAgency(db, scope) : undefined;
  const agencies = user.role === "super" ? (own ? [own] : await listAgencies(db)) : undefined;
  const agency = own ?? agencies?.[0];
  return {
    values: newRoundDefaults(agency),
    frameworks: availableFrameworks(),
    agencies: agencies?.map((a) => ({ id: a.id, name_th: a.name_th })),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request, { roles: ROLES.manageRounds });
  const db = await getDb();
  const form = await readForm(request);
  const scope = agencyScope(user);
  const chosen = user.role === "super" ? String(form.get("agency_id") ?? "") : "";
  // A super-administrator working in one agency creates rounds there only (a form from before the switch is refused).
  if (user.role === "super" && scope && chosen && chosen !== scope)
    return data({ errors: [OTHER_AGENCY] }, { status: 400 });
  const agencyId = scope ?? chosen;
  const agency = agencyId ? await findAgency(db, agencyId) : undefined;
  if (!agency)
    return data(
      { errors: [{ field: "agency_id", message: "Choose an agency.", messageTh: "โปรดเลือกหน่วยงาน" }] },
      { status: 400 },
    );
  requireAgencyAccess(user, agency.id);
  const parsed = parseRoundForm(form, availableFrameworks());
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const id = newId();
  const now = nowIso();
  const slug = newSlug();
  await insertRound(db, { id, agency_id: agency.id, slug, ...parsed.value, created_at: now, updated_at: now });
  await audit(db, {
    user,
    agencyId: agency.id,
    action: "round.create",
    entity: "round",
    entityId: id,
    detail: {
      slug,
      fiscal_year: parsed.value.fiscal_year,
      framework: parsed.value.framework,
      status: parsed.value.status,
    },
  });
  throw redirect(`/admin/rounds/${id}`);
}

export default function RoundNew({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <h1>{t({ th: "สร้างรอบการประเมินใหม่", en: "New assessment round" })}</h1>
      <p className="muted">
        {t({
          th: "ค่าเริ่มต้นมาจากกรอบการประเมิน (จำนวนตัวอย่างขั้นต่ำตามประเภทและขนาดหน่วยงาน) แก้ไขได้ภายหลัง",
          en: "Defaults come from the framework (minimum samples by agency type and size); you can change them later.",
        })}
      </p>
      <RoundForm
        values={loaderData.values}
        frameworks={loaderData.frameworks}
        agencies={loaderData.agencies}
        errors={actionData?.errors}
        submit={{ th: "สร้างรอบการประเมิน", en: "Create round" }}
      />
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
