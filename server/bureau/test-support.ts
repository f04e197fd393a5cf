import type { Db } from "../db/index.ts";
import { caseInput, makeNetwork, TEST_USERS } from "../test/factories.ts";
import { as, login, type Session, snapshotCounts, startTestApp, type TestContext } from "../test/harness.ts";

/** Every table the bureau modules and the cases they touch write, with the audit log. */
const TABLES = [
  "audit_log",
  "case_events",
  "reception_days",
  "reception_appointments",
  "reception_records",
  "reception_petitioners",
  "reception_matters",
  "outreach_visits",
  "outreach_cases",
  "ownerships",
  "ownership_cases",
  "ownership_duties",
  "ownership_milestones",
  "ownership_notes",
  "dispute_campaigns",
  "screening_reports",
  "disputes",
  "dispute_clearances",
  "supervision_items",
  "bulletins",
  "bulletin_cases",
  "duty_shifts",
  "duty_log_entries",
  "backlog_cases",
];

let extraTables: string[] = [];

/** Adds tables of later modules to the snapshot (each module's migration adds its own). */
export function alsoCount(tables: string[]): void {
  extraTables = [...new Set([...extraTables, ...tables])];
}

/** Row counts a refused request must leave as they were (the harness's case tables included). */
export async function bureauCounts(db: Db): Promise<Record<string, number>> {
  const out = await snapshotCounts(db);
  for (const t of [...TABLES, ...extraTables]) {
    out[t] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0]!.n;
  }
  return out;
}

export interface BureauTest {
  t: TestContext;
  s: Record<string, Session>;
  unit(path: string): Promise<string>;
  /** Registers a case through the API as `who` and returns its id. */
  newCase(who?: string, overrides?: Record<string, unknown>): Promise<string>;
  events(caseId: string): Promise<{ action: string; note: string | null }[]>;
  /** Moves the clock and logs everyone in again (sessions end after 15 idle minutes). */
  setNow(iso: string): Promise<void>;
}

export async function startBureauTest(): Promise<BureauTest> {
  const t = await startTestApp({ publicRateLimitPerMinute: 10_000, rateLimitAllowLoopback: true });
  await makeNetwork(t.db);
  const s: Record<string, Session> = {};
  for (const u of TEST_USERS) s[u.username] = await login(t.app, u.username);
  return {
    t,
    s,
    async unit(path) {
      const { rows } = await t.db.query<{ id: string }>("SELECT id FROM org_units WHERE path = $1", [path]);
      if (!rows[0]) throw new Error(`no unit ${path}`);
      return rows[0].id;
    },
    async newCase(who = "reg", overrides = {}) {
      const res = await as(t.app, s[who]!).post("/api/cases", caseInput(overrides));
      if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
      return res.json<{ id: string }>().id;
    },
    async setNow(iso) {
      t.clock.now = new Date(iso);
      for (const u of TEST_USERS) s[u.username] = await login(t.app, u.username);
    },
    async events(caseId) {
      const { rows } = await t.db.query<{ action: string; note: string | null }>(
        "SELECT action, note FROM case_events WHERE case_id = $1 ORDER BY seq",
        [caseId],
      );
      return rows;
    },
  };
}
