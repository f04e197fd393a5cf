// @vitest-environment jsdom

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LocaleProvider } from "../../../i18n/locale.tsx";
import { CASE_ID } from "../../../test/case-detail.ts";
import { failWith, fakeFetch, stubBrowserApis } from "../../../test/dom.ts";
import { click, type Rendered, renderDom, text, typeInto, until } from "../../../test/render.tsx";
import { ActionModal } from "./ActionModal.tsx";

let view: Rendered;
beforeEach(() => stubBrowserApis());
afterEach(() => {
  view.unmount();
  vi.unstubAllGlobals();
});

describe("a step's form", () => {
  it("shows the server's refusal and, for an accusation no one here may sign, where it must go", async () => {
    const fetchMock = fakeFetch({
      [`POST /api/cases/${CASE_ID}/draft-opinion`]: failWith(
        422,
        "ACCUSATION_NO_SIGNER",
        "该检举控告涉及全部签批领导所在单位，不能在本机关签批，应转送规则包指定的机关",
        { forwardTo: "县纪委监委" },
      ),
    });
    vi.stubGlobal("fetch", fetchMock.fn);
    const done = vi.fn();
    view = await renderDom(
      <LocaleProvider initial="zh-CN">
        <ActionModal caseId={CASE_ID} action="draft_opinion" onDone={done} onCancel={() => {}} />
      </LocaleProvider>,
    );
    await until(() => document.querySelector("form#action-draft_opinion") !== null, "the form");
    await typeInto(document.querySelector("#action-draft_opinion_opinion"), "拟交县纪委监委");
    const modal = document.querySelector(".ant-modal") as HTMLElement;
    await click([...modal.querySelectorAll("button")].find((b) => /提\s*交/.test(text(b))));
    await until(() => document.querySelector("[data-testid=action-error]") !== null, "the refusal");
    const error = text(document.querySelector("[data-testid=action-error]"));
    expect(error).toContain("不能在本机关签批");
    expect(error).toContain("应转送：县纪委监委");
    expect(done).not.toHaveBeenCalled();
  });
});
