// @vitest-environment jsdom
import { App } from "antd";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CaseList, CaseSummary } from "../../../api/types.ts";
import { SessionProvider } from "../../../hooks/session.tsx";
import { LocaleProvider } from "../../../i18n/locale.tsx";
import { caseDetail } from "../../../test/case-detail.ts";
import { fakeFetch, stubBrowserApis } from "../../../test/dom.ts";
import { signedIn } from "../../../test/me.ts";
import { type Rendered, renderDom, text, until } from "../../../test/render.tsx";
import { CaseListPage } from "./CaseListPage.tsx";

/** A row of the list: the detail's fields are a superset of the summary's. */
const row = (n: number): CaseSummary => caseDetail({ id: `case-${n}`, title: `拖欠工资 ${n}` });

const list = (total: number, totalIsExact: boolean): CaseList => ({
  items: [row(1), row(2)],
  total,
  totalIsExact,
  page: 1,
  pageSize: 20,
});

let view: Rendered;
afterEach(() => {
  view.unmount();
  vi.unstubAllGlobals();
});

async function open(answer: CaseList, locale: "zh-CN" | "en", q = "工资") {
  stubBrowserApis();
  const fetchMock = fakeFetch({
    "GET /api/auth/me": signedIn(),
    [`GET /api/cases?q=${encodeURIComponent(q)}&page=1&pageSize=20`]: answer,
  });
  vi.stubGlobal("fetch", fetchMock.fn);
  view = await renderDom(
    <LocaleProvider initial={locale}>
      <SessionProvider>
        <App>
          <MemoryRouter initialEntries={[`/cases?q=${encodeURIComponent(q)}`]}>
            <Routes>
              <Route path="/cases" element={<CaseListPage />} />
            </Routes>
          </MemoryRouter>
        </App>
      </SessionProvider>
    </LocaleProvider>,
  );
  await until(
    () => view.container.querySelector("[data-testid=case-table] tbody tr[data-row-key]") !== null,
    "rows",
  );
  return fetchMock;
}

const totalText = () => text(view.container.querySelector(".ant-pagination-total-text"));

describe("the case list's total", () => {
  it("says 超过 1,000 条 when the keyword matches more cases than were counted", async () => {
    const fetchMock = await open(list(1000, false), "zh-CN");
    expect(fetchMock.calls.some((c) => c.url.startsWith("/api/cases?q="))).toBe(true);
    expect(totalText()).toBe("超过 1,000 条");
  });

  it("says 'More than 1,000' in English", async () => {
    await open(list(1000, false), "en");
    expect(totalText()).toBe("More than 1,000");
  });

  it("gives a counted total as it is", async () => {
    await open(list(2, true), "zh-CN");
    expect(totalText()).toBe("共 2 条");
  });
});
