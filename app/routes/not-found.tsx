import { data } from "react-router";
import { SiteHeader } from "../components/site-header";
import { common, pageTitle, useT } from "../lib/i18n";

export async function loader() {
  return data(null, { status: 404 });
}

export function meta({ matches }: { matches: readonly unknown[] }) {
  return pageTitle(matches, common.notFoundTitle);
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
