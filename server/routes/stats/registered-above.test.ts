import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInput, makeNetwork, TEST_USERS } from "../../test/factories.ts";
import {
  as,
  login,
  type Session,
  snapshotCounts,
  startTestApp,
  type TestContext,
} from "../../test/harness.ts";

/** 赴省67批198人次（其中登记48批69人次）: visits to an upper level, and those it registered. */
let t: TestContext;
const s = new Map<string, Session>();

const register = (overrides: Record<string, unknown>) =>
  as(t.app, s.get("reg")!).post("/api/cases", caseInput({ channel: "visit", ...overrides }));

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  for (const u of TEST_USERS) s.set(u.username, await login(t.app, u.username));
  for (const v of [
    { destinationLevel: "provincial", upperRegistered: true, batchCount: 2, headcount: 6 },
    { destinationLevel: "provincial", upperRegistered: false },
    { destinationLevel: "provincial" },
    { destinationLevel: "national", upperRegistered: true, headcount: 3 },
    { destinationLevel: "county" },
  ]) {
    const res = await register({ ...v, receivedAt: "2025-04-01T10:00:00+08:00" });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(() => t.close());

describe("visits the upper level registered (其中登记)", () => {
  it("refuses the flag on a visit to the county or without a level, in Chinese and English, writing nothing", async () => {
    const before = await snapshotCounts(t.db);
    for (const v of [{ destinationLevel: "county", upperRegistered: true }, { upperRegistered: false }]) {
      const res = await register(v);
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({ code: "UPPER_REGISTERED_LEVEL" });
      expect(res.json().error.message).toContain("赴省");
      expect(res.json().error.messageEn).toContain("province");
    }
    expect(await snapshotCounts(t.db)).toEqual(before);
  });

  it("shows the flag on the case and counts the registered batches and person-visits per level", async () => {
    const res = await as(t.app, s.get("analyst")!).get("/api/stats/summary?period=year&year=2025");
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().splits.visitsRegisteredAbove as { key: string; drillDown: string }[];
    expect(rows).toEqual([
      { key: "national", items: 1, batches: 1, personVisits: 3, drillDown: expect.any(String) },
      { key: "provincial", items: 1, batches: 2, personVisits: 6, drillDown: expect.any(String) },
    ]);
    // Each figure opens the list of exactly its cases.
    for (const r of rows) {
      const list = await as(t.app, s.get("analyst")!).get(`/api/cases?${r.drillDown}`);
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().total).toBe(1);
    }
    // A township whose area holds none of them counts none (the same visibility as the summary).
    const town = await as(t.app, s.get("town2")!).get("/api/stats/summary?period=year&year=2025");
    expect(town.json().splits.visitsRegisteredAbove).toEqual([]);
    const flags = async (level: string) => {
      const list = await as(t.app, s.get("office")!).get(`/api/cases?destinationLevel=${level}&pageSize=50`);
      const ids = (list.json().items as { id: string }[]).map((c) => c.id);
      const details = await Promise.all(ids.map((id) => as(t.app, s.get("office")!).get(`/api/cases/${id}`)));
      return details.map((d) => d.json().upperRegistered as boolean | null).sort();
    };
    expect(await flags("national")).toEqual([true]);
    expect(await flags("provincial")).toEqual([false, null, true]);
    expect(await flags("county")).toEqual([null]);
  });

  it("writes it into the work report's sentence on visits by destination", async () => {
    const res = await as(t.app, s.get("analyst")!).get("/api/stats/report.docx?period=year&year=2025");
    expect(res.statusCode, res.body).toBe(200);
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text).toContain("赴省4批8人次（其中登记2批6人次）");
    expect(text).toContain("进京1批3人次（其中登记1批3人次）");
    expect(text).toContain("来县1批1人次");
    expect(text).not.toContain("来县1批1人次（其中登记");
  });
});
