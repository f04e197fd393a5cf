import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeFetch } from "../test/dom.ts";
import { ApiError, get, onUnauthorized, prefetch, takePrefetched } from "./client.ts";

const LIST = "/api/cases?page=3&pageSize=50";

describe("a GET started before its screen renders", () => {
  let fake: ReturnType<typeof fakeFetch>;
  let answers = 0;
  beforeEach(() => {
    answers = 0;
    fake = fakeFetch({ [`GET ${LIST}`]: () => ({ items: [], total: ++answers }) });
    vi.stubGlobal("fetch", fake.fn);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("is the answer the screen's own get() receives, taken once: the next get() asks again", async () => {
    prefetch(LIST);
    prefetch(LIST); // a second start of the same URL is not a second request
    expect(fake.calls).toHaveLength(1);
    expect(await get<{ total: number }>(LIST)).toEqual({ items: [], total: 1 });
    expect(fake.calls).toHaveLength(1);
    expect(await get<{ total: number }>(LIST)).toEqual({ items: [], total: 2 });
    expect(fake.calls).toHaveLength(2);
  });

  it("is not used once it is more than ten seconds old", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    prefetch(LIST);
    vi.setSystemTime(Date.now() + 10_001);
    expect(await get<{ total: number }>(LIST)).toEqual({ items: [], total: 2 });
    expect(fake.calls).toHaveLength(2);
  });

  it("that failed (no session yet) neither ends the session nor answers the screen, which asks again", async () => {
    let status = 401;
    vi.stubGlobal("fetch", async (input: RequestInfo | URL) => {
      fake.calls.push({ method: "GET", url: String(input), body: undefined });
      return status === 401
        ? new Response(
            JSON.stringify({
              error: { code: "AUTH_REQUIRED", message: "请先登录", messageEn: "Log in first" },
            }),
            { status: 401 },
          )
        : new Response(JSON.stringify({ items: [], total: 7 }), { status: 200 });
    });
    const ended: string[] = [];
    const stop = onUnauthorized((code) => ended.push(code));
    try {
      prefetch(LIST);
      await Promise.resolve();
      status = 200;
      expect(await get<{ total: number }>(LIST)).toEqual({ items: [], total: 7 });
      expect(fake.calls).toHaveLength(2);
      expect(ended).toEqual([]);
    } finally {
      stop();
    }
  });

  it("is handed over as it came, errors included, to a caller that takes it itself", async () => {
    expect(takePrefetched(LIST)).toBeUndefined();
    vi.stubGlobal(
      "fetch",
      async () =>
        new Response(
          JSON.stringify({
            error: { code: "AUTH_REQUIRED", message: "请先登录", messageEn: "Log in first" },
          }),
          { status: 401 },
        ),
    );
    prefetch("/api/auth/me");
    const early = takePrefetched("/api/auth/me");
    await expect(early).rejects.toBeInstanceOf(ApiError);
    await expect(early).rejects.toMatchObject({ status: 401, code: "AUTH_REQUIRED" });
    expect(takePrefetched("/api/auth/me")).toBeUndefined();
  });
});
