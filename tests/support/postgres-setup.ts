import { checkPostgres } from "./global-setup";

// The services tier needs PostgreSQL only (no build, no browser).
export default async function setup() {
  const problem = await checkPostgres();
  if (problem) throw new Error(`Test prerequisites missing:\n  - ${problem}`);
}
