// @vitest-environment jsdom

import { MemoryRouter, Route, Routes } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CaseSearchResult } from "../../../api/types.ts";
import { LocaleProvider } from "../../../i18n/locale.tsx";
import { fakeFetch, stubBrowserApis } from "../../../test/dom.ts";
import { type Rendered, renderDom, text, until } from "../../../test/render.tsx";
import { SearchPage } from "./SearchPage.tsx";

const typed = "110101199003077777";

const answer: CaseSearchResult = {
  items: [],
  total: 0,
  totalIsExact: true,
  page: 1,
  pageSize: 20,
  terms: [],
};

let view: Rendered;
let fetchMock: ReturnType<typeof fakeFetch>;

beforeEach(async () => {
  stubBrowserApis();
  fetchMock = fakeFetch({ "POST /api/search/cases": answer });
  vi.stubGlobal("fetch", fetchMock.fn);
  view = await renderDom(
    <LocaleProvider initial="zh-CN">
      <MemoryRouter initialEntries={[`/search?q=${typed}`]}>
        <Routes>
          <Route path="/search" element={<SearchPage />} />
        </Routes>
      </MemoryRouter>
    </LocaleProvider>,
  );
  await until(() => text(view.container.querySelector("[data-testid=search-total]")) !== "", "the total");
});
afterEach(() => {
  view.unmount();
  vi.unstubAllGlobals();
});

describe("the search page", () => {
  it("sends what was typed in a POST body, never in the API address", () => {
    expect(fetchMock.calls).toEqual([
      { method: "POST", url: "/api/search/cases", body: { q: typed, page: 1, pageSize: 20 } },
    ]);
  });
});
