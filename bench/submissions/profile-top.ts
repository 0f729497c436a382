// `npx tsx bench/submissions/profile-top.ts DIR [N]`: the N functions (default 25) with the most self time over
// every V8 CPU profile (*.cpuprofile) in DIR, as written by `npm run bench -- submissions --profile DIR`.
// Measurement only, never loaded by the app.
import fs from "node:fs";
import path from "node:path";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const [dir, count = "25"] = process.argv.slice(2);
if (!dir) throw new Error("usage: profile-top.ts DIR [N]");
const self = new Map<string, number>();
let total = 0;
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    const where = frame.url
      ? `${frame.url.replace(/^.*\/(node_modules|build|app|db)\//, "$1/")}:${frame.lineNumber + 1}`
      : "";
    const key = `${frame.functionName || "(anonymous)"} ${where}`.trim();
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    self.set(key, (self.get(key) ?? 0) + ms);
    total += ms;
  });
}
const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(count));
console.log(`self time over ${total.toFixed(0)} ms of samples`);
for (const [key, ms] of top)
  console.log(`${((ms / total) * 100).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(6)} ms  ${key}`);
