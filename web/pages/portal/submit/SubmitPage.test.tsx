// @vitest-environment jsdom

import { App } from "antd";
import { act } from "react";
import { MemoryRouter } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { generateIdNumber } from "../../../../domain/identity/id-card.ts";
import { LocaleProvider } from "../../../i18n/locale.tsx";
import { fakeFetch, stubBrowserApis } from "../../../test/dom.ts";
import { click, type Rendered, renderDom, text, typeInto, until } from "../../../test/render.tsx";
import { SubmitPage } from "./SubmitPage.tsx";

let view: Rendered;
let fetchMock: ReturnType<typeof fakeFetch>;

beforeEach(async () => {
  stubBrowserApis();
  fetchMock = fakeFetch({
    "GET /api/public/regions": {
      items: [{ code: "990001001", name: "甲镇", kind: "township", parentCode: null }],
    },
    "GET /api/public/attachment-limits": { maxBytes: 1_000_000, types: [".pdf", ".txt"], perCase: 10 },
    "GET /api/public/privacy-notice": {
      title: "个人信息保护告知书",
      body: "一、收集哪些个人信息\n姓名、公民身份号码、联系电话。\n五、您的权利\n依照个人信息保护法……",
    },
  });
  vi.stubGlobal("fetch", fetchMock.fn);
  view = await renderDom(
    <LocaleProvider initial="zh-CN">
      <App>
        <MemoryRouter initialEntries={["/portal/submit"]}>
          <SubmitPage />
        </MemoryRouter>
      </App>
    </LocaleProvider>,
  );
  await until(() => document.querySelector("#portal-submit_idNumber") !== null, "the form");
});
afterEach(() => {
  view.unmount();
  vi.unstubAllGlobals();
});

const errorsOf = (name: string) =>
  text(
    document
      .querySelector(`#portal-submit_${name}`)
      ?.closest(".ant-form-item")
      ?.querySelector(".ant-form-item-explain"),
  );

async function leave(el: Element | null): Promise<void> {
  if (!(el instanceof HTMLElement)) throw new Error("no field");
  await act(async () => {
    el.focus();
    el.blur();
  });
}

describe("the portal's submit form", () => {
  it("keeps the ID number's check-digit and birth-date errors after the field loses focus", async () => {
    const valid = generateIdNumber("419001", "19800115", "123");
    const wrongDigit = valid.slice(0, 17) + (valid.at(-1) === "0" ? "1" : "0");
    const id = document.querySelector("#portal-submit_idNumber");
    await typeInto(id, wrongDigit);
    await until(() => errorsOf("idNumber").includes("校验码"), "the check-digit error as typed");
    await leave(id);
    // Let the blur's validation finish: the error must still be there afterwards.
    await new Promise((r) => setTimeout(r, 100));
    await until(() => errorsOf("idNumber").includes("校验码"), "the check-digit error after blur");

    await typeInto(id, generateIdNumber("419001", "20991231", "123"));
    await leave(id);
    await new Promise((r) => setTimeout(r, 100));
    await until(() => errorsOf("idNumber").includes("出生日期"), "the birth-date error after blur");
  });

  it("names the field when the title or the content is only spaces", async () => {
    await typeInto(document.querySelector("#portal-submit_title"), "   ");
    await typeInto(document.querySelector("#portal-submit_content"), " \n ");
    await click(document.querySelector("[data-testid=portal-submit]"));
    await until(() => errorsOf("title") !== "" && errorsOf("content") !== "", "the errors");
    expect(errorsOf("title")).toBe("请填写一句话概括（只填空格不算）");
    expect(errorsOf("content")).toBe("请填写反映的问题和诉求（只填空格不算）");
    expect(fetchMock.calls.filter((c) => c.method === "POST")).toEqual([]);
  });

  it("opens the privacy notice's full text from the consent line without ticking the box", async () => {
    await click(document.querySelector("[data-testid=privacy-notice-link]"));
    await until(() => document.querySelector("[data-testid=privacy-notice-body]") !== null, "the notice");
    expect(text(document.querySelector("[data-testid=privacy-notice-body]"))).toContain("您的权利");
    expect((document.querySelector("#portal-submit_consent") as HTMLInputElement).checked).toBe(false);
    expect(fetchMock.calls.map((c) => c.url)).toContain("/api/public/privacy-notice");
  });

  it("says that files can be chosen now and go up with the petition", () => {
    expect(text(document.querySelector("[data-testid=attachment-picker-label]"))).toBe(
      "附件（可先选好，提交时随信访事项一并上传）",
    );
  });
});
