import http from "node:http";

export type LoadResult = {
  all: number;
  requests: number;
  seconds: number;
  rate: number;
  p50: number;
  p99: number;
  statuses: Record<number, number>;
};

/**
 * Keeps `connections` keep-alive connections busy with POSTs for `seconds` (after `warmup` seconds
 * whose requests are not counted) and measures each request's latency.
 */
export async function runLoad(options: {
  url: string;
  connections: number;
  seconds: number;
  warmup: number;
  body: (n: number) => string;
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const target = new URL(options.url);
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let counter = 0;
  let all = 0;
  const start = performance.now();
  const measureFrom = start + options.warmup * 1000;
  const stopAt = measureFrom + options.seconds * 1000;

  const once = (payload: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: "POST",
          headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", reject);
      req.end(payload);
    });

  const worker = async () => {
    for (;;) {
      const sent = performance.now();
      if (sent >= stopAt) return;
      const status = await once(options.body(counter++));
      all++;
      const done = performance.now();
      if (sent >= measureFrom && done <= stopAt) {
        latencies.push(done - sent);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    all,
    requests: latencies.length,
    seconds: options.seconds,
    rate: latencies.length / options.seconds,
    p50: pick(0.5),
    p99: pick(0.99),
    statuses,
  };
}
