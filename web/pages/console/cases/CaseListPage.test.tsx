// @vitest-environment jsdom
import { App } from "antd";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CaseList, CaseSummary, Me } from "../../../api/types.ts";
import { SessionProvider } from "../../../hooks/session.tsx";
import { LocaleProvider } from "../../../i18n/locale.tsx";
import { fakeFetch, stubBrowserApis } from "../../../test/dom.ts";
import { type Rendered, renderDom, text, until } from "../../../test/render.tsx";
import { CaseListPage } from "./CaseListPage.tsx";

const registrar: Me = {
  id: "u-reg",
  username: "registrar",
  displayName: "登记员",
  roles: ["registrar"],
  unit: { id: "b", name: "信访局", kind: "bureau" },
  csrfToken: "csrf-1",
  idleTimeoutMinutes: 15,
  totpEnabled: false,
  restrictions: [],
  passwordChangeReason: null,
};

const row = (n: number): CaseSummary => ({
  id: `case-${n}`,
  caseNumber: `990001-2026-${String(n).padStart(7, "0")}`,
  channel: "letter",
  status: "registered",
  nature: "request",
  legalClass: null,
  categoryId: null,
  categoryName: null,
  title: `拖欠工资 ${n}`,
  problemRegionCode: "990001001",
  regionName: "甲镇",
  destinationLevel: null,
  upperRegistered: null,
  headcount: 1,
  batchCount: 1,
  isCollective: false,
  isFirstPetition: true,
  isAnonymous: false,
  isConfidential: false,
  isImported: false,
  ledgerNumber: null,
  receivedAt: "2026-03-01T01:00:00.000Z",
  registeredAt: "2026-03-01T01:00:00.000Z",
  firstPetitionerName: "王建国",
});

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
    "GET /api/auth/me": registrar,
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
