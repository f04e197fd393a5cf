import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZCaseRegisterRequest } from "../../../domain/schemas/case.ts";
import type { Actor } from "../../auth/actor.ts";
import { lookupSession } from "../../auth/sessions.ts";
import { registerCaseBatched, registrationBatchSizes } from "../../commands/register-case.ts";
import { AppError } from "../../plugins/errors.ts";
import { presentCaseDetail } from "../../presenters/case.ts";
import { caseInput, freshIdNumber, makeNetwork } from "../../test/factories.ts";
import {
  as,
  login,
  type Session,
  snapshotCounts,
  startTestApp,
  type TestContext,
} from "../../test/harness.ts";

/**
 * Registrations that arrive together are written together (group commit, server/db/batcher.ts):
 * each must come out exactly as if it had been written alone, and a bad one must fail alone.
 */

let t: TestContext;
let reg: Session;
let actor: Actor;

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  reg = await login(t.app, "reg");
  const token = reg.cookie.slice("xf_session=".length);
  const found = await lookupSession(t.db, token, t.clock.now, {
    idleMinutes: 15,
    securityProfile: "standard",
    passwordMaxAgeDays: 0,
  });
  if (found.state !== "active") throw new Error("no session");
  actor = found.actor;
});
afterAll(() => t.close());

describe("registrations written together", () => {
  it("gives each its own case, answer, rows and statistics, and refuses the bad ones alone", async () => {
    const before = await snapshotCounts(t.db);
    const sizesBefore = registrationBatchSizes(t.db).length;
    const repeated = freshIdNumber();
    const bodies = Array.from({ length: 24 }, (_, i) => {
      if (i === 5) return caseInput({ problemRegionCode: "990009009009" }); // no such region
      if (i === 11) return caseInput({ categoryId: "00000000-0000-4000-8000-000000000000" });
      return caseInput({
        channel: (["letter", "visit", "phone"] as const)[i % 3],
        title: `合并写入测试第${i}件`,
        headcount: i === 7 ? 6 : undefined,
        petitioners: [
          {
            name: `信访人${i}`,
            idNumber: i === 20 ? repeated : freshIdNumber(),
            phone: `1390000${String(1000 + i)}`,
            address: `甲村${i}号`,
            isRepresentative: false,
          },
        ],
      });
    });
    // Submitted in one go, as concurrent requests would: the first is written at once, the others
    // arrive while it is written and share the next statement. (Through HTTP on the embedded
    // database a request usually runs to its end before the next starts, so batches form only
    // under real load; the route calls exactly this.)
    const ctx = {
      keyRing: t.keyRing,
      clocks: t.app.deps.clocks,
      now: t.clock.now,
      collectiveThreshold: t.config.collectiveThreshold,
      maxRepresentatives: t.config.maxRepresentatives,
      ip: "127.0.0.1",
      actor,
      areaPath: actor.areaPath,
    };
    const settled = await Promise.allSettled(
      bodies.map((b) =>
        registerCaseBatched(t.db, ZCaseRegisterRequest.parse(b), ctx, { maxBatch: 64, inFlight: 1 }),
      ),
    );

    // They really shared statements: at least one batch held more than one registration.
    const sizes = registrationBatchSizes(t.db).slice(sizesBefore);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(24);
    expect(Math.max(...sizes)).toBeGreaterThan(1);

    const failure = (i: number) => {
      const r = settled[i]!;
      return r.status === "rejected" && r.reason instanceof AppError ? r.reason.code : r.status;
    };
    expect(failure(5)).toBe("REGION_UNKNOWN");
    expect(failure(11)).toBe("CATEGORY_UNKNOWN");
    const written = settled.flatMap((r, i) => (r.status === "fulfilled" ? [{ i, c: r.value }] : []));
    expect(written.map((w) => w.i)).toEqual(settled.map((_, i) => i).filter((i) => i !== 5 && i !== 11));
    expect(new Set(written.map((w) => w.c.caseNumber)).size).toBe(22);
    const ids = written.map((w) => w.c.id);

    // Each answer is its own petition and equals what a later read of the case shows.
    for (const { i, c } of written) {
      expect(c.row.title).toBe(`合并写入测试第${i}件`);
      expect(c.petitioners[0]!.name).toBe(`信访人${i}`);
      expect(c.row.is_collective).toBe(i === 7);
      const read = await as(t.app, reg).get(`/api/cases/${c.id}`);
      expect(read.statusCode).toBe(200);
      const shown = presentCaseDetail(c.row, actor, c.petitioners, c.events, [], c.clocks, t.app.deps.clocks);
      expect(read.json()).toMatchObject(JSON.parse(JSON.stringify(shown)) as Record<string, unknown>);
      // The query code given back opens this case and no other.
      const track = await t.app.inject({
        method: "POST",
        url: "/api/public/status",
        payload: { caseNumber: c.caseNumber, queryCode: c.queryCode },
      });
      expect(track.statusCode, track.body).toBe(200);
    }

    // Rows: exactly 22 of each per-case table, one audit row per case naming its own number.
    const after = await snapshotCounts(t.db);
    expect(after.cases! - before.cases!).toBe(22);
    const audit = await t.db.query<{ object_id: string; number: string }>(
      `SELECT object_id, detail->>'caseNumber' AS number FROM audit_log
        WHERE action = 'case_register' AND object_id = ANY($1::text[])`,
      [ids],
    );
    expect(new Map(audit.rows.map((r) => [r.object_id, r.number]))).toEqual(
      new Map(written.map((w) => [w.c.id, w.c.caseNumber])),
    );
    const parts = await t.db.query<{ p: number; e: number; k: number; s: number; q: number }>(
      `SELECT (SELECT count(*) FROM case_petitioners WHERE case_id = ANY($1::uuid[]))::int AS p,
              (SELECT count(*) FROM case_events WHERE case_id = ANY($1::uuid[]))::int AS e,
              (SELECT count(DISTINCT case_id) FROM case_clocks WHERE case_id = ANY($1::uuid[]))::int AS k,
              (SELECT count(*) FROM case_stats WHERE id = ANY($1::uuid[]))::int AS s,
              (SELECT count(*) FROM case_search WHERE id = ANY($1::uuid[]))::int AS q`,
      [ids],
    );
    expect(parts.rows[0]).toEqual({ p: 22, e: 22, k: 22, s: 22, q: 22 });
    const drift = await t.db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM (SELECT * FROM case_stats EXCEPT SELECT * FROM case_stats_source) a)::int
            + (SELECT count(*) FROM (SELECT * FROM case_stats_source EXCEPT SELECT * FROM case_stats) b)::int AS n`,
    );
    expect(drift.rows[0]!.n).toBe(0);

    // A later petition of the same person, written alone, is not a first petition.
    const again = await as(t.app, reg).post(
      "/api/cases",
      caseInput({ petitioners: [{ name: "信访人20", idNumber: repeated, isRepresentative: false }] }),
    );
    expect(again.json().isFirstPetition).toBe(false);
  });
});
