// @vitest-environment jsdom

import { App } from "antd";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LocaleProvider } from "../../../i18n/locale.tsx";
import { caseDetail as detail, CASE_ID as ID } from "../../../test/case-detail.ts";
import { fakeFetch, stubBrowserApis } from "../../../test/dom.ts";
import { click, type Rendered, renderDom, text, typeInto, until } from "../../../test/render.tsx";
import { CaseDetailPage } from "./CaseDetailPage.tsx";

let view: Rendered;
let issuedDocs: {
  id: string;
  kind: string;
  title: string;
  generatedAt: string;
  generatedBy: string;
  hasPdf: boolean;
}[] = [];
let fetchMock: ReturnType<typeof fakeFetch>;

beforeEach(async () => {
  stubBrowserApis();
  issuedDocs = [
    {
      id: "d1",
      kind: "assignment",
      title: "信访事项交办单",
      generatedAt: "2026-03-02T03:40:00.000Z",
      generatedBy: "李拟办",
      hasPdf: true,
    },
  ];
  localStorage.clear();
  fetchMock = fakeFetch({
    [`GET /api/cases/${ID}`]: detail(),
    [`POST /api/cases/${ID}/send-back`]: detail({ status: "drafting", abilities: ["read"] }),
    [`GET /api/cases/${ID}/documents`]: () => ({
      available: [
        { kind: "acceptance", title: "信访事项受理告知书", mayIssue: true },
        { kind: "extension", title: "延长信访事项办理期限告知书", mayIssue: false },
      ],
      issued: issuedDocs,
    }),
    [`POST /api/cases/${ID}/documents`]: (body: unknown) => {
      const doc = {
        id: "d2",
        kind: (body as { kind: string }).kind,
        title: "信访事项受理告知书",
        generatedAt: "2026-03-02T04:00:00.000Z",
        generatedBy: "王登记",
        hasPdf: false,
      };
      issuedDocs = [...issuedDocs, doc];
      return doc;
    },
  });
  vi.stubGlobal("fetch", fetchMock.fn);
  await renderPage();
});

async function renderPage(): Promise<void> {
  view = await renderDom(
    <LocaleProvider initial="zh-CN">
      <App>
        <MemoryRouter initialEntries={[`/cases/${ID}`]}>
          <Routes>
            <Route path="/cases/:id" element={<CaseDetailPage />} />
          </Routes>
        </MemoryRouter>
      </App>
    </LocaleProvider>,
  );
  await until(() => text(view.container.querySelector("[data-testid=case-number]")) !== "", "the case");
}

/** The antd messages shown so far (they live outside the page's container). */
const messages = () => [...document.querySelectorAll(".ant-message-notice")].map((n) => text(n));
afterEach(() => {
  view.unmount();
  vi.unstubAllGlobals();
});

const $ = (sel: string) => view.container.querySelector(sel);

