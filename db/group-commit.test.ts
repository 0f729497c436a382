import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit";

describe("GroupCommit", () => {
  it("writes submissions that arrive together in one batch and answers each caller with its own outcome", async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit<number, string>(async (items) => {
      batches.push(items);
      return items.map((n) => `done ${n}`);
    });
    const answers = await Promise.all([1, 2, 3, 4].map((n) => commit.submit(n)));
    expect(answers).toEqual(["done 1", "done 2", "done 3", "done 4"]);
    expect(batches).toEqual([[1, 2, 3, 4]]);
  });

  it("collects what arrives during a write into the next batch, and never runs two writes at once", async () => {
    const batches: number[][] = [];
    let running = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const commit = new GroupCommit<number, number>(async (items) => {
      running++;
      expect(running).toBe(1);
      batches.push(items);
      if (batches.length === 1) await gate;
      running--;
      return items;
    });
    const first = commit.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3].map((n) => commit.submit(n));
    expect(commit.waiting).toBe(2);
    release();
    expect(await Promise.all([first, ...later])).toEqual([1, 2, 3]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it("retries each item alone when a batch fails, so one bad item fails only its own caller", async () => {
    const commit = new GroupCommit<number, number>(async (items) => {
      if (items.includes(13)) throw new Error("bad item");
      return items.map((n) => n * 2);
    });
    const results = await Promise.allSettled([1, 13, 3].map((n) => commit.submit(n)));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[0] as PromiseFulfilledResult<number>).value).toBe(2);
    expect((results[2] as PromiseFulfilledResult<number>).value).toBe(6);
  });

  it("splits a long queue into batches of at most maxBatch", async () => {
    const sizes: number[] = [];
    const commit = new GroupCommit<number, number>(async (items) => {
      sizes.push(items.length);
      return items;
    }, 3);
    await Promise.all(Array.from({ length: 7 }, (_, i) => commit.submit(i)));
    expect(sizes).toEqual([3, 3, 1]);
  });
});
