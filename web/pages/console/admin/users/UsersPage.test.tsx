// @vitest-environment jsdom
import { App } from "antd";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Me } from "../../../../api/types.ts";
import { SessionProvider } from "../../../../hooks/session.tsx";
import { LocaleProvider } from "../../../../i18n/locale.tsx";
import { fakeFetch, stubBrowserApis } from "../../../../test/dom.ts";
import { signedIn } from "../../../../test/me.ts";
import { click, type Rendered, renderDom, text, until } from "../../../../test/render.tsx";
import type { AdminUser } from "../types.ts";
import { UsersPage } from "./UsersPage.tsx";

const sysadmin: Me = signedIn({
  id: "u-sys",
  username: "sysadmin",
  displayName: "系统管理员",
  roles: ["system_admin"],
});
const user = (id: string, roles: AdminUser["roles"]): AdminUser => ({
  id,
  username: id,
  displayName: id,
  unitId: "b",
  unitName: "信访局",
  roles,
  isActive: true,
  isLocked: false,
  mustChangePassword: false,
  phone: id === "newclerk" ? "13800138000" : null,
});

let view: Rendered;
afterEach(() => {
  view.unmount();
  vi.unstubAllGlobals();
});

const rowOf = (id: string) =>
  view.container.querySelector(`[data-testid=user-table] tr[data-row-key="${id}"]`);
const buttons = (id: string) =>
  [...(rowOf(id)?.querySelectorAll("button") ?? [])].map((b) => text(b).replace(/\s/g, ""));

describe("the user list", () => {
  it("tags an account without a role, and offers only the two-person reset on another administrator's row", async () => {
    stubBrowserApis();
    const fetchMock = fakeFetch({
      "GET /api/auth/me": sysadmin,
      "GET /api/admin/users": {
        items: [user("u-sys", ["system_admin"]), user("auditadmin", ["audit_admin"]), user("newclerk", [])],
      },
      "GET /api/org/units": { items: [] },
    });
    vi.stubGlobal("fetch", fetchMock.fn);
    view = await renderDom(
      <LocaleProvider initial="zh-CN">
        <SessionProvider>
          <App>
            <UsersPage />
          </App>
        </SessionProvider>
      </LocaleProvider>,
    );
    await until(() => rowOf("newclerk") !== null, "the users");
    expect(text(rowOf("newclerk"))).toContain("未授予角色");
    expect(text(rowOf("newclerk"))).toContain("13800138000");
    expect(text(view.container)).toContain("联系电话");
    expect(buttons("newclerk")).toEqual(["修改", "停用", "重置密码"]);
    expect(buttons("auditadmin")).toEqual(["申请重置密码"]);
    expect(buttons("u-sys")).toEqual([]);
    expect(text(view.container)).toContain("管理员的密码由另外两名管理员共同重置");
    // The request form names the administrator concerned.
    await click(rowOf("auditadmin")?.querySelector("button"));
    await until(() => document.body.querySelector("[data-testid=reset-request-form]") !== null, "the form");
    expect(text(document.body.querySelector(".ant-modal-title"))).toBe("申请重置密码：auditadmin");
  });
});
