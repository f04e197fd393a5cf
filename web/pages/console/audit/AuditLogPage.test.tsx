// @vitest-environment jsdom
import { App } from "antd";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TAuditEntry, TAuditVerification } from "../../../../domain/schemas/admin.ts";
import { LocaleProvider } from "../../../i18n/locale.tsx";
import { fakeFetch, stubBrowserApis } from "../../../test/dom.ts";
import { click, type Rendered, renderDom, text, typeInto, until } from "../../../test/render.tsx";
import { AuditLogPage } from "./AuditLogPage.tsx";

const entry = (over: Partial<TAuditEntry>): TAuditEntry => ({
  id: "1",
  at: "2026-03-02T02:00:00.000Z",
  actorId: "u-reg",
  actorUsername: "reg",
  actorName: "李登记",
  actorRole: "registrar",
  ip: "10.0.0.8",
  action: "case_accept",
  objectType: "case",
  objectId: "c-1",
  objectLabel: null,
  detail: {},
  outcome: null,
  chainPos: "41",
  ...over,
});

const ROWS: TAuditEntry[] = [
  entry({
    id: "4",
    actorId: null,
    actorUsername: null,
    actorName: null,
    actorRole: "system",
    action: "case_deadline_alert",
    detail: {
      today: "2026-03-02",
      alerts: [
        { kind: "breach", clock: "statutory", step: "handling", dueOn: "2026-03-01" },
        { kind: "warning", clock: "internal", step: "resolution", dueOn: "2026-03-04" },
      ],
    },
  }),
  entry({
    id: "3",
    action: "case_accept",
    detail: { caseNumber: "990001-2026-0000007", from: "registered", to: "accepted" },
  }),
  entry({
    id: "2",
    actorId: null,
    actorUsername: null,
    actorName: null,
    actorRole: null,
    action: "login_failed",
    objectType: "user",
    objectId: null,
    outcome: "failure",
    detail: { username: "nobody", reason: "unknown_user" },
  }),
  entry({
    id: "1",
    actorName: "王系统",
    actorUsername: "sysadmin",
    actorRole: "system_admin",
    action: "settings_warnings",
    objectType: "setting",
    objectId: "warning",
    detail: { from: { spikeMinCount: 5 }, to: { spikeMinCount: 6 } },
  }),
];

const VERIFIED: TAuditVerification = {
  ok: true,
  sealed: 128,
  unsealed: 0,
  headPosition: "128",
  headHash: "ab".repeat(32),
  anchors: {
    ok: true,
    count: 3,
    badPosition: null,
    reason: null,
    last: { position: "120", hash: "cd".repeat(32), at: "2026-03-02T01:45:00.000Z" },
  },
  checkedAt: "2026-03-02T02:00:00.000Z",
};

let view: Rendered;
afterEach(() => {
  view.unmount();
  vi.unstubAllGlobals();
});

function Address() {
  const l = useLocation();
  return <p data-testid="address">{l.search}</p>;
}

async function open(address = "/audit", verification: TAuditVerification = VERIFIED) {
  stubBrowserApis();
  const list = () => ({ items: ROWS, total: ROWS.length });
  const fetchMock = fakeFetch({
    "GET /api/audit?page=1&pageSize=50": list,
    "GET /api/audit?actor=reg&page=1&pageSize=50": list,
    "GET /api/audit?actor=sysadmin&page=1&pageSize=50": list,
    "POST /api/audit/verify": verification,
  });
  vi.stubGlobal("fetch", fetchMock.fn);
  view = await renderDom(
    <LocaleProvider initial="zh-CN">
      <App>
        <MemoryRouter initialEntries={[address]}>
          <Routes>
            <Route
              path="/audit"
              element={
                <>
                  <AuditLogPage />
                  <Address />
                </>
              }
            />
          </Routes>
        </MemoryRouter>
      </App>
    </LocaleProvider>,
  );
  await until(
    () => view.container.querySelectorAll("[data-testid=audit-table] tbody tr[data-row-key]").length > 0,
    "the rows",
  );
  return fetchMock;
}

const row = (id: string) =>
  view.container.querySelector(`[data-testid=audit-table] tr[data-row-key="${id}"]`);

