import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor.ts";
import type { Db } from "../db/index.ts";
import { sized } from "../test/depth.ts";
import { makeNetwork } from "../test/factories.ts";
import { openTestDb } from "../test/harness.ts";
import { canUseRollup, explodeSql, foldCaseStatsMonthly } from "./monthly.ts";
import { computeSummary, type RawSummary, type StatsFilter } from "./summary.ts";
import { insertSyntheticCases, type SyntheticCase } from "./synthetic.ts";

/**
 * The monthly rollup (case_stats_monthly + the pending case_stats_delta) must always equal a recount
 * from the source rows, and the dashboard must give the same figures from it as from case_stats,
 * for every user it is used for (area users: the subtree and the accusation rule).
 */

let db: Db;
let units: Record<string, string>;
let categories: string[];

beforeAll(async () => {
  db = await openTestDb();
  await makeNetwork(db);
  units = Object.fromEntries(
    (await db.query<{ id: string; path: string }>("SELECT id, path FROM org_units")).rows.map((r) => [
      r.path,
      r.id,
    ]),
  );
  categories = (await db.query<{ id: string }>("SELECT id FROM categories ORDER BY code")).rows.map(
    (r) => r.id,
  );
});
afterAll(() => db.close());

const actorAt = (path: string, roles: Actor["roles"]): Actor => ({
  id: "00000000-0000-4000-8000-000000000001",
  username: "prop",
  displayName: "prop",
  roles,
  unitId: units[path]!,
  unitName: path,
  unitKind: "x",
  unitPath: path,
  areaPath: path === "c.xfj" ? "c" : path,
});

const AS_OF = new Date("2025-08-20T04:00:00Z");

const arbCase = (): fc.Arbitrary<SyntheticCase> =>
  fc.record({
    channel: fc.constantFrom("letter", "visit", "online", "phone", "referral"),
    nature: fc.constantFrom("request", "suggestion", "appeal", "accusation", "inquiry", null),
    categoryId: fc
      .option(fc.nat(30), { nil: null })
      .map((i) => (i === null ? null : categories[i % categories.length]!)),
    regionUnitId: fc
      .constantFrom("c", "c.t1", "c.t2", "c.t1.v1", "c.t2.v1", "c.t1.v1.g1")
      .map((p) => units[p]!),
    destinationLevel: fc.constantFrom("national", "provincial", "municipal", "county", null),
    headcount: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 300 })),
    batchCount: fc.integer({ min: 1, max: 5 }),
    isFirstPetition: fc.boolean(),
    // Around a month boundary in Shanghai time, and over two years.
    receivedAt: fc
      .oneof(
        fc.integer({
          min: Date.parse("2024-11-01T00:00:00+08:00"),
          max: Date.parse("2025-12-31T23:59:59+08:00"),
        }),
        fc.integer({
          min: Date.parse("2025-05-31T22:00:00+08:00"),
          max: Date.parse("2025-06-01T02:00:00+08:00"),
        }),
      )
      .map((ms) => new Date(ms).toISOString()),
    householdRegionCode: fc.constantFrom(null, "990001", "990001001", "990001001001", "110101"),
    leadUnitId: fc.constantFrom(null, "c.rsj", "c.gaj", "c.t1").map((p) => (p ? units[p]! : null)),
    clocks: fc.uniqueArray(
      fc.record({
        step: fc.constantFrom("acceptanceNotice", "handling", "evaluationWindow"),
        state: fc.constantFrom("running", "met", "breached"),
        dueOn: fc.constantFrom("2025-06-10", "2025-08-19", "2025-08-20", "2025-09-30"),
      }),
      { selector: (k) => k.step, maxLength: 3 },
    ),
    bureauRating: fc.constantFrom(null, "satisfied", "basically_satisfied", "dissatisfied"),
    unitRating: fc.constantFrom("satisfied", "basically_satisfied", "dissatisfied"),
    replied: fc.boolean(),
  });

/** Workflow-like changes after the cases exist: each fires the case_stats triggers, so the rollup's differences. */
const arbChange = fc.record({
  pick: fc.nat(1000),
  kind: fc.constantFrom("status", "rating", "accuse", "lead", "clock", "household", "region"),
});

const RECOUNT_KEY = "month, region_path, accused_path, dim, k1, k2";
const RECOUNT_SUMS =
  "sum(items) AS items, sum(batches) AS batches, sum(person_visits) AS pv, sum(acceptance_timely) AS at, sum(completion_on_time) AS ot, sum(completion_past_due) AS pd, sum(evaluation_overdue_unrated) AS ou, sum(unit_rating_satisfied) AS us";

