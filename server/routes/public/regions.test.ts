import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeNetwork } from "../../test/factories.ts";
import { as, startTestApp, type TestContext } from "../../test/harness.ts";

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
});
afterAll(() => t.close());

describe("GET /api/public/regions", () => {
  it("gives anyone the county, its townships and villages with codes, and no administrative units", async () => {
    const res = await as(t.app, null).get("/api/public/regions");
    expect(res.statusCode).toBe(200);
    const items = res.json().items as {
      code: string;
      name: string;
      kind: string;
      parentCode: string | null;
    }[];
    expect(items).toContainEqual({ code: "990001", name: "测试县", kind: "county", parentCode: null });
    expect(items).toContainEqual({ code: "990001001", name: "甲镇", kind: "township", parentCode: "990001" });
    expect(items).toContainEqual({
      code: "990001001001",
      name: "甲村",
      kind: "village",
      parentCode: "990001001",
    });
    const names = items.map((i) => i.name);
    expect(names).not.toContain("人社局");
    expect(names).not.toContain("测试县信访局");
    expect(names).not.toContain("甲村一组");
  });
});
