// @vitest-environment jsdom

import { App } from "antd";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LocaleProvider } from "../../../i18n/locale.tsx";
import { fakeFetch, stubBrowserApis } from "../../../test/dom.ts";
import { click, type Rendered, renderDom, text, until } from "../../../test/render.tsx";
import { WarningDrawer } from "./WarningDrawer.tsx";

const ID = "0b0c3f7e-2222-4000-8000-000000000001";
const CASE = "0b0c3f7e-2222-4000-8000-000000000002";

function detail(status: string, abilities: string[]) {
  return {
    id: ID,
    kind: "collective_forming",
    status,
    subject: "宏达建筑公司",
    summary: { zh: "5日内3名不同信访人就「宏达建筑公司」反映问题（3件）", en: "3 different petitioners" },
    windowStart: "2026-02-28",
    windowEnd: "2026-03-02",
    raisedAt: "2026-03-04T02:00:00.000Z",
    updatedAt: "2026-03-04T02:00:00.000Z",
    caseCount: 1,
    figures: { persons: 3 },
    abilities,
    cases: [
      {
        id: CASE,
        caseNumber: "419001-2026-0000007",
        title: "反映工资问题",
        status: "registered",
        receivedAt: "2026-03-01T02:00:00.000Z",
        categoryName: null,
        regionName: "甲村",
        destinationLevel: null,
      },
    ],
    followUps: [],
    acknowledgedBy: status === "open" ? null : "办公室",
    acknowledgedAt: status === "open" ? null : "2026-03-04T03:00:00.000Z",
    closedBy: null,
    closedAt: null,
    closeReason: null,
  };
}

let view: Rendered;
afterEach(() => {
  view.unmount();
  vi.unstubAllGlobals();
});

async function open(routes: Parameters<typeof fakeFetch>[0]) {
  stubBrowserApis();
  const fetchMock = fakeFetch(routes);
  vi.stubGlobal("fetch", fetchMock.fn);
  let changed = 0;
  view = await renderDom(
    <LocaleProvider initial="zh-CN">
      <App>
        <MemoryRouter>
          <WarningDrawer id={ID} onClose={() => {}} onChanged={() => changed++} />
        </MemoryRouter>
      </App>
    </LocaleProvider>,
  );
  await until(() => document.body.querySelector("[data-testid=evidence]") !== null, "the evidence");
  return { fetchMock, changed: () => changed };
}

describe("the warning drawer", () => {
  it("shows only the buttons of the server's abilities, and the evidence cases as links", async () => {
    await open({ [`GET /api/warnings/${ID}`]: detail("acknowledged", ["follow_up"]) });
    const body = document.body;
    expect(body.querySelector("[data-testid=acknowledge]")).toBeNull();
    expect(body.querySelector("[data-testid=close]")).toBeNull();
    expect(body.querySelector("[data-testid=follow-up]")).not.toBeNull();
    const link = body.querySelector(`[data-testid=evidence] a[href="/cases/${CASE}"]`);
    expect(text(link)).toBe("419001-2026-0000007 反映工资问题");
    expect(text(body.querySelector("[data-testid=drawer-summary]"))).toContain("宏达建筑公司");
  });

  it("acknowledges through the API and shows the new status", async () => {
    let acknowledged = false;
    const { fetchMock, changed } = await open({
      [`GET /api/warnings/${ID}`]: () =>
        acknowledged
          ? detail("acknowledged", ["follow_up", "close"])
          : detail("open", ["acknowledge", "follow_up", "close"]),
      [`POST /api/warnings/${ID}/acknowledge`]: () => {
        acknowledged = true;
        return detail("acknowledged", ["follow_up", "close"]);
      },
    });
    await click(document.body.querySelector("[data-testid=acknowledge]"));
    await until(
      () => text(document.body.querySelector("[data-testid=drawer-status]")) === "跟进中",
      "the new status",
    );
    expect(fetchMock.calls.filter((c) => c.method === "POST").map((c) => c.url)).toEqual([
      `/api/warnings/${ID}/acknowledge`,
    ]);
    expect(document.body.querySelector("[data-testid=acknowledge]")).toBeNull();
    expect(changed()).toBe(1);
    await until(() => text(document.querySelector(".ant-message")).includes("已保存"), "the message");
  });
});
