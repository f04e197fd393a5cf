import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor.ts";
import { registerCase } from "../commands/register-case.ts";
import type { Queryable } from "../db/index.ts";
import { caseInput, freshIdNumber, makeNetwork } from "../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../test/harness.ts";

/**
 * A registration writes its own case_stats row (migrations/20261126004000_…): the triggers skip the
 * rows the registration statement wrote and rebuild every other change. These tests compare
 * case_stats with the recount from the source rows (the view case_stats_source) after random
 * registrations through the API, and after later writes in the same transaction as a registration.
 */

let t: TestContext;
let reg: Session;
let units: Record<string, string>;
let categories: { id: string; parent: string | null }[];

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  reg = await login(t.app, "reg");
  units = Object.fromEntries(
    (await t.db.query<{ id: string; path: string }>("SELECT id, path FROM org_units")).rows.map((r) => [
      r.path,
      r.id,
    ]),
  );
  categories = (
    await t.db.query<{ id: string; parent: string | null }>(
      "SELECT id, parent_id AS parent FROM categories WHERE is_active ORDER BY code",
    )
  ).rows;
});
afterAll(() => t.close());

async function differences(q: Queryable = t.db): Promise<number> {
  const r = await q.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM (SELECT * FROM case_stats EXCEPT SELECT * FROM case_stats_source) a)::int
          + (SELECT count(*) FROM (SELECT * FROM case_stats_source EXCEPT SELECT * FROM case_stats) b)::int AS n`,
  );
  return r.rows[0]!.n;
}

async function counts(): Promise<{ stats: number; cases: number }> {
  const r = await t.db.query<{ stats: number; cases: number }>(
    "SELECT (SELECT count(*) FROM case_stats)::int AS stats, (SELECT count(*) FROM cases)::int AS cases",
  );
  return r.rows[0]!;
}

describe("case_stats written by the registration itself", () => {
  it("equals the recount after random registrations of every channel and shape", async () => {
    expect(categories.some((c) => c.parent !== null)).toBe(true);
    const arbRegistration = fc.record({
      channel: fc.constantFrom("letter", "visit", "online", "phone", "referral"),
      nature: fc.constantFrom("request", "suggestion", "appeal", "accusation", "inquiry", undefined),
      category: fc.option(fc.nat(200), { nil: undefined }),
      region: fc.constantFrom("990001", "990001001", "990001002", "990001001001", "990001002001"),
      destinationLevel: fc.constantFrom("national", "provincial", "municipal", "county", undefined),
      petitioners: fc.array(
        fc.record({
          household: fc.constantFrom(undefined, "990001", "990001001", "990001001001", "990001002001"),
          withId: fc.boolean(),
          representative: fc.boolean(),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      headcount: fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
      batchCount: fc.integer({ min: 1, max: 4 }),
      accused: fc.constantFrom(undefined, "c.t1", "c.rsj"),
      daysAgo: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
    });
    const before = await counts();
    let registered = 0;
    await fc.assert(
      fc.asyncProperty(arbRegistration, async (r) => {
        const body = caseInput({
          channel: r.channel,
          nature: r.nature,
          legalClass: r.nature === "accusation" ? "accusation" : undefined,
          categoryId: r.category === undefined ? undefined : categories[r.category % categories.length]!.id,
          problemRegionCode: r.region,
          destinationLevel: r.destinationLevel,
          headcount: r.headcount,
          batchCount: r.batchCount,
          accusedUnitId: r.accused ? units[r.accused] : undefined,
          ...(r.channel === "referral" ? { referralSource: "市信访局" } : {}),
          ...(r.daysAgo === undefined
            ? {}
            : { receivedAt: new Date(t.clock.now.getTime() - r.daysAgo * 86_400_000).toISOString() }),
          petitioners: r.petitioners.map((p, i) => ({
            name: `信访人${i}`,
            ...(p.withId ? { idNumber: freshIdNumber() } : {}),
            phone: `1390000${String(1000 + i).padStart(4, "0")}`,
            ...(p.household ? { householdRegionCode: p.household } : {}),
            isRepresentative: p.representative && i < 2,
          })),
        });
        const res = await as(t.app, reg).post("/api/cases", body);
        expect(res.statusCode, res.body).toBe(201);
        registered += 1;
        expect(await differences()).toBe(0);
      }),
      { numRuns: 30 },
    );
    const after = await counts();
    expect(after.cases - before.cases).toBe(registered);
    expect(after.stats).toBe(after.cases);
  });

  it("keeps the row right when later statements of the same transaction add parts of the case", async () => {
    const user = await t.db.query<{ id: string; unit_id: string }>(
      "SELECT id, unit_id FROM users WHERE username = 'reg'",
    );
    const actor: Actor = {
      id: user.rows[0]!.id,
      username: "reg",
      displayName: "登记员",
      roles: ["registrar"],
      unitId: user.rows[0]!.unit_id,
      unitName: "测试县信访局",
      unitKind: "bureau",
      unitPath: "c.xfj",
      areaPath: "c",
    };
    const ctx = {
      keyRing: t.keyRing,
      clocks: t.app.deps.clocks,
      now: t.clock.now,
      collectiveThreshold: 5,
      maxRepresentatives: 5,
      ip: null,
      actor,
      areaPath: "c",
    };
    const id = await t.db.transaction(async (tx) => {
      const r = await registerCase(
        tx,
        {
          channel: "letter",
          title: "同一事务内追加",
          content: "登记后在同一事务内追加信访人和时限。",
          problemRegionCode: "990001001001",
          nature: "request",
          isAnonymous: false,
          isConfidential: false,
          batchCount: 1,
          petitioners: [{ name: "甲", isRepresentative: false }],
        },
        ctx,
      );
      expect(await differences(tx)).toBe(0);
      // A later statement: its parts were not written by the registration statement, so the
      // triggers must rebuild the row (the first petitioner's household and the handling clock).
      await tx.query(
        "UPDATE case_petitioners SET household_region_code = '990001002001' WHERE case_id = $1",
        [r.id],
      );
      await tx.query(
        `INSERT INTO case_petitioners (case_id, position, name, household_region_code, is_representative)
         VALUES ($1, 1, '乙', '990001001', false)`,
        [r.id],
      );
      await tx.query(
        `INSERT INTO case_clocks (case_id, clock, step, started_on, due_on, pack)
         VALUES ($1, 'statutory', 'handling', '2026-03-02', '2026-05-01', 'county-internal')`,
        [r.id],
      );
      expect(await differences(tx)).toBe(0);
      return r.id;
    });
    const row = await t.db.query<{ household_key: string; handling_state: string; handling_due: string }>(
      "SELECT household_key, handling_state, handling_due::text FROM case_stats WHERE id = $1",
      [id],
    );
    expect(row.rows[0]).toEqual({
      household_key: "990001002",
      handling_state: "running",
      handling_due: "2026-05-01",
    });
    expect(await differences()).toBe(0);
  });

  it("answers the dashboard of a whole year from the monthly rollup, folding what is pending first", async () => {
    const pending = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM case_stats_delta");
    expect(pending.rows[0]!.n).toBeGreaterThan(0);
    const analyst = await login(t.app, "analyst");
    const res = await as(t.app, analyst).get("/api/stats/summary?period=year&year=2026");
    expect(res.statusCode, res.body).toBe(200);
    const cases = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases
        WHERE received_at >= '2025-12-31T16:00:00Z' AND received_at < '2026-12-31T16:00:00Z'`,
    );
    expect(res.json().totals.items).toBe(cases.rows[0]!.n);
    const after = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM case_stats_delta");
    expect(after.rows[0]!.n).toBe(0);
  });
});
