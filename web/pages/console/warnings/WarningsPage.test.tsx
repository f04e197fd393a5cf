// @vitest-environment jsdom

import { App } from "antd";
import { MemoryRouter } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "../../../../domain/auth/roles.ts";
import type { Me } from "../../../api/types.ts";
import { SessionProvider } from "../../../hooks/session.tsx";
import { LocaleProvider } from "../../../i18n/locale.tsx";
import { fakeFetch, stubBrowserApis } from "../../../test/dom.ts";
import { click, type Rendered, renderDom, text, until } from "../../../test/render.tsx";
import { WarningsPage } from "./WarningsPage.tsx";

const me = (roles: Role[]): Me => ({
  id: "u1",
  username: "office",
  displayName: "钱办公",
  roles,
  unit: { id: "b", name: "县信访局", kind: "bureau" },
  csrfToken: "csrf-1",
  idleTimeoutMinutes: 15,
  totpEnabled: false,
  restrictions: [],
  passwordChangeReason: null,
});

let view: Rendered;
let fetchMock: ReturnType<typeof fakeFetch>;
let scanned = false;

async function mount(roles: Role[]) {
  scanned = false;
  fetchMock = fakeFetch({
    "GET /api/auth/me": me(roles),
    "GET /api/warnings?page=1&pageSize=20": () => ({ items: [], total: 0 }),
    "GET /api/warnings/digests?limit=1": { items: [] },
    "POST /api/warnings/scan": () => {
      scanned = true;
      return {
        date: "2026-03-02",
        raised: 2,
        updated: 1,
        byKind: {},
        digest: { date: "2026-03-02", created: true },
      };
    },
  });
  vi.stubGlobal("fetch", fetchMock.fn);
  view = await renderDom(
    <LocaleProvider initial="zh-CN">
      <SessionProvider>
        <App>
          <MemoryRouter initialEntries={["/warnings"]}>
            <WarningsPage />
          </MemoryRouter>
        </App>
      </SessionProvider>
    </LocaleProvider>,
  );
  await until(() => view.container.querySelector("[data-testid=warnings-empty]") !== null, "the empty list");
}

beforeEach(() => stubBrowserApis());
afterEach(() => {
  view.unmount();
  vi.unstubAllGlobals();
});

describe("an empty 预警研判 list", () => {
  it("says when the analysis runs and lets the bureau office run it now", async () => {
    await mount(["bureau_office"]);
    expect(text(view.container.querySelector("[data-testid=warnings-schedule]"))).toContain("每天 07:00");
    await until(() => view.container.querySelector("[data-testid=warnings-scan-now]") !== null, "the button");
    await click(view.container.querySelector("[data-testid=warnings-scan-now]"));
    await until(() => scanned, "the scan");
    await until(
      () => text(document.querySelector(".ant-message")).includes("研判完成：新发现 2 条，更新 1 条"),
      "the message",
    );
    // The list is asked again after the scan.
    expect(fetchMock.calls.filter((c) => c.url.startsWith("/api/warnings?")).length).toBeGreaterThanOrEqual(
      2,
    );
  });

  it("offers no scan to a leader, whom the scan endpoint refuses, and says whom to ask", async () => {
    await mount(["bureau_leader"]);
    await until(() => fetchMock.calls.some((c) => c.url === "/api/auth/me"), "the session");
    await new Promise((r) => setTimeout(r, 50));
    expect(view.container.querySelector("[data-testid=warnings-scan-now]")).toBeNull();
    expect(text(view.container.querySelector("[data-testid=warnings-empty]"))).toContain(
      "请联系县信访局办公室",
    );
  });
});