describe("the case page", () => {
  it("shows exactly the step buttons of the server's abilities, never read or attach", () => {
    const actions = [...view.container.querySelectorAll("[data-action]")].map((b) =>
      b.getAttribute("data-action"),
    );
    expect(actions).toEqual(["sign", "send_back"]);
    // antd spaces two-character Chinese button labels: "签 批".
    expect(text($("[data-testid=case-actions]"))).toMatch(/签\s?批.*退回重拟/);
    expect(text($("[data-testid=case-status]"))).toBe("待签批");
  });

  it("lists every event with its actor and Shanghai time, the clocks with due dates, and masked petitioners", () => {
    const timeline = text($("[data-testid=timeline]"));
    expect(timeline).toContain("登记");
    expect(timeline).toContain("2026-03-02 10:00 · 经办人：王登记");
    expect(timeline).toContain("拟办");
    expect(timeline).toContain("2026-03-02 11:30 · 经办人：李拟办");
    expect(timeline).toContain("交人社局");
    const clocks = text($("[data-testid=clocks]"));
    expect(clocks).toContain("首次处理（登记后）");
    expect(clocks).toContain("2026-03-17");
    expect(clocks).toContain("计时中");
    expect(text($("[data-testid=petitioners]"))).toContain("4190**********0011");
  });

  it("opens the step's form, refuses it without its required field, then sends it and shows the new status", async () => {
    await click($("[data-action=send_back]"));
    await until(() => document.querySelector("form#action-send_back") !== null, "the form");
    const modal = document.querySelector(".ant-modal") as HTMLElement;
    expect(text(modal)).toContain("退回意见");
    const submit = [...modal.querySelectorAll("button")].find((b) => /提\s*交/.test(text(b)));
    await click(submit);
    await until(() => text(modal).includes("请填写退回意见（只填空格不算）"), "the message naming the field");
    expect(fetchMock.calls.filter((c) => c.method === "POST")).toEqual([]);

    await typeInto(document.querySelector("#action-send_back_instruction"), "  请补充核查情况  ");
    await click(submit);
    await until(() => text($("[data-testid=case-status]")) === "拟办中", "the new status");
    await until(() => messages().some((m) => m.includes("已完成：退回重拟")), "the success message");
    expect(fetchMock.calls.filter((c) => c.method === "POST")).toEqual([
      { method: "POST", url: `/api/cases/${ID}/send-back`, body: { instruction: "请补充核查情况" } },
    ]);
    expect(view.container.querySelectorAll("[data-action]").length).toBe(0);
  });

  it("offers to issue only the kinds the server allows, issues one, and links Word and PDF downloads", async () => {
    await until(() => $("[data-issue]") !== null, "the documents");
    const kinds = [...view.container.querySelectorAll("[data-issue]")].map((b) =>
      b.getAttribute("data-issue"),
    );
    expect(kinds).toEqual(["acceptance"]);
    const links = () =>
      [...view.container.querySelectorAll("[data-testid=issued-documents] a[data-download]")].map((a) =>
        a.getAttribute("href"),
      );
    expect(links()).toEqual([`/api/cases/${ID}/documents/d1/docx`, `/api/cases/${ID}/documents/d1/pdf`]);
    await click($("[data-issue=acceptance]"));
    await until(() => links().length === 3, "the new document");
    expect(links()[2]).toBe(`/api/cases/${ID}/documents/d2/docx`);
    expect(fetchMock.calls.filter((c) => c.method === "POST")).toEqual([
      { method: "POST", url: `/api/cases/${ID}/documents`, body: { kind: "acceptance" } },
    ]);
    expect(text($("[data-testid=issued-documents]"))).toContain("信访事项受理告知书");
    await until(
      () => messages().some((m) => m.includes("已出具：信访事项受理告知书")),
      "the success message",
    );
  });
});

describe("a very long petition", () => {
  it("folds the content to its beginning with 展开/收起 and keeps the labels one line wide", async () => {
    view.unmount();
    const content = `${"村里的土地补偿款一直没有发放到位，".repeat(1250)}最后一句。`;
    expect(content.length).toBeGreaterThan(20_000);
    fetchMock = fakeFetch({ [`GET /api/cases/${ID}`]: detail({ content }) });
    vi.stubGlobal("fetch", fetchMock.fn);
    await renderPage();
    const shown = () => text($("[data-testid=case-content] .ant-typography"));
    expect(shown().length).toBeLessThan(700);
    expect(shown()).not.toContain("最后一句");
    expect(text($("[data-testid=case-content] [data-testid=fold-toggle]"))).toContain("展开");
    await click($("[data-testid=case-content] [data-testid=fold-toggle]"));
    expect(shown()).toContain("最后一句");
    expect(text($("[data-testid=case-content] [data-testid=fold-toggle]"))).toContain("收起");
    await click($("[data-testid=case-content] [data-testid=fold-toggle]"));
    expect(shown()).not.toContain("最后一句");
    // Every label has a fixed width and does not wrap (the browser suite measures it at 1366 px).
    const labels = [
      ...view.container.querySelectorAll<HTMLElement>(
        "[data-testid=case-fields] .ant-descriptions-item-label",
      ),
    ];
    expect(labels.length).toBeGreaterThan(5);
    for (const l of labels) {
      expect(l.style.width).toBe("112px");
      expect(l.style.whiteSpace).toBe("nowrap");
    }
  });
});
