import { Link, redirect } from "react-router";
import { DataName } from "../../components/data-name";
import { groupKindLabel } from "../../lib/groups";
import { pageTitle, useT } from "../../lib/i18n";
import { ROLES } from "../../lib/roles";
import { requireUser } from "../../server/auth.server";
import { getDb } from "../../server/db.server";
import { getSuperviseHome } from "../../services/groups/league.server";
import type { Route } from "./+types/index";

export const meta: Route.MetaFunction = ({ matches }) =>
  pageTitle(matches, { th: "ภาพรวมกลุ่มหน่วยงาน", en: "Agency groups" });

// A supervisor goes straight to their group; a super-administrator chooses one.
export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request, { roles: ROLES.supervise });
  const home = await getSuperviseHome(await getDb(), user);
  if (home.groupId) throw redirect(`/supervise/groups/${home.groupId}`);
  return { groups: home.groups };
}

export default function SuperviseHome({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <h1>{t({ th: "ภาพรวมกลุ่มหน่วยงาน", en: "Agency groups" })}</h1>
      {loaderData.groups.length === 0 ? (
        <p className="notice">
          {t({ th: "ยังไม่มีกลุ่มหน่วยงาน", en: "No agency groups yet." })}{" "}
          <Link to="/admin/groups">{t({ th: "เพิ่มกลุ่ม", en: "Add a group" })}</Link>
        </p>
      ) : (
        <ul className="card-list">
          {loaderData.groups.map((g) => (
            <li key={g.id} className="card">
              <Link to={`/supervise/groups/${g.id}`}>
                <DataName th={g.nameTh} en={g.nameEn} />
              </Link>{" "}
              <span className="muted">· {t(groupKindLabel(g.kind))}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
