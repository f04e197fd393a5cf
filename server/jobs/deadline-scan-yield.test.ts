import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInput, makeNetwork } from "../test/factories.ts";
import { as, login, startTestApp, type TestContext } from "../test/harness.ts";
import { scanDeadlines } from "./deadline-scan.ts";

let t: TestContext;

beforeAll(async () => {
  t = await startTestApp({ rateLimitAllowLoopback: true });
  await makeNetwork(t.db);
  const reg = await login(t.app, "reg");
  for (let i = 0; i < 40; i++) {
    const res = await as(t.app, reg).post("/api/cases", caseInput({ title: `逾期测试${i}` }));
    expect(res.statusCode).toBe(201);
  }
});
afterAll(() => t.close());

describe("a long deadline scan", () => {
  it("lets requests that arrive meanwhile be answered before it ends", async () => {
    // Two months later every registration's acceptance clock has run out: the first scan after a
    // long stop raises 40 breaches, one transaction per case.
    t.clock.now = new Date("2026-05-04T02:00:00Z");
    const reg = await login(t.app, "reg");
    const order: string[] = [];
    const scanning = scanDeadlines(t.db, t.app.deps.clocks, t.app.deps.now()).then((r) => {
      order.push("scan");
      return r;
    });
    const listing = as(t.app, reg)
      .get("/api/cases?pageSize=5")
      .then((r) => {
        order.push("request");
        return r;
      });
    const [result, list] = await Promise.all([scanning, listing]);
    expect(result.breaches).toBeGreaterThanOrEqual(40);
    expect(list.statusCode).toBe(200);
    // On the embedded database statements run on the server's own thread: without a pause between
    // cases the scan would hold it until its end.
    expect(order).toEqual(["request", "scan"]);
  });
});
