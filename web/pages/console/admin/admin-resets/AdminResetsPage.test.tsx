// @vitest-environment jsdom
import { App } from "antd";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Me } from "../../../../api/types.ts";
import { SessionProvider } from "../../../../hooks/session.tsx";
import { LocaleProvider } from "../../../../i18n/locale.tsx";
import { fakeFetch, stubBrowserApis } from "../../../../test/dom.ts";
import { signedIn } from "../../../../test/me.ts";
import { click, type Rendered, renderDom, text, until } from "../../../../test/render.tsx";
import type { AdminReset } from "../types.ts";
import { AdminResetsPage } from "./AdminResetsPage.tsx";

const ids = { sys: "u-sys", sec: "u-sec", aud: "u-aud" };
const me = (id: string, role: Me["roles"][number]): Me =>
  signedIn({ id, username: id, displayName: id, roles: [role] });
const request = (id: string, status: AdminReset["status"]): AdminReset => ({
  id,
  targetUserId: ids.aud,
  targetUsername: "auditadmin",
  requestedBy: ids.sys,
  requestedByUsername: "sysadmin",
  requestedAt: "2026-12-06T08:00:00.000Z",
  expiresAt: "2026-12-07T08:00:00.000Z",
  status,
  decidedByUsername: status === "pending" ? null : "secadmin",
  decidedAt: status === "pending" ? null : "2026-12-06T09:00:00.000Z",
});

let view: Rendered;
afterEach(() => {
  view.unmount();
  vi.unstubAllGlobals();
});

async function open(viewer: Me) {
  stubBrowserApis();
  let decided = false;
  const fetchMock = fakeFetch({
    "GET /api/auth/me": viewer,
    "GET /api/admin/admin-resets": () => ({
      items: [request("r1", decided ? "approved" : "pending"), request("r0", "rejected")],
      administrators: [
        { id: ids.aud, username: "auditadmin", displayName: "审计管理员", role: "audit_admin" },
        { id: ids.sec, username: "secadmin", displayName: "安全管理员", role: "security_admin" },
        { id: ids.sys, username: "sysadmin", displayName: "系统管理员", role: "system_admin" },
      ],
    }),
    "POST /api/admin/admin-resets/r1/approve": () => {
      decided = true;
      return { request: request("r1", "approved"), user: {} };
    },
  });
  vi.stubGlobal("fetch", fetchMock.fn);
  view = await renderDom(
    <LocaleProvider initial="zh-CN">
      <SessionProvider>
        <App>
          <AdminResetsPage />
        </App>
      </SessionProvider>
    </LocaleProvider>,
  );
  await until(
    () => view.container.querySelectorAll("[data-testid=reset-table] tbody tr").length >= 2,
    "the requests",
  );
  return fetchMock;
}

const rowOf = (id: string) =>
  view.container.querySelector(`[data-testid=reset-table] tr[data-row-key="${id}"]`);

describe("the administrators' password resets", () => {
  it("let the third administrator approve a waiting request, and say so", async () => {
    const fetchMock = await open(me(ids.sec, "security_admin"));
    expect(text(rowOf("r1"))).toContain("待批准");
    expect(text(rowOf("r0"))).toContain("已驳回");
    expect(rowOf("r0")?.querySelector("[data-testid=reset-approve]")).toBeNull();
    await click(rowOf("r1")?.querySelector("[data-testid=reset-approve]"));
    await until(
      () => document.body.querySelector(".ant-popconfirm .ant-btn-primary") !== null,
      "the confirmation",
    );
    await click(document.body.querySelector(".ant-popconfirm .ant-btn-primary"));
    await until(() => text(document.body).includes("已批准：auditadmin 的密码已重置"), "the success message");
    expect(
      fetchMock.calls.some((c) => c.method === "POST" && c.url === "/api/admin/admin-resets/r1/approve"),
    ).toBe(true);
    await until(() => text(rowOf("r1")).includes("已批准"), "the request approved in the list");
  });

  it.each([
    ["the system administrator who asked", me(ids.sys, "system_admin")],
    ["the audit administrator concerned", me(ids.aud, "audit_admin")],
  ])("give %s no approve or reject button, but a form to ask for another", async (_who, viewer) => {
    const fetchMock = await open(viewer);
    expect(view.container.querySelector("[data-testid=reset-approve]")).toBeNull();
    expect(view.container.querySelector("[data-testid=reset-reject]")).toBeNull();
    expect(text(rowOf("r1"))).toContain("须由申请人和被重置者以外的第三名管理员处理");
    // The answer names the administrators, so every one of the three may ask, the audit
    // administrator too, without reading the user list.
    expect(view.container.querySelector("[data-testid=reset-new]")).not.toBeNull();
    expect(fetchMock.calls.some((c) => c.url === "/api/admin/users")).toBe(false);
  });
});
