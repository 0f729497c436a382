import { data } from "react-router";
import { SiteHeader } from "../components/site-header";
import { common, useT } from "../lib/i18n";

export async function loader() {
  return data(null, { status: 404 });
}

export function meta() {
  return [{ title: "ไม่พบหน้าที่ต้องการ — ITA Survey" }];
}

export default function NotFound() {
  const t = useT();
  return (
    <>
      <SiteHeader />
      <main className="page narrow">
        <h1>{t(common.notFoundTitle)}</h1>
        <p>{t(common.notFoundBody)}</p>
        <p>
          <a href="/">{t(common.backHome)}</a>
        </p>
      </main>
    </>
  );
}
