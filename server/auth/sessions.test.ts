import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeNetwork } from "../test/factories.ts";
import { login, startTestApp, type TestContext } from "../test/harness.ts";
import { deleteSession, lookupSession } from "./sessions.ts";

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
});
afterAll(() => t.close());

const policy = { idleMinutes: 15, securityProfile: "standard", passwordMaxAgeDays: 0 } as const;
const tokenOf = (cookie: string) => cookie.slice("xf_session=".length);

describe("session lookups read together", () => {
  it("answers each of many concurrent lookups with its own user, and an unknown token with none", async () => {
    const users = ["reg", "town1", "rsj", "office"];
    const tokens = await Promise.all(users.map(async (u) => tokenOf((await login(t.app, u)).cookie)));
    const asked = Array.from({ length: 40 }, (_, i) => (i % 5 === 4 ? "no-such-token" : tokens[i % 5]!));
    const found = await Promise.all(asked.map((token) => lookupSession(t.db, token, t.clock.now, policy)));
    found.forEach((f, i) => {
      if (i % 5 === 4) expect(f.state).toBe("none");
      else expect(f.state === "active" ? f.actor.username : f.state).toBe(users[i % 5]);
    });
  });

  it("does not answer a lookup made after logout from a read made before it", async () => {
    const token = tokenOf((await login(t.app, "rsj")).cookie);
    const before = lookupSession(t.db, token, t.clock.now, policy);
    await deleteSession(t.db, token);
    const after = await lookupSession(t.db, token, t.clock.now, policy);
    expect(after.state).toBe("none");
    await before;
  });
});
