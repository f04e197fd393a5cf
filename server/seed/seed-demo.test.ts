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

  it("gives the wage-arrears cases employers, amounts owed and payments, in whole fen", async () => {
    const values = await db.query<{ employer: string; owed: string }>(
      `SELECT v.field_values->>'employer' AS employer, v.field_values->>'amount_owed' AS owed
         FROM case_field_values v JOIN cases c ON c.id = v.case_id
         JOIN categories cat ON cat.id = c.category_id WHERE cat.code = 'labor.wage_arrears'`,
    );
    expect(values.rows.length).toBeGreaterThanOrEqual(2);
    expect(values.rows.every((r) => /^\d+$/.test(r.owed) && r.employer.length > 0)).toBe(true);
    const paid = await db.query<{ n: number; fen: string; late: number }>(
      `SELECT count(*)::int AS n, sum(amount_fen)::text AS fen,
              count(*) FILTER (WHERE p.paid_on < (c.received_at AT TIME ZONE 'Asia/Shanghai')::date)::int AS late
         FROM case_payments p JOIN cases c ON c.id = p.case_id`,
    );
    expect(paid.rows[0]!.n).toBeGreaterThanOrEqual(2);
    expect(paid.rows[0]!.late).toBe(0);
  });
});
