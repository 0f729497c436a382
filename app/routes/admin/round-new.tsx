import { redirect } from "react-router";
import { AdminError } from "../../components/admin-error";
import { RoundForm } from "../../components/round-form";
import { useT, pageTitle } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { createRound, newRoundForm } from "../../services/rounds/rounds.server";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { formInput, invalidForm, readForm } from "../../server/http.server";
import type { Route } from "./+types/round-new";

export const meta: Route.MetaFunction = ({ matches }) =>
  pageTitle(matches, { th: "สร้างรอบการประเมิน", en: "New assessment round" });

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.manageRounds });
  return newRoundForm(await getDb(), user);
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request, { roles: ROLES.manageRounds });
  const result = await createRound(await getDb(), user, formInput(await readForm(request)));
  if (!result.ok) return invalidForm(result.errors);
  throw redirect(`/admin/rounds/${result.id}`);
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
        samples={loaderData.samples}
        errors={actionData?.errors}
        submit={{ th: "สร้างรอบการประเมิน", en: "Create round" }}
      />
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <AdminError error={error} />;
}
