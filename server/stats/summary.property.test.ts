import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor.ts";
import type { Db } from "../db/index.ts";
import { makeNetwork } from "../test/factories.ts";
import { openTestDb } from "../test/harness.ts";
import { buildSummary } from "./present.ts";
import { computeSummary, DIMENSIONS } from "./summary.ts";
import { insertSyntheticCases, type SyntheticCase } from "./synthetic.ts";

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

const analyst = (): Actor => ({
  id: "00000000-0000-4000-8000-000000000001",
  username: "prop",
  displayName: "prop",
  roles: ["analyst"],
  unitId: units["c.xfj"]!,
  unitName: "信访局",
  unitKind: "bureau",
  unitPath: "c.xfj",
  areaPath: "c",
});

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
    receivedAt: fc
      .integer({ min: Date.parse("2025-01-01T00:00:00+08:00"), max: Date.parse("2025-12-31T23:59:59+08:00") })
      .map((ms) => new Date(ms).toISOString()),
    householdRegionCode: fc.constantFrom(
      null,
      "990001",
      "990001001",
      "990001001001",
      "990001002001",
      "110101",
    ),
    leadUnitId: fc.constantFrom(null, "c.rsj", "c.gaj", "c.t1").map((p) => (p ? units[p]! : null)),
    clocks: fc.constant([]),
    bureauRating: fc.constantFrom(null, "satisfied", "basically_satisfied", "dissatisfied"),
    unitRating: fc.constantFrom("satisfied", "basically_satisfied", "dissatisfied"),
    replied: fc.boolean(),
  });

class Rollback extends Error {}

describe("breakdowns on random data", () => {
  it("always add up: every breakdown sums to the total, and individual + collective visits equal the visits", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbCase(), { minLength: 0, maxLength: 40 }), async (list) => {
        await db
          .transaction(async (tx) => {
            await insertSyntheticCases(tx, list);
            // The triggers kept the statistics table equal to a recount from the source rows.
            const diff = await tx.query<{ n: number }>(
              `SELECT (SELECT count(*) FROM (SELECT * FROM case_stats EXCEPT SELECT * FROM case_stats_source) a)::int
                    + (SELECT count(*) FROM (SELECT * FROM case_stats_source EXCEPT SELECT * FROM case_stats) b)::int AS n`,
            );
            expect(diff.rows[0]!.n).toBe(0);
            const period = { kind: "year" as const, from: "2025-01-01", to: "2025-12-31" };
            const raw = await computeSummary(tx, analyst(), { from: period.from, to: period.to }, new Date());
            const sum = (rows: { counts: { items: number; personVisits: number; batches: number } }[]) => ({
              items: rows.reduce((a, r) => a + r.counts.items, 0),
              personVisits: rows.reduce((a, r) => a + r.counts.personVisits, 0),
              batches: rows.reduce((a, r) => a + r.counts.batches, 0),
            });
            const expected = {
              items: list.length,
              // 批次 and 人次 are measures of visits only.
              personVisits: list.reduce((a, c) => a + (c.channel === "visit" ? c.headcount : 0), 0),
              batches: list.reduce((a, c) => a + (c.channel === "visit" ? c.batchCount : 0), 0),
            };
            expect(sum([{ counts: raw.total }])).toEqual(expected);
            for (const d of DIMENSIONS) expect(sum(raw.byDimension[d]), d).toEqual(expected);
            const s = await buildSummary(tx, { actor: analyst(), filter: {}, period, asOf: new Date() });
            for (const ch of ["visit", "online", "letter"] as const) {
              const row = s.breakdowns.channel!.find((r) => r.key === ch)!;
              const mine = list.filter((c) => c.channel === ch);
              expect(row.items).toBe(mine.length);
              for (const split of [s.splits.byCollective, s.splits.byNature, s.splits.byDestinationLevel]) {
                const parts = split[ch]!;
                expect(parts.reduce((a, r) => a + r.items, 0)).toBe(row.items);
                expect(parts.reduce((a, r) => a + r.personVisits, 0)).toBe(row.personVisits);
                expect(parts.reduce((a, r) => a + r.batches, 0)).toBe(row.batches);
              }
              const collective = s.splits.byCollective[ch]!.find((r) => r.key === "true")!;
              expect(collective.items).toBe(mine.filter((c) => c.headcount >= 5).length);
            }
            throw new Rollback();
          })
          .catch((err: unknown) => {
            if (!(err instanceof Rollback)) throw err;
          });
      }),
      { numRuns: 25 },
    );
  });
});