describe("the audit log screen", () => {
  it("reads each row in Chinese: time, who with their role, the action, the object and labelled details", async () => {
    await open();
    const accept = text(row("3"));
    expect(accept).toContain("2026-03-02 10:00:00");
    expect(accept).toContain("李登记");
    expect(accept).toContain("登记员");
    expect(accept).toContain("受理");
    expect(accept).toContain("990001-2026-0000007");
    expect(accept).toContain("变更前：已登记");
    expect(accept).toContain("变更后：已受理");
    const failed = text(row("2"));
    expect(failed).toContain("登录失败");
    expect(failed).toContain("失败");
    expect(failed).toContain("（未识别的用户）");
    expect(failed).toContain("用户名：nobody");
    expect(failed).toContain("原因：用户名不存在");
    // No code or key of the log reaches a person, except folded in the raw record.
    for (const id of ["3", "2"]) {
      expect(text(row(id))).not.toMatch(/case_accept|login_failed|unknown_user|registrar|caseNumber/);
    }
    const alerts = row("4");
    expect(text(alerts)).toContain("系统任务");
    expect([...(alerts?.querySelectorAll("[data-field=alerts] li") ?? [])].map((li) => text(li))).toEqual([
      "类别：超期；时限类别：法定时限；环节：办理；期限：2026-03-01",
      "类别：临期预警；时限类别：内部目标；环节：办结目标；期限：2026-03-04",
    ]);
    const settings = row("1");
    expect(text(settings?.querySelector("[data-field=from]"))).toBe("变更前：（见原始记录）");
    expect(text(settings?.querySelector(".ant-collapse-header"))).toBe("原始记录");
  });

  it("keeps the filters in the address and asks the API for them", async () => {
    const fetchMock = await open("/audit?actor=reg");
    expect(fetchMock.calls.map((c) => c.url)).toContain("/api/audit?actor=reg&page=1&pageSize=50");
    const box = view.container.querySelector("[data-testid=audit-filter-actor]");
    expect(box?.querySelector("input")?.value).toBe("reg");
    await typeInto(box?.querySelector("input"), "SysAdmin");
    await click(box?.querySelector(".ant-input-search-btn"));
    await until(
      () => text(view.container.querySelector("[data-testid=address]")) === "?actor=sysadmin",
      "the new filter in the address",
    );
    await until(
      () => fetchMock.calls.some((c) => c.url === "/api/audit?actor=sysadmin&page=1&pageSize=50"),
      "the API asked",
    );
  });

  it("runs the verification and shows the chain whole, the rows checked, the head and the last anchor", async () => {
    const fetchMock = await open();
    await click(view.container.querySelector("[data-testid=audit-verify]"));
    await until(
      () => text(view.container.querySelector("[data-testid=audit-verdict]")) === "完整",
      "the verdict",
    );
    const card = text(view.container.querySelector("[data-testid=audit-verify-card]"));
    expect(card).toContain("校验条数128");
    expect(card).toContain("ab".repeat(32));
    expect(card).toContain("第 120 条，2026-03-02 09:45:00");
    expect(card).toContain("3 个锚点一致");
    expect(fetchMock.calls.filter((c) => c.method === "POST").map((c) => c.url)).toEqual([
      "/api/audit/verify",
    ]);
    // The verification is a row of the log itself: the list is read again.
    expect(fetchMock.calls.filter((c) => c.url === "/api/audit?page=1&pageSize=50").length).toBe(2);
  });

  it("says where a broken chain breaks and why", async () => {
    await open("/audit", {
      ok: false,
      sealed: 40,
      badPosition: "41",
      reason: "hash_mismatch",
      anchors: { ok: true, count: 0, badPosition: null, reason: null, last: null },
      checkedAt: "2026-03-02T02:00:00.000Z",
    });
    await click(view.container.querySelector("[data-testid=audit-verify]"));
    await until(
      () => text(view.container.querySelector("[data-testid=audit-verdict]")) === "在第 41 条断开",
      "the break",
    );
    const card = text(view.container.querySelector("[data-testid=audit-verify-card]"));
    expect(card).toContain("内容与哈希不符（记录被改动）");
    expect(card).toContain("断开前校验通过40");
    expect(card).toContain("尚无锚点");
  });
});
