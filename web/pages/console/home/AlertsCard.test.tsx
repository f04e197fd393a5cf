// @vitest-environment jsdom

import { MemoryRouter } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LocaleProvider } from "../../../i18n/locale.tsx";
import { fakeFetch, stubBrowserApis } from "../../../test/dom.ts";
import { click, type Rendered, renderDom, text, until } from "../../../test/render.tsx";
import { AlertsCard, type DeadlineAlert, type DeadlineAlerts } from "./HomePage.tsx";

let view: Rendered;
let fetchMock: ReturnType<typeof fakeFetch>;

const alert = (n: number, over: Partial<DeadlineAlert> = {}): DeadlineAlert => ({
  caseId: `c${n}`,
  caseNumber: `419001-2026-${String(n).padStart(7, "0")}`,
  title: `事项 ${n}`,
  status: "awaiting_signoff",
  clock: "statutory",
  step: "first_handling",
  kind: "breach",
  dueOn: "2026-03-02",
  provisional: false,
  unitId: null,
  unitName: null,
  raisedAt: "2026-03-03T00:00:00.000Z",
  clearedAt: null,
  mine: false,
  ...over,
});

/** 23 alerts in all (9 breaches, 14 warnings); the first page holds 10 of them. */
const page = (p: number): DeadlineAlerts => ({
  items:
    p === 1
      ? [alert(1, { kind: "warning", mine: true }), ...Array.from({ length: 9 }, (_, i) => alert(i + 2))]
      : Array.from({ length: p === 2 ? 10 : 3 }, (_, i) => alert(100 * p + i, { kind: "warning" })),
  total: 23,
  breaches: 9,
  warnings: 14,
  mine: 1,
});

beforeEach(async () => {
  stubBrowserApis();
  fetchMock = fakeFetch({
    "GET /api/alerts?page=1&pageSize=10": page(1),
    "GET /api/alerts?page=2&pageSize=10": page(2),
    "GET /api/alerts?page=3&pageSize=10": page(3),
  });
  vi.stubGlobal("fetch", fetchMock.fn);
  view = await renderDom(
    <LocaleProvider initial="zh-CN">
      <MemoryRouter>
        <AlertsCard />
      </MemoryRouter>
    </LocaleProvider>,
  );
  await until(() => text(view.container.querySelector("[data-testid=alerts-summary]")) !== "", "the alerts");
});
afterEach(() => {
  view.unmount();
  vi.unstubAllGlobals();
});

const $ = (sel: string) => view.container.querySelector(sel);

describe("the deadline-alert panel", () => {
  it("takes its header from the server's counts over every alert, so that it adds up", () => {
    // The page holds 9 breaches and 1 warning; the header must not count the page.
    expect(text($("[data-testid=alerts-summary]"))).toBe(
      "共 23 条：超期 9 条，预警 14 条；其中待我办理 1 条，排在前面",
    );
  });

  it("marks the alerts of the user's own work, which the server lists first", () => {
    const first = view.container.querySelector("[data-testid=alerts] a");
    expect(text(first)).toContain("待我办理");
    expect(view.container.querySelectorAll("[data-testid=alert-mine]")).toHaveLength(1);
  });

  it("pages through the alerts on the server", async () => {
    expect(view.container.querySelectorAll("[data-testid=alerts] a")).toHaveLength(10);
    await click(
      view.container.querySelector(
        "[data-testid=alerts-pages] li[title='3'] a, [data-testid=alerts-pages] .ant-pagination-item-3",
      ),
    );
    await until(() => view.container.querySelectorAll("[data-testid=alerts] a").length === 3, "page 3");
    expect(fetchMock.calls.map((c) => c.url)).toContain("/api/alerts?page=3&pageSize=10");
    expect(text($("[data-testid=alerts-summary]"))).toContain("共 23 条");
  });
});
