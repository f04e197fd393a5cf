import { describe, expect, it } from "vitest";
import { createBatcher, type Outcome } from "./batcher.ts";

/** A write that records each batch and answers when the test releases it. */
function gatedWrite(fail?: (items: readonly number[]) => boolean) {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  const write = async (items: readonly number[]): Promise<Outcome<number>[]> => {
    batches.push([...items]);
    await new Promise<void>((r) => gates.push(r));
    if (fail?.(items)) throw new Error(`batch of ${items.length} failed`);
    return items.map((n) =>
      n < 0 ? { ok: false, error: new Error(`bad ${n}`) } : { ok: true, value: n * 10 },
    );
  };
  const releaseAll = async () => {
    for (let round = 0; round < 50 && (gates.length > 0 || round < 3); round++) {
      while (gates.length > 0) gates.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { write, batches, releaseAll };
}

/** One turn of the event loop: the batcher starts its writes in the check phase. */
const turn = () => new Promise((r) => setImmediate(r));

describe("group commit batcher", () => {
  it("writes a lone item in its own turn and gathers the ones that arrive while writers are busy", async () => {
    const g = gatedWrite();
    const submit = createBatcher(g.write, { maxBatch: 3, inFlight: 1 });
    const first = submit(1);
    expect(g.batches).toEqual([]);
    await turn();
    expect(g.batches).toEqual([[1]]);
    const rest = [2, 3, 4, 5, 6].map((n) => submit(n));
    await turn();
    expect(g.batches).toHaveLength(1);
    await g.releaseAll();
    expect(await first).toBe(10);
    expect(await Promise.all(rest)).toEqual([20, 30, 40, 50, 60]);
    // 2..6 waited behind the first write and went in batches of at most three, in arrival order.
    expect(g.batches).toEqual([[1], [2, 3, 4], [5, 6]]);
    expect(submit.sizes).toEqual([1, 3, 2]);
  });

  it("gathers the items of one turn", async () => {
    const g = gatedWrite();
    const submit = createBatcher(g.write, { maxBatch: 10, inFlight: 1 });
    const first = [1, 2].map((n) => submit(n));
    await turn();
    const more = [3, 4, 5].map((n) => submit(n));
    await turn();
    // 1 and 2 arrived in the same turn and went together; 3..5 wait for that write.
    expect(g.batches).toEqual([[1, 2]]);
    const later = submit(6);
    await g.releaseAll();
    expect(await Promise.all([...first, ...more, later])).toEqual([10, 20, 30, 40, 50, 60]);
    expect(g.batches).toEqual([
      [1, 2],
      [3, 4, 5, 6],
    ]);
  });

  it("runs up to inFlight writes at the same time", async () => {
    const g = gatedWrite();
    const submit = createBatcher(g.write, { maxBatch: 2, inFlight: 2 });
    const all = [1, 2, 3, 4, 5, 6].map((n) => submit(n));
    await turn();
    expect(g.batches).toEqual([
      [1, 2],
      [3, 4],
    ]);
    await g.releaseAll();
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50, 60]);
    expect(g.batches).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
  });

  it("answers each item with its own outcome", async () => {
    const g = gatedWrite();
    const submit = createBatcher(g.write, { maxBatch: 10, inFlight: 1 });
    const all = [1, -2, 3].map((n) =>
      submit(n).then(
        (v) => `ok ${v}`,
        (e: Error) => e.message,
      ),
    );
    await g.releaseAll();
    expect(await Promise.all(all)).toEqual(["ok 10", "bad -2", "ok 30"]);
  });

  it("writes each item of a failed batch again on its own, so only the bad one fails", async () => {
    // A batch containing 13 fails as a whole (as a statement breaking a constraint would).
    const g = gatedWrite((items) => items.includes(13));
    const submit = createBatcher(g.write, { maxBatch: 10, inFlight: 1 });
    const first = submit(1);
    await turn();
    const all = [12, 13, 14].map((n) =>
      submit(n).then(
        (v) => `ok ${v}`,
        (e: Error) => e.message,
      ),
    );
    await g.releaseAll();
    expect(await first).toBe(10);
    expect(await Promise.all(all)).toEqual(["ok 120", "batch of 1 failed", "ok 140"]);
    expect(g.batches).toEqual([[1], [12, 13, 14], [12], [13], [14]]);
  });

  it("rejects every caller when the database is gone, and keeps working afterwards", async () => {
    let down = true;
    const submit = createBatcher(
      async (items: readonly number[]): Promise<Outcome<number>[]> => {
        if (down) throw new Error("connection refused");
        return items.map((n) => ({ ok: true, value: n }));
      },
      { maxBatch: 10, inFlight: 1 },
    );
    const results = await Promise.allSettled([1, 2, 3].map((n) => submit(n)));
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    down = false;
    expect(await submit(7)).toBe(7);
  });
});
