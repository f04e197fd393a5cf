import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKeyRing } from "../crypto/field-crypto.ts";
import type { Db } from "../db/index.ts";
import { openTestDb } from "../test/harness.ts";
import { seedDemoCases, seedDemoNetwork } from "./seed-demo.ts";

let db: Db;

beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db.close());

describe("the demo county", () => {
  it("loads once, with cases at every stage of the workflow reached through real steps", async () => {
    expect(await seedDemoNetwork(db)).toBe(true);
    expect(await seedDemoNetwork(db)).toBe(false);
    expect(await seedDemoCases(db, generateKeyRing(), new Date("2026-11-25T02:00:00Z"))).toBe(40);
    const { rows } = await db.query<{ status: string; n: number }>(
      "SELECT status, count(*)::int AS n FROM cases GROUP BY status",
    );
    const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    for (const status of [
      "pending_screening",
      "registered",
      "awaiting_signoff",
      "assigned",
      "handling",
      "replied",
    ]) {
      expect(by[status], status).toBeGreaterThan(0);
    }
    // Every status change left its event: a replied case has the whole path behind it (bureau
    // records such as a bulletin citing the case add events without a status).
    const events = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.status = 'replied' AND e.to_status IS NOT NULL`,
    );
    expect(events.rows[0]!.n).toBe(by.replied! * 10);
  });
});
