// @vitest-environment jsdom

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocaleProvider } from "../i18n/locale.tsx";
import { stubBrowserApis } from "../test/dom.ts";
import { type Rendered, renderDom } from "../test/render.tsx";
import { ImportedTag } from "./ImportedTag.tsx";

let view: Rendered | undefined;
beforeEach(() => stubBrowserApis());
afterEach(() => view?.unmount());

describe("the 「历史导入」 tag of a case from a past ledger", () => {
  it("names the ledger's number on the case page, and only the mark in lists, in either language", async () => {
    view = await renderDom(
      <LocaleProvider initial="zh-CN">
        <ImportedTag ledgerNumber="LJ-2025-001" showNumber />
        <ImportedTag ledgerNumber="LJ-2025-002" />
      </LocaleProvider>,
    );
    const tags = [...view.container.querySelectorAll("[data-testid=case-imported]")].map(
      (t) => t.textContent,
    );
    expect(tags).toEqual(["历史导入 · 原编号 LJ-2025-001", "历史导入"]);
    view.unmount();
    view = await renderDom(
      <LocaleProvider initial="en">
        <ImportedTag ledgerNumber="LJ-2025-001" showNumber />
      </LocaleProvider>,
    );
    expect(view.container.textContent).toBe("Imported · ledger no. LJ-2025-001");
    view.unmount();
    view = undefined;
  });
});
