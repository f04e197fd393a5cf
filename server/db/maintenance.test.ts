import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoNetwork } from "../seed/seed-demo.ts";
import { openTestDb } from "../test/harness.ts";
import { insertOpenCases } from "../test/open-cases.ts";
import type { Db } from "./index.ts";
import { analyzeEmbedded, startEmbeddedMaintenance } from "./maintenance.ts";

let db: Db;

beforeAll(async () => {
  db = await openTestDb();
  await seedDemoNetwork(db);
  await db.transaction((tx) => insertOpenCases(tx, { count: 300, closed: 200, now: new Date() }));
});
afterAll(() => db.close());

/** What the planner believes the cases table holds: -1 until statistics were gathered. */
async function plannerRows(): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    "SELECT reltuples::int AS n FROM pg_class WHERE relname = 'cases' AND relkind = 'r'",
  );
  return rows[0]!.n;
}

describe("the embedded database's maintenance (it has no autovacuum)", () => {
  it("gives the planner the real size of the tables (PostgreSQL: left to its autovacuum)", async () => {
    if (db.kind === "pg") {
      expect(await analyzeEmbedded(db, true)).toBe(0);
      expect(startEmbeddedMaintenance(db, 60, () => {})).toBeNull();
      return;
    }
    expect(await plannerRows()).toBe(-1);
    expect(await analyzeEmbedded(db, false)).toBeGreaterThan(0);
    expect(await plannerRows()).toBe(500);
    await db.transaction((tx) =>
      insertOpenCases(tx, { count: 100, now: new Date(), prefix: "MORE", seed: 7 }),
    );
    expect(await analyzeEmbedded(db, true)).toBeGreaterThan(0);
    expect(await plannerRows()).toBe(600);
  });

  it("runs VACUUM (ANALYZE) on its timer and reports it", async () => {
    if (db.kind === "pg") return expect(startEmbeddedMaintenance(db, 0.002, () => {})).toBeNull();
    const results: ({ ms: number } | { err: unknown })[] = [];
    const m = startEmbeddedMaintenance(db, 0.002, (r) => results.push(r));
    expect(m).not.toBeNull();
    await expect.poll(() => results.length, { timeout: 10_000 }).toBeGreaterThan(0);
    m!.stop();
    expect(results[0]).toMatchObject({ ms: expect.any(Number) });
    expect(startEmbeddedMaintenance(db, 0, () => {})).toBeNull();
  });
});
