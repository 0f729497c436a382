// Preloaded into the app server by `npm run bench -- submissions --trace` (node --import): times every
// write transaction that better-sqlite3 runs (batch size, time in the transaction, in COMMIT — the
// fsync — and between transactions, where requests are read, validated and answered), and GC pauses.
// Prints one summary line per measure on exit. Measurement only: never loaded by the app itself.
import { createRequire } from "node:module";
import { PerformanceObserver } from "node:perf_hooks";

const SQLite = createRequire(import.meta.url)("better-sqlite3");
const batches = [];
const gcPauses = [];
let current = null;
let lastEnd = 0;

const prepare = SQLite.prototype.prepare;
SQLite.prototype.prepare = function (text) {
  const statement = prepare.call(this, text);
  const timed = (method) => {
    const original = statement[method];
    statement[method] = function (...args) {
      const start = performance.now();
      const result = original.apply(this, args);
      const end = performance.now();
      if (/^begin immediate/i.test(text)) current = { start, between: lastEnd ? start - lastEnd : 0, rows: 0 };
      else if (current && /^commit/i.test(text)) {
        batches.push({ ...current, transaction: end - current.start, commit: end - start });
        current = null;
        lastEnd = end;
      } else if (current && /^insert into "(iit|eit)_responses"/.test(text))
        current.rows += method === "all" ? result.length : result.changes;
      return result;
    };
  };
  timed("run");
  timed("all");
  return statement;
};

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcPauses.push(entry.duration);
}).observe({ entryTypes: ["gc"] });

process.on("exit", () => {
  const measured = batches.slice(Math.floor(batches.length / 5)); // leave out start-up and most of the warm-up
  const line = (name, values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
    const mean = values.reduce((a, b) => a + b, 0) / (values.length || 1);
    console.error(
      `trace ${name.padEnd(26)} mean ${mean.toFixed(2).padStart(6)}  p50 ${at(0.5).toFixed(2).padStart(6)}  p90 ${at(0.9).toFixed(2).padStart(6)}  p99 ${at(0.99).toFixed(2).padStart(6)}  max ${at(1).toFixed(2).padStart(6)}`,
    );
  };
  console.error(`trace ${measured.length} write transactions (the last 80 %)`);
  line(
    "batch size",
    measured.map((b) => b.rows),
  );
  line(
    "transaction ms",
    measured.map((b) => b.transaction),
  );
  line(
    "of it COMMIT (fsync) ms",
    measured.map((b) => b.commit),
  );
  line(
    "between transactions ms",
    measured.map((b) => b.between),
  );
  line("GC pause ms", gcPauses);
});
