// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LocaleProvider } from "../../../i18n/locale.tsx";
import { failWith, fakeFetch, stubBrowserApis } from "../../../test/dom.ts";
import { type Rendered, renderDom, text, until } from "../../../test/render.tsx";
import { BoundaryCard } from "./BoundaryCard.tsx";

let view: Rendered;

async function mount(answer: () => unknown) {
  vi.stubGlobal("fetch", fakeFetch({ "GET /api/map/boundaries/info": answer }).fn);
  view = await renderDom(
    <LocaleProvider initial="zh-CN">
      <BoundaryCard onChanged={() => {}} />
    </LocaleProvider>,
  );
}
const current = () => text(view.container.querySelector("[data-testid=boundary-current]"));

beforeEach(() => stubBrowserApis());
afterEach(() => {
  view.unmount();
  vi.unstubAllGlobals();
});

describe("the map's boundary card", () => {
  it("says it is reading while the details are on their way, and 'none uploaded' only once answered", async () => {
    let answer: (v: unknown) => void = () => {};
    await mount(() => new Promise((resolve) => (answer = resolve)));
    expect(current()).toBe("正在读取边界文件信息……");
    expect(view.container.querySelector("[data-testid=boundary-remove]")).toBeNull();
    answer({ boundaries: null, maxBytes: 20 * 1024 * 1024 });
    await until(() => current() === "尚未上传边界文件", "the answer");
  });

  it("names the stored file once it arrives, with its removal", async () => {
    await mount(() => ({
      boundaries: {
        fileName: "县界.geojson",
        featureCount: 9,
        sizeBytes: 1000,
        uploadedAt: "2026-12-01T02:00:00Z",
      },
      maxBytes: 20 * 1024 * 1024,
    }));
    await until(() => current().includes("9 个区域"), "the stored file");
    expect(current()).toContain("县界.geojson");
    expect(view.container.querySelector("[data-testid=boundary-remove]")).not.toBeNull();
  });

  it("says why when the details cannot be read, never that nothing is stored", async () => {
    await mount(() => failWith(500, "INTERNAL", "服务器内部错误"));
    await until(() => current() !== "正在读取边界文件信息……", "the failure");
    expect(current()).toBe("服务器内部错误");
  });
});
