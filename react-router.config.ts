import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  // BUILD_DIR lets several builds live side by side (e.g. parallel work); the default is build/.
  buildDirectory: process.env.BUILD_DIR ?? "build",
  future: {
    // Opt in to React Router v8 behaviour now (quiet build, no surprise at the upgrade); middleware
    // stays off because the server passes a plain load context (CSP nonce, client address).
    v8_middleware: false,
    v8_splitRouteModules: true,
    v8_viteEnvironmentApi: true,
    v8_passThroughRequests: true,
    v8_trailingSlashAwareDataRequests: true,
  },
} satisfies Config;
