// @vitest-environment jsdom
import { App } from "antd";
import { act } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TImportResult } from "../../../../../domain/schemas/import.ts";
import type { Me } from "../../../../api/types.ts";
import { SessionProvider } from "../../../../hooks/session.tsx";
import { LocaleProvider } from "../../../../i18n/locale.tsx";
import { failWith, fakeFetch, stubBrowserApis } from "../../../../test/dom.ts";
import { signedIn } from "../../../../test/me.ts";
import { click, type Rendered, renderDom, text, until } from "../../../../test/render.tsx";
import { ImportsPage } from "./ImportsPage.tsx";

const me = (role: Me["roles"][number]): Me =>
  signedIn({ id: "u1", username: "admin", displayName: "管理员", roles: [role] });

const result = (over: Partial<TImportResult>): TImportResult => ({
  kind: "network",
  mode: null,
  file: { name: "n.csv", sha256: "x", sheet: "组织网络" },
  applied: false,
  summary: { rows: 2, invalidRows: 1, created: 1, updated: 0, roles: 0, unchanged: 0 },
  issues: [
    {
      sheet: "组织网络",
      row: 3,
      column: "行政区划代码（C）",
      zh: "找不到上级单位：区划代码 330127009 的乡镇既不在文件中，也不在系统中",
      en: "no parent",
    },
  ],
  changes: [{ row: 2, action: "create", key: "330127001", detail: "城关镇（township，c.t001）" }],
  passwords: [],
  ...over,
});

let view: Rendered;
afterEach(() => {
  view.unmount();
  vi.unstubAllGlobals();
});

async function open(viewer: Me, routes: Record<string, unknown>) {
  stubBrowserApis();
  const fetchMock = fakeFetch({ "GET /api/auth/me": viewer, ...routes });
  vi.stubGlobal("fetch", fetchMock.fn);
  view = await renderDom(
    <LocaleProvider initial="zh-CN">
      <SessionProvider>
        <App>
          <ImportsPage />
        </App>
      </SessionProvider>
    </LocaleProvider>,
  );
  await until(() => view.container.querySelector("[data-testid=import-file]") !== null, "the page");
  await until(() => fetchMock.calls.some((c) => c.url === "/api/auth/me"), "the session");
  return fetchMock;
}

async function chooseFile(name: string) {
  const input = view.container.querySelector<HTMLInputElement>("[data-testid=import-file]")!;
  Object.defineProperty(input, "files", { value: [new File(["a,b"], name)], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

const button = (id: string) => view.container.querySelector<HTMLButtonElement>(`[data-testid=${id}]`);

describe("批量导入", () => {
  it("previews with every problem by sheet, row and column, and confirms only once skipping is chosen", async () => {
    let applied = false;
    const fetchMock = await open(me("system_admin"), {
      "POST /api/admin/imports/network?apply=false&skipInvalid=false": result({}),
      "POST /api/admin/imports/network?apply=true&skipInvalid=true": () => {
        applied = true;
        return result({ applied: true });
      },
    });
    await until(() => text(view.container).includes("组织网络（乡镇、村、组、部门）"), "the kinds");
    await chooseFile("network.csv");
    await until(() => button("import-preview")?.disabled === false, "preview enabled");
    await click(button("import-preview"));
    await until(() => fetchMock.calls.some((c) => c.method === "POST"), "the preview sent");
    await until(() => view.container.querySelector("[data-testid=import-issues]") !== null, "the problems");
    const issues = text(view.container.querySelector("[data-testid=import-issues]"));
    expect(issues).toContain("组织网络");
    expect(issues).toContain("行政区划代码（C）");
    expect(issues).toContain("找不到上级单位");
    expect(text(view.container.querySelector("[data-testid=import-status]"))).toContain(
      "有错误，未写入任何数据",
    );
    expect(button("import-confirm")?.disabled).toBe(true);
    await click(view.container.querySelector("[data-testid=import-skip] input"));
    await until(() => button("import-confirm")?.disabled === false, "confirm enabled");
    await click(button("import-confirm"));
    await until(() => text(view.container).includes("已导入，并记入审计日志"), "the result");
    expect(applied).toBe(true);
    const sent = fetchMock.calls.filter((c) => c.method === "POST");
    expect(sent.map((c) => c.url)).toEqual([
      "/api/admin/imports/network?apply=false&skipInvalid=false",
      "/api/admin/imports/network?apply=true&skipInvalid=true",
    ]);
  });

  it("gives the security administrator the users import only, and shows a refused import's problems", async () => {
    await open(me("security_admin"), {
      "POST /api/admin/imports/users?apply=false&skipInvalid=false": failWith(
        422,
        "IMPORT_INVALID",
        "导入文件有错误",
        {
          ...result({ kind: "users", mode: "roles" }),
          issues: [{ sheet: "用户", row: 2, column: "用户名（A）", zh: "账户不存在", en: "no such account" }],
        },
      ),
    });
    expect(view.container.querySelector("[data-testid=import-kind]")).toBeNull();
    expect(text(view.container)).toContain("安全管理员导入只把文件中的业务角色授予已有账户");
    await chooseFile("users.xlsx");
    await click(button("import-preview"));
    await until(() => text(view.container).includes("账户不存在"), "the problem");
  });

  it("offers the new accounts' first passwords once after a users import", async () => {
    await open(me("system_admin"), {
      "POST /api/admin/imports/users?apply=false&skipInvalid=false": result({ kind: "users", issues: [] }),
      "POST /api/admin/imports/users?apply=true&skipInvalid=false": result({
        kind: "users",
        applied: true,
        issues: [],
        passwords: [{ username: "lisi", displayName: "李四", password: "abcd-EFGH-2345-jkmn" }],
      }),
    });
    await click(view.container.querySelectorAll("[data-testid=import-kind] label")[1]);
    await chooseFile("users.csv");
    await click(button("import-preview"));
    await until(() => button("import-confirm")?.disabled === false, "confirm enabled");
    await click(button("import-confirm"));
    await until(() => button("import-passwords") !== null, "the passwords button");
    expect(text(view.container)).toContain("只在此显示一次");
  });
});
