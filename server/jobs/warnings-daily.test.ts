import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInput, freshIdNumber, makeNetwork } from "../test/factories.ts";
import { as, login, startTestApp, type TestContext } from "../test/harness.ts";
import { runWarningsDaily } from "./warnings-daily.ts";

let t: TestContext;

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  const reg = await login(t.app, "reg");
  const res = await as(t.app, reg).post(
    "/api/cases",
    caseInput({
      content: "补偿款一直不给，扬言要去北京。",
      petitioners: [
        { name: "群众", idNumber: freshIdNumber(), phone: "13700000001", isRepresentative: false },
      ],
    }),
  );
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(() => t.close());

describe("the daily warnings job", () => {
  it("writes each warning and the day's digest once, even when two runs overlap", async () => {
    const [a, b] = await Promise.all([
      runWarningsDaily(t.db, t.clock.now),
      runWarningsDaily(t.db, t.clock.now),
    ]);
    expect(a.raised + b.raised).toBe(1);
    expect([a.digest.created, b.digest.created].sort()).toEqual([false, true]);
    const warnings = await t.db.query<{ kind: string; n: number }>(
      "SELECT kind, count(*)::int AS n FROM warnings GROUP BY kind",
    );
    expect(warnings.rows).toEqual([{ kind: "threat", n: 1 }]);
    const digests = await t.db.query<{ d: string }>(
      "SELECT to_char(digest_date, 'YYYY-MM-DD') AS d FROM warning_digests",
    );
    expect(digests.rows).toEqual([{ d: "2026-03-02" }]);
    const third = await runWarningsDaily(t.db, t.clock.now);
    expect(third).toMatchObject({ raised: 0, updated: 0, digest: { created: false } });
  });

  it("leaves the day's digest unwritten before the morning hour when the scheduled run asks so", async () => {
    // 06:30 in Shanghai on 3 March: the scan runs, the digest waits for 07:00.
    const dawn = new Date("2026-03-02T22:30:00Z");
    expect(await runWarningsDaily(t.db, dawn, { digestFromHour: 7 })).toMatchObject({
      date: "2026-03-03",
      digest: { created: false },
    });
    const seven = new Date("2026-03-02T23:00:00Z");
    expect(await runWarningsDaily(t.db, seven, { digestFromHour: 7 })).toMatchObject({
      digest: { created: true },
    });
  });
});
