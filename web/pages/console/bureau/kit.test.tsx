// @vitest-environment jsdom
import { App } from "antd";
import type { ReactNode } from "react";
import { MemoryRouter } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ZCancelReason } from "../../../../domain/schemas/bureau/reception.ts";
import { LocaleProvider } from "../../../i18n/locale.tsx";
import { fakeFetch, stubBrowserApis } from "../../../test/dom.ts";
import { click, type Rendered, renderDom, text, typeInto, until } from "../../../test/render.tsx";
import { ReasonButton } from "./form.tsx";
import { RecordList } from "./record-list.tsx";

let view: Rendered;
beforeEach(() => stubBrowserApis());
afterEach(() => {
  view?.unmount();
  vi.unstubAllGlobals();
});

const shell = (ui: ReactNode, at = "/") => (
  <LocaleProvider initial="zh-CN">
    <App>
      <MemoryRouter initialEntries={[at]}>{ui}</MemoryRouter>
    </App>
  </LocaleProvider>
);
const errors = () => [...document.querySelectorAll(".ant-form-item-explain-error")].map((e) => text(e));

describe("a bureau form driven by the route's schema", () => {
  it("asks for what the schema requires, refuses blank text and sends only what the schema takes", async () => {
    const f = fakeFetch({ "POST /api/bureau/duty/shifts/s1/cancel": { ok: true } });
    vi.stubGlobal("fetch", f.fn);
    let done = 0;
    view = await renderDom(
      shell(
        <ReasonButton
          label="取消"
          url="/api/bureau/duty/shifts/s1/cancel"
          schema={ZCancelReason}
          onDone={() => done++}
        />,
      ),
    );
    await click(view.container.querySelector("button"));
    await until(() => document.querySelector(".ant-modal textarea") !== null, "the form");
    const submit = () => click(document.querySelector(".ant-modal .ant-btn-primary"));

    await submit();
    await until(() => errors().length > 0, "the required message");
    expect(errors()).toEqual(["请填写此项"]);

    await typeInto(document.querySelector(".ant-modal textarea"), "   ");
    await submit();
    await until(() => errors().includes("填写有误"), "the blank message");

    await typeInto(document.querySelector(".ant-modal textarea"), "x".repeat(501));
    await submit();
    await until(() => errors().some((e) => e.startsWith("填写有误")), "the length message");
    expect(f.calls.filter((c) => c.method === "POST")).toEqual([]);

    await typeInto(document.querySelector(".ant-modal textarea"), "值班人员病假");
    await submit();
    await until(() => done === 1, "the answer");
    expect(f.calls.filter((c) => c.method === "POST").map((c) => c.body)).toEqual([
      { reason: "值班人员病假" },
    ]);
  });
});

describe("a bureau list", () => {
  it("asks the server for the page and the filters the address holds, and shows the total", async () => {
    const f = fakeFetch({
      "GET /api/bureau/disputes?riskLevel=low&page=2&pageSize=20": {
        items: [{ id: "d21", areaName: "城关镇" }],
        total: 21,
        page: 2,
        pageSize: 20,
      },
    });
    vi.stubGlobal("fetch", f.fn);
    view = await renderDom(
      shell(
        <RecordList<{ id: string; areaName: string }>
          url="/api/bureau/disputes"
          testId="list"
          filters={[
            { kind: "select", key: "riskLevel", label: "riskLevel", values: ["low", "high"], group: "risk" },
          ]}
          columns={[{ title: "区域", dataIndex: "areaName" }]}
        />,
        "/bureau/disputes?riskLevel=low&page=2",
      ),
    );
    await until(() => text(view.container.querySelector("tbody")).includes("城关镇"), "the row");
    expect(text(view.container.querySelector(".ant-pagination-total-text"))).toBe("共 21 条");
    expect(text(view.container.querySelector("[data-testid=filter-riskLevel]"))).toContain("低");
    expect(view.container.querySelector(".ant-pagination-item-active")?.textContent).toBe("2");
  });
});
