// @vitest-environment jsdom
import { App } from "antd";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Me } from "../api/types.ts";
import { SessionProvider } from "../hooks/session.tsx";
import { LocaleProvider } from "../i18n/locale.tsx";
import { fakeFetch, stubBrowserApis } from "../test/dom.ts";
import { click, type Rendered, renderDom, text, typeInto, until } from "../test/render.tsx";
import { ConsoleLayout } from "./ConsoleLayout.tsx";

const me = (
  restrictions: Me["restrictions"],
  passwordChangeReason: Me["passwordChangeReason"] = restrictions.includes("change_password")
    ? "expired"
    : null,
): Me => ({
  id: "u1",
  username: "rsj",
  displayName: "郑人社",
  roles: ["unit_staff"],
  unit: { id: "x", name: "人社局", kind: "department" },
  csrfToken: "csrf-1",
  idleTimeoutMinutes: 15,
  totpEnabled: false,
  restrictions,
  passwordChangeReason,
});

let view: Rendered;
let fetchMock: ReturnType<typeof fakeFetch>;

async function mount(first: Me) {
  fetchMock = fakeFetch({
    "GET /api/auth/me": first,
    "POST /api/auth/password": { ...me([]), csrfToken: "csrf-2" },
  });
  vi.stubGlobal("fetch", fetchMock.fn);
  view = await renderDom(
    <LocaleProvider initial="zh-CN">
      <App>
        <SessionProvider>
          <MemoryRouter initialEntries={["/"]}>
            <Routes>
              <Route element={<ConsoleLayout />}>
                <Route index element={<p data-testid="home">home</p>} />
                <Route path="audit" element={<p data-testid="audit">audit</p>} />
              </Route>
              <Route path="/login" element={<p data-testid="login">login</p>} />
            </Routes>
          </MemoryRouter>
        </SessionProvider>
      </App>
    </LocaleProvider>,
  );
}

beforeEach(() => stubBrowserApis());
afterEach(() => {
  view.unmount();
  vi.unstubAllGlobals();
});

describe("the console frame", () => {
  it("sends a visitor without a session to the login page", async () => {
    vi.stubGlobal(
      "fetch",
      async () =>
        new Response(
          JSON.stringify({
            error: { code: "AUTH_REQUIRED", message: "请先登录", messageEn: "Please log in" },
          }),
          {
            status: 401,
          },
        ),
    );
    view = await renderDom(
      <LocaleProvider initial="zh-CN">
        <App>
          <SessionProvider>
            <MemoryRouter initialEntries={["/"]}>
              <Routes>
                <Route element={<ConsoleLayout />}>
                  <Route index element={<p data-testid="home">home</p>} />
                </Route>
                <Route path="/login" element={<p data-testid="login">login</p>} />
              </Routes>
            </MemoryRouter>
          </SessionProvider>
        </App>
      </LocaleProvider>,
    );
    await until(() => view.container.querySelector("[data-testid=login]") !== null, "the login page");
  });

  it("shows the screen and the user's name and unit for a normal session", async () => {
    await mount(me([]));
    await until(() => view.container.querySelector("[data-testid=home]") !== null, "the home screen");
    expect(text(view.container.querySelector("[data-testid=current-user]"))).toBe("郑人社 · 人社局");
  });

  it("tells an account without a role to ask the security administrator, with no menu and no home screen", async () => {
    await mount({ ...me([]), roles: [] });
    await until(() => view.container.querySelector("[data-testid=no-role-page]") !== null, "the notice");
    expect(view.container.querySelector("[data-testid=home]")).toBeNull();
    expect(text(view.container.querySelector("[data-testid=no-role-page]"))).toContain(
      "您的账户尚未授予角色，请联系安全管理员",
    );
    expect(view.container.querySelector(".ant-menu")).toBeNull();
    // Nothing but who the user is was asked of the server: no to-dos, alerts or duty roster to fail.
    expect(fetchMock.calls.map((c) => c.url)).toEqual(["/api/auth/me"]);
  });

  it("shows the menu to a user who holds a role", async () => {
    await mount(me([]));
    await until(() => view.container.querySelector("[data-testid=home]") !== null, "the home screen");
    expect(view.container.querySelector(".ant-menu")).not.toBeNull();
    expect(view.container.querySelector("[data-testid=no-role-page]")).toBeNull();
  });

  it("asks an expired password to be changed before anything else, then lets the user in", async () => {
    await mount(me(["change_password"]));
    await until(() => view.container.querySelector("[data-testid=restricted]") !== null, "the restriction");
    expect(view.container.querySelector("[data-testid=home]")).toBeNull();
    expect(text(view.container.querySelector("[data-testid=restricted]"))).toContain(
      "密码已过期，请先修改密码",
    );
    const inputs = view.container.querySelectorAll("[data-testid=restricted] input[type=password]");
    await typeInto(inputs[0], "Old-Passw0rd!");
    await typeInto(inputs[1], "New-Passw0rd!2026");
    await click(view.container.querySelector("[data-testid=restricted] button[type=submit]"));
    await until(() => view.container.querySelector("[data-testid=home]") !== null, "the home screen");
    const sent = fetchMock.calls.find((c) => c.url === "/api/auth/password");
    expect(sent?.body).toEqual({ currentPassword: "Old-Passw0rd!", newPassword: "New-Passw0rd!2026" });
  });

  it("tells a user whose password an administrator set to choose their own, not that it expired", async () => {
    await mount(me(["change_password"], "admin_set"));
    await until(() => view.container.querySelector("[data-testid=restricted]") !== null, "the restriction");
    expect(view.container.querySelector("[data-testid=home]")).toBeNull();
    const shown = text(view.container.querySelector("[data-testid=restricted]"));
    expect(shown).toContain("您的密码由管理员设置，请先设置只有您自己知道的新密码");
    expect(shown).toContain("管理员告知的密码");
    expect(shown).not.toContain("密码已过期");
  });

  it("opens the audit administrator's console on the audit log, with no case entries in the menu", async () => {
    await mount({ ...me([]), username: "auditadmin", roles: ["audit_admin"] });
    await until(() => view.container.querySelector("[data-testid=audit]") !== null, "the audit log");
    expect(view.container.querySelector("[data-testid=home]")).toBeNull();
    const menu = text(view.container.querySelector(".ant-menu"));
    expect(menu).toContain("审计日志");
    for (const entry of ["我的待办", "信访事项", "全文检索", "工作台账"]) expect(menu).not.toContain(entry);
    // No to-dos, alerts or duty roster asked for on the way.
    expect(fetchMock.calls.map((c) => c.url)).toEqual(["/api/auth/me"]);
  });

  it("gives no one else the audit log entry", async () => {
    await mount({ ...me([]), username: "sysadmin", roles: ["system_admin"] });
    await until(() => view.container.querySelector("[data-testid=home]") !== null, "the home screen");
    expect(view.container.querySelector("[data-testid=menu-audit]")).toBeNull();
  });
});
