import "@fontsource/sarabun/thai-400.css";
import "@fontsource/sarabun/thai-700.css";
import "@fontsource/sarabun/latin-400.css";
import "@fontsource/sarabun/latin-700.css";
import "./styles/app.css";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from "react-router";
import type { Route } from "./+types/root";
import { common, langFromRequest, useT, type Lang } from "./lib/i18n";
import { useNonce } from "./components/nonce";

export const links: Route.LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

export async function loader({ request }: Route.LoaderArgs) {
  return { lang: langFromRequest(request) };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData("root") as { lang?: Lang } | undefined;
  const nonce = useNonce();
  return (
    <html lang={data?.lang ?? "th"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

type TooLarge = { error?: unknown; errorTh?: unknown };

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const t = useT();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  // A body over its limit (413) says why and how large a body the page takes, in Thai and English.
  const detail = isRouteErrorResponse(error) && error.status === 413 ? (error.data as TooLarge | null) : null;
  const tooLarge =
    typeof detail?.errorTh === "string" && typeof detail.error === "string"
      ? { th: detail.errorTh, en: detail.error }
      : null;
  return (
    <main className="page narrow">
      <h1>
        {tooLarge
          ? t({ th: "ข้อมูลที่ส่งมีขนาดใหญ่เกินไป", en: "The data sent is too large" })
          : t(notFound ? common.notFoundTitle : common.errorTitle)}
      </h1>
      <p>{tooLarge ? t(tooLarge) : t(notFound ? common.notFoundBody : common.errorBody)}</p>
      <p>
        <a href="/">{t(common.backHome)}</a>
      </p>
    </main>
  );
}
