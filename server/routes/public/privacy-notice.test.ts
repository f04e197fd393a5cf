import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInput, makeNetwork } from "../../test/factories.ts";
import { as, login, startTestApp, type TestContext } from "../../test/harness.ts";

let t: TestContext;

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
});
afterAll(() => t.close());

const notice = async () => {
  const res = await t.app.inject({ method: "GET", url: "/api/public/privacy-notice" });
  expect(res.statusCode).toBe(200);
  return res.json() as { title: string; body: string };
};

describe("the portal's privacy notice", () => {
  it("is served to anyone, with a default text of what is collected, why, who sees it, how long and the rights", async () => {
    const n = await notice();
    expect(n.title).toBe("个人信息保护告知书");
    for (const words of [
      "收集哪些个人信息",
      "为什么收集",
      "谁能看到",
      "保存多长时间",
      "您的权利",
      "个人信息保护法",
    ])
      expect(n.body).toContain(words);
  });

  it("is an editable template: the system administrator's text is what the portal shows, until reset", async () => {
    const admin = as(t.app, await login(t.app, "sysadmin"));
    const list = (await admin.get("/api/settings/templates")).json();
    expect(list.items.map((x: { kind: string }) => x.kind)).toContain("privacy_notice");

    const put = await admin.put("/api/settings/templates/privacy_notice", {
      title: "个人信息保护告知书（本县）",
      body: "本机关仅为办理信访事项收集您的个人信息。",
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(await notice()).toEqual({
      title: "个人信息保护告知书（本县）",
      body: "本机关仅为办理信访事项收集您的个人信息。",
    });
    // A placeholder means nothing in a published text: refused, and the text stays.
    const bad = await admin.put("/api/settings/templates/privacy_notice", {
      title: "x",
      body: "{{caseNumber}}",
    });
    expect(bad.statusCode).toBe(422);
    expect((await notice()).title).toBe("个人信息保护告知书（本县）");

    expect((await admin.delete("/api/settings/templates/privacy_notice")).statusCode).toBe(200);
    expect((await notice()).title).toBe("个人信息保护告知书");
  });

  it("is not a case document: no case offers to issue it", async () => {
    const office = as(t.app, await login(t.app, "office"));
    const c = (await as(t.app, await login(t.app, "reg")).post("/api/cases", caseInput())).json();
    const docs = (await office.get(`/api/cases/${c.id}/documents`)).json();
    expect(docs.available.map((d: { kind: string }) => d.kind)).not.toContain("privacy_notice");
  });
});
