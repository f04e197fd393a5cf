import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeNetwork } from "../test/factories.ts";
import { as, startTestApp, type TestContext } from "../test/harness.ts";
import { DEMO_ENTRIES, seedKnowledgeDemo } from "./seed.ts";

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
});
afterAll(() => t.close());

describe("the demo knowledge base", () => {
  it("works on an empty knowledge base: the portal lists no answers, and every category with zero", async () => {
    const answers = await as(t.app, null).get("/api/public/knowledge/answers");
    expect(answers.json()).toEqual({ items: [] });
    const cats = (await as(t.app, null).get("/api/public/knowledge/categories")).json().items as {
      answers: number;
    }[];
    expect(cats.length).toBeGreaterThan(10);
    expect(cats.every((c) => c.answers === 0)).toBe(true);
  });

  it("loads a dozen entries across categories, some public, once, with a first version each", async () => {
    expect(DEMO_ENTRIES.length).toBeGreaterThanOrEqual(12);
    expect(new Set(DEMO_ENTRIES.map((e) => e.category)).size).toBeGreaterThanOrEqual(10);
    expect(await seedKnowledgeDemo(t.db, t.clock.now)).toBe(DEMO_ENTRIES.length);
    expect(await seedKnowledgeDemo(t.db, t.clock.now)).toBe(0);
    const versions = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM knowledge_entry_versions WHERE version = 1 AND change = 'create'",
    );
    expect(versions.rows[0]!.n).toBe(DEMO_ENTRIES.length);
    const shown = (await as(t.app, null).get("/api/public/knowledge/answers")).json().items as {
      title: string;
    }[];
    const publicInForce = DEMO_ENTRIES.filter((e) => e.isPublic && (e.validUntilDays ?? 0) >= 0);
    expect(shown.map((e) => e.title).sort()).toEqual(publicInForce.map((e) => e.title).sort());
    // The internal model replies and the expired entry stay off the portal.
    expect(DEMO_ENTRIES.some((e) => !e.isPublic)).toBe(true);
    expect(shown.map((e) => e.title)).not.toContain(
      DEMO_ENTRIES.find((e) => (e.validUntilDays ?? 0) < 0)!.title,
    );
  });
});