/** Differences between the rollup (with the pending differences, or alone) and a recount from the sources. */
async function rollupDifferences(withPending: boolean): Promise<number> {
  const recount = `SELECT ${RECOUNT_KEY}, ${RECOUNT_SUMS}
      FROM (${explodeSql("(SELECT 1::smallint AS sign, s.* FROM case_stats_source s)")}) e
     GROUP BY ${RECOUNT_KEY} HAVING sum(items) <> 0`;
  const stored = `SELECT ${RECOUNT_KEY}, ${RECOUNT_SUMS} FROM (
        SELECT ${RECOUNT_KEY}, items, batches, person_visits, acceptance_timely, completion_on_time,
               completion_past_due, evaluation_overdue_unrated, unit_rating_satisfied FROM case_stats_monthly
        ${
          withPending
            ? `UNION ALL SELECT ${RECOUNT_KEY}, items, batches, person_visits, acceptance_timely, completion_on_time,
               completion_past_due, evaluation_overdue_unrated, unit_rating_satisfied
               FROM (${explodeSql("case_stats_delta")}) d`
            : ""
        }) x
     GROUP BY ${RECOUNT_KEY} HAVING sum(items) <> 0`;
  const r = await db.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM (${recount} EXCEPT ${stored}) a)::int
          + (SELECT count(*) FROM (${stored} EXCEPT ${recount}) b)::int AS n`,
  );
  return r.rows[0]!.n;
}

/** The summary with every list in a fixed order, so two ways of computing it compare equal. */
function normal(s: RawSummary) {
  const order = (rows: RawSummary["byDimension"][keyof RawSummary["byDimension"]]) =>
    [...rows].sort((a, b) => JSON.stringify(a.keys).localeCompare(JSON.stringify(b.keys)));
  return {
    total: s.total,
    regionRoot: s.regionRoot,
    byDimension: Object.fromEntries(Object.entries(s.byDimension).map(([k, v]) => [k, order(v)])),
    byCross: Object.fromEntries([...s.byCross].map(([k, v]) => [k, order(v)])),
  };
}

async function applyChange(change: { pick: number; kind: string }): Promise<void> {
  const ids = (await db.query<{ id: string }>("SELECT id FROM cases ORDER BY id")).rows.map((r) => r.id);
  if (ids.length === 0) return;
  const id = ids[change.pick % ids.length]!;
  switch (change.kind) {
    case "status":
      await db.query("UPDATE cases SET status = 'handling' WHERE id = $1 AND status = 'accepted'", [id]);
      return;
    case "rating":
      await db.query(
        `UPDATE cases SET bureau_rating = 'dissatisfied', unit_rating = 'satisfied', rated_at = received_at,
                status = 'replied', reply_opinion = 'explain', reply_text = '已答复', replied_at = received_at
          WHERE id = $1`,
        [id],
      );
      return;
    case "accuse":
      // An accusation against 甲镇: hidden from 甲镇 and every unit below it.
      await db.query(
        `UPDATE cases SET nature = 'accusation', legal_class = 'accusation', accused_unit_id = $2, accused_path = 'c.t1'
          WHERE id = $1`,
        [id, units["c.t1"]],
      );
      return;
    case "lead":
      await db.query("DELETE FROM case_assignments WHERE case_id = $1", [id]);
      return;
    case "clock":
      await db.query(
        "UPDATE case_clocks SET state = 'met', stopped_at = now() WHERE case_id = $1 AND state = 'running'",
        [id],
      );
      return;
    case "household":
      await db.query(
        "UPDATE case_petitioners SET household_region_code = '990001002001' WHERE case_id = $1",
        [id],
      );
      return;
    case "region":
      await db.query(
        "UPDATE cases SET region_unit_id = $2, region_path = 'c.t2.v1', problem_region_code = '990001002001' WHERE id = $1",
        [id, units["c.t2.v1"]],
      );
      return;
  }
}

describe("the monthly rollup", () => {
  it("is used for whole months and area users only", () => {
    const analyst = actorAt("c.xfj", ["analyst"]);
    expect(canUseRollup(analyst, { from: "2025-01-01", to: "2025-12-31" })).toBe(true);
    expect(canUseRollup(analyst, { from: "2024-02-01", to: "2024-02-29" })).toBe(true);
    expect(canUseRollup(analyst, { from: "2025-01-01", to: "2025-12-30" })).toBe(false);
    expect(canUseRollup(analyst, { from: "2025-01-02", to: "2025-12-31" })).toBe(false);
    expect(canUseRollup(analyst, { from: "2025-01-01", to: "2025-12-31", channel: "visit" })).toBe(false);
    expect(canUseRollup(analyst, { from: "2025-01-01", to: "2025-12-31", regionUnitId: units["c.t1"] })).toBe(
      true,
    );
    expect(canUseRollup(actorAt("c.rsj", ["unit_leader"]), { from: "2025-01-01", to: "2025-12-31" })).toBe(
      false,
    );
    // Township staff do not see confidential cases, which the rollup does not tell apart.
    expect(canUseRollup(actorAt("c.t1", ["local_staff"]), { from: "2025-01-01", to: "2025-12-31" })).toBe(
      false,
    );
  });

  it("equals a recount from the source rows and gives the dashboard the same figures as case_stats", async () => {
    const analyst = actorAt("c.xfj", ["analyst"]);
    // The rollup serves the bureau and the county leadership; township staff read case_stats.
    const users = [analyst, actorAt("c.gov", ["leader_in_charge"])];
    const filters: StatsFilter[] = [
      { from: "2025-01-01", to: "2025-12-31" },
      { from: "2025-06-01", to: "2025-06-30" },
      { from: "2025-04-01", to: "2025-06-30" },
      { from: "2024-11-01", to: "2025-12-31", regionUnitId: units["c.t1"] },
      { from: "2025-01-01", to: "2025-12-31", regionCode: "990001002" },
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbCase(), { minLength: 0, maxLength: 25 }),
        fc.array(arbChange, { maxLength: 6 }),
        fc.boolean(),
        async (list, changes, foldFirst) => {
          await db.transaction((tx) => insertSyntheticCases(tx, list));
          for (const c of changes) await applyChange(c);
          if (foldFirst) await foldCaseStatsMonthly(db);
          // Pending differences included, the rollup is exact at every moment.
          expect(await rollupDifferences(true)).toBe(0);
          for (const actor of users) {
            for (const f of filters) {
              expect(canUseRollup(actor, f)).toBe(true);
              const fromRollup = await computeSummary(db, actor, f, AS_OF);
              const fromCases = await computeSummary(db, actor, f, AS_OF, { rollup: false });
              expect(normal(fromRollup), `${actor.unitPath} ${JSON.stringify(f)}`).toEqual(normal(fromCases));
              // The comparison periods read only their breakdowns from the rollup (a filter on dim).
              const light = {
                dimensions: ["channel", "category"] as const,
                crosses: [] as const,
                withBuckets: false,
              };
              const lightRollup = await computeSummary(db, actor, f, AS_OF, light);
              const lightCases = await computeSummary(db, actor, f, AS_OF, { ...light, rollup: false });
              expect(normal(lightRollup), `light ${actor.unitPath} ${JSON.stringify(f)}`).toEqual(
                normal(lightCases),
              );
            }
          }
          // Reading folded everything: the rollup alone equals the recount, and nothing is pending.
          expect(await rollupDifferences(false)).toBe(0);
          const pending = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM case_stats_delta");
          expect(pending.rows[0]!.n).toBe(0);
        },
      ),
      // Each run sums 15 (user, filter) pairs both ways over everything the runs before it loaded.
      { numRuns: sized(15, 6) },
    );
    const rows = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM case_stats_monthly");
    expect(rows.rows[0]!.n).toBeGreaterThan(0);
  });

  it("drops rows loaded by anything but the trigger and the fold (a restore counts the cases again)", async () => {
    const before = await db.query<{ n: number }>(
      "SELECT (SELECT count(*) FROM case_stats_delta)::int + (SELECT count(*) FROM case_stats_monthly)::int AS n",
    );
    await db.query(
      `INSERT INTO case_stats_monthly (month, region_path, dim, items, batches, person_visits)
       VALUES ('2025-01-01', 'c', 'total', 5, 5, 5)`,
    );
    await db.query("INSERT INTO case_stats_delta SELECT 1, s.* FROM case_stats s LIMIT 3");
    const after = await db.query<{ n: number }>(
      "SELECT (SELECT count(*) FROM case_stats_delta)::int + (SELECT count(*) FROM case_stats_monthly)::int AS n",
    );
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    expect(await rollupDifferences(true)).toBe(0);
  });
});
