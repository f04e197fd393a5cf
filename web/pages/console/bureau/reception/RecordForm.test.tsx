// @vitest-environment jsdom
import { App } from "antd";
import { MemoryRouter } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LocaleProvider } from "../../../../i18n/locale.tsx";
import { fakeFetch, stubBrowserApis } from "../../../../test/dom.ts";
import { type Rendered, renderDom, until } from "../../../../test/render.tsx";
import { RecordButton } from "./ReceptionPage.tsx";

let view: Rendered;
beforeEach(() => stubBrowserApis());
afterEach(() => {
  view?.unmount();
  vi.unstubAllGlobals();
});

describe("the reception record form", () => {
  it("opens with one petitioner and one matter resolved on the spot", async () => {
    const f = fakeFetch({ "GET /api/org/units": { items: [] } });
    vi.stubGlobal("fetch", f.fn);
    view = await renderDom(
      <LocaleProvider initial="zh-CN">
        <App>
          <MemoryRouter>
            <RecordButton onDone={() => {}} />
          </MemoryRouter>
        </App>
      </LocaleProvider>,
    );
    (view.container.querySelector("[data-testid=new-record]") as HTMLButtonElement).click();
    await until(() => document.querySelector("[data-testid=matter-outcome-0]") !== null, "the form");
    const outcome = document.querySelector("[data-testid=matter-outcome-0]")!;
    expect(outcome.closest(".ant-select")?.textContent ?? outcome.textContent).toContain("当场解决");
  });
});
