// The one table `npm run bench` ends with: each benchmark (run by bench/run.ts in its own process)
// reports its headline figures here; run.ts reads them back and prints them together. Not a benchmark.
import fs from "node:fs";

export type SummaryRow = { measure: string; value: string; target?: string; note?: string };

/** Appends rows to the file named by BENCH_SUMMARY (set by bench/run.ts); does nothing when run alone. */
export function report(...rows: SummaryRow[]): void {
  const file = process.env.BENCH_SUMMARY;
  if (!file) return;
  fs.appendFileSync(file, rows.map((r) => `${JSON.stringify(r)}\n`).join(""));
}

export function readReport(file: string): SummaryRow[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SummaryRow);
}

/** A Markdown table (also readable in a terminal). */
export function formatSummary(rows: SummaryRow[]): string {
  const header = ["measure", "value", "target", "note"];
  const cells = rows.map((r) => [r.measure, r.value, r.target ?? "", r.note ?? ""]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.map(line)].join("\n");
}
