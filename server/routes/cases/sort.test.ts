import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInput, makeNetwork } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

let t: TestContext;
let reg: Session;

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  reg = await login(t.app, "reg");
  for (const [title, receivedAt, headcount] of [
    ["二月来访", "2026-02-01T09:00:00+08:00", 3],
    ["一月来访", "2026-01-05T09:00:00+08:00", 12],
    ["三月来访", "2026-03-01T09:00:00+08:00", 1],
  ] as const) {
    const res = await as(t.app, reg).post("/api/cases", caseInput({ title, receivedAt, headcount }));
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(() => t.close());

const titles = async (query: string) => {
  const res = await as(t.app, reg).get(`/api/cases${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { title: string }[]).map((i) => i.title);
};

describe("GET /api/cases?sort=", () => {
  it("lists newest first by default and by -receivedAt", async () => {
    expect(await titles("")).toEqual(["三月来访", "二月来访", "一月来访"]);
    expect(await titles("?sort=-receivedAt")).toEqual(["三月来访", "二月来访", "一月来访"]);
  });

  it("lists oldest first by receivedAt and by headcount either way", async () => {
    expect(await titles("?sort=receivedAt")).toEqual(["一月来访", "二月来访", "三月来访"]);
    expect(await titles("?sort=-headcount")).toEqual(["一月来访", "二月来访", "三月来访"]);
    expect(await titles("?sort=headcount")).toEqual(["三月来访", "二月来访", "一月来访"]);
  });

  it("keeps the order across pages", async () => {
    expect(await titles("?sort=receivedAt&page=2&pageSize=2")).toEqual(["三月来访"]);
  });

  it("refuses an unknown sort with 400", async () => {
    const res = await as(t.app, reg).get("/api/cases?sort=title;drop");
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_FAILED");
  });
});
