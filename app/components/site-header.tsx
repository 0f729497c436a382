import { Form, Link, useLocation } from "react-router";
import { common, useT } from "../lib/i18n";

/** The top bar of every page: the product name, the language switch and, optionally, extra links. */
export function SiteHeader({ children }: { children?: React.ReactNode }) {
  const t = useT();
  const location = useLocation();
  return (
    <header className="site-header">
      <Link to="/" className="brand">
        {t(common.appShort)}
      </Link>
      <nav className="site-nav">
        {children}
        <Form method="post" action="/lang" className="inline-form">
          <input type="hidden" name="back" value={location.pathname + location.search} />
          <button type="submit" className="link-button" name="to" value={t({ th: "en", en: "th" })}>
            {t(common.switchLang)}
          </button>
        </Form>
      </nav>
    </header>
  );
}
