// @vitest-environment jsdom
import { App } from "antd";
import dayjs from "dayjs";
import { StrictMode } from "react";
import { MemoryRouter } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LocaleProvider } from "../../../../i18n/locale.tsx";
import { fakeFetch, stubBrowserApis } from "../../../../test/dom.ts";
import { click, type Rendered, renderDom, until } from "../../../../test/render.tsx";
import { RecordButton, recordBody } from "./ReceptionPage.tsx";

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
      // StrictMode as in web/main.tsx: mounting twice must not lose the list's default values.
      <StrictMode>
        <LocaleProvider initial="zh-CN">
          <App>
            <MemoryRouter>
              <RecordButton onDone={() => {}} />
            </MemoryRouter>
          </App>
        </LocaleProvider>
      </StrictMode>,
    );
    await click(view.container.querySelector("[data-testid=new-record]"));
    await until(() => document.querySelector("[data-testid=matter-outcome-0]") !== null, "the form");
    const outcome = document.querySelector("[data-testid=matter-outcome-0]")!;
    await until(
      () => (outcome.closest(".ant-select")?.textContent ?? "").includes("当场解决"),
      "the default outcome",
    );
    expect(document.querySelector("[data-testid=petitioner-name-0]")).not.toBeNull();
  });
});

describe("recordBody", () => {
  it("links a case, opens one with every petitioner, sends the unit only for an assigned matter and leaves blanks out", () => {
    const body = recordBody({
      areaUnitId: "u-county",
      receivedOn: dayjs("2026-03-02"),
      leaderName: "王县长",
      leaderTitle: "副县长",
      place: "接待大厅",
      batchCount: 2,
      personVisits: 5,
      summary: "接访",
      petitioners: [{ name: "甲", idNumber: "", phone: "13800138000" }, { name: "乙" }],
      matters: [
        { summary: "当场解决", outcome: "resolved_on_spot", mode: "none", assignedUnitId: "u-x" },
        {
          summary: "交办",
          outcome: "assigned",
          assignedUnitId: "u-rsj",
          instruction: "",
          mode: "linked",
          caseId: "c1",
        },
        {
          summary: "新件",
          outcome: "pending",
          mode: "new",
          title: "欠薪",
          content: "拖欠工资",
          problemRegionCode: "990001",
        },
      ],
    });
    expect(body).toEqual({
      areaUnitId: "u-county",
      receivedOn: "2026-03-02",
      leaderName: "王县长",
      leaderTitle: "副县长",
      place: "接待大厅",
      batchCount: 2,
      personVisits: 5,
      summary: "接访",
      petitioners: [{ name: "甲", phone: "13800138000" }, { name: "乙" }],
      matters: [
        { summary: "当场解决", outcome: "resolved_on_spot" },
        { summary: "交办", outcome: "assigned", assignedUnitId: "u-rsj", caseId: "c1" },
        {
          summary: "新件",
          outcome: "pending",
          newCase: { title: "欠薪", content: "拖欠工资", problemRegionCode: "990001", petitioners: [0, 1] },
        },
      ],
    });
  });
});
