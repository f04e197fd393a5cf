// @vitest-environment jsdom
import { App } from "antd";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SessionProvider } from "../../../hooks/session.tsx";
import { LocaleProvider } from "../../../i18n/locale.tsx";
import { failWith, fakeFetch, stubBrowserApis } from "../../../test/dom.ts";
import { type Rendered, renderDom, text, until } from "../../../test/render.tsx";
import { LoginPage } from "./LoginPage.tsx";

let view: Rendered;
afterEach(() => {
  view.unmount();
  vi.unstubAllGlobals();
});

async function open(setUp: boolean) {
  stubBrowserApis();
  const fetchMock = fakeFetch({
    "GET /api/auth/me": failWith(401, "AUTH_REQUIRED", "请先登录"),
    "GET /api/public/setup-status": { setUp },
  });
  vi.stubGlobal("fetch", fetchMock.fn);
  view = await renderDom(
    <LocaleProvider initial="zh-CN">
      <SessionProvider>
        <App>
          <MemoryRouter initialEntries={["/login"]}>
            <LoginPage />
          </MemoryRouter>
        </App>
      </SessionProvider>
    </LocaleProvider>,
  );
  await until(() => fetchMock.calls.some((c) => c.url === "/api/public/setup-status"), "the status");
}

describe("the login page before and after set-up", () => {
  it("says the system is not set up, with the command to run, instead of a login nobody can pass", async () => {
    await open(false);
    await until(() => view.container.querySelector("[data-testid=setup-pending]") !== null, "the notice");
    expect(text(view.container)).toContain("系统尚未初始化");
    expect(text(view.container)).toContain("npm run xinfang -- setup");
    expect(view.container.querySelector("input[type=password]")).toBeNull();
  });

  it("shows the login form once set up", async () => {
    await open(true);
    await until(() => view.container.querySelector("input[type=password]") !== null, "the form");
    expect(view.container.querySelector("[data-testid=setup-pending]")).toBeNull();
  });
});
