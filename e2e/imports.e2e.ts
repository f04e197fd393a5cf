import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launch, shot, staff } from "./browser.ts";

/** 批量导入 in the browser: upload, preview with the problems marked, confirm. */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const NETWORK = [
  "单位名称,单位类型,行政区划代码,上级单位",
  "新建镇,乡镇,419001004,",
  "新建村,村（社区）,419001004201,新建镇",
  "孤村,村（社区）,419001009201,",
].join("\n");

describe("the system administrator's network import", () => {
  it("previews the file with its bad row marked, writes nothing, then imports the good rows on confirmation", async () => {
    const { page, context } = await staff(browser, "sysadmin");
    await page.getByTestId("menu-admin").hover();
    await page.locator(".ant-menu-submenu-popup .ant-menu-item", { hasText: "批量导入" }).click();
    await page.mouse.move(1, 1);
    await page.getByTestId("import-file").setInputFiles({
      name: "组织网络.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(NETWORK, "utf8"),
    });
    await page.getByTestId("import-preview").click();
    const issues = page.getByTestId("import-issues");
    await expect.poll(() => issues.textContent()).toContain("找不到上级单位：区划代码 419001009 的乡镇");
    await expect.poll(() => issues.textContent()).toContain("行政区划代码（C）");
    await expect.poll(() => page.getByTestId("import-changes").textContent()).toContain("新建村");
    expect(await page.getByTestId("import-confirm").isDisabled()).toBe(true);
    // The network's figures only: a network file changes no roles.
    const summary = await page.getByTestId("import-summary").textContent();
    expect(summary).toContain("新增");
    expect(summary).not.toContain("角色变更");
    await shot(page, "admin-import-preview");
    const before = (await (await page.request.get("/api/org/units/all")).json()) as {
      items: { name: string }[];
    };
    expect(before.items.some((u) => u.name === "新建镇")).toBe(false);

    await page.getByTestId("import-skip").locator("input").check();
    await page.getByTestId("import-confirm").click();
    await expect
      .poll(() => page.getByTestId("import-status").textContent())
      .toContain("已导入，并记入审计日志");
    const after = (await (await page.request.get("/api/org/units/all")).json()) as {
      items: { name: string }[];
    };
    expect(
      after.items.filter((u) => ["新建镇", "新建村", "孤村"].includes(u.name)).map((u) => u.name),
    ).toEqual(["新建镇", "新建村"]);
    await context.close();
  });
});

const LEDGER = [
  "日期,来访人,身份证号,问题摘要,类别,承办单位,信访编号",
  "2025-03-05,王建国,11010519491231002X,拖欠工资三个月未发放,劳资纠纷,,E2E-1",
  "2025/13/40,李秀英,,日期写错的一行,,,E2E-2",
  "2025年6月7日,张三,110105194912310021,夜间施工噪音扰民,夜间施工,自然资源局,E2E-3",
].join("\n");

/** The options of the drop-down that is open now. */
const openOptions = (page: Page) =>
  page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option");

describe("the system administrator's ledger import", () => {
  it("maps the columns (auto-filled, changed by hand), previews the rows with their problems, then imports", async () => {
    const { page, context } = await staff(browser, "sysadmin");
    await page.goto(`${baseUrl()}/admin/imports`);
    await page.getByTestId("import-kind").getByText("历史台账").click();
    await page.getByTestId("import-file").setInputFiles({
      name: "2025年台账.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(LEDGER, "utf8"),
    });
    // The mapping step comes from the file's head, before any preview: 日期 and 来访人 are
    // matched by their names; 问题摘要 is not a name the system knows.
    const mapping = page.getByTestId("ledger-mapping");
    await expect.poll(() => mapping.textContent()).toContain("来访人");
    const sample = page.getByTestId("ledger-sample");
    await expect.poll(() => sample.textContent()).toContain("王建国");
    expect(await sample.textContent()).not.toContain("拖欠工资");
    await page.getByTestId("import-preview").click();
    await expect
      .poll(() => page.getByTestId("import-issues").textContent())
      .toContain("没有与「反映问题」对应的列");
    expect(await page.getByTestId("import-confirm").isDisabled()).toBe(true);
    await page.getByTestId("ledger-map-content").click();
    await page.keyboard.type("摘要");
    await openOptions(page).filter({ hasText: "问题摘要" }).click();
    // The first rows follow the new mapping at once; the preview checks every row with it.
    await expect.poll(() => sample.textContent()).toContain("拖欠工资三个月未发放");
    await page.getByTestId("import-preview").click();
    const rows = page.getByTestId("ledger-rows");
    await expect.poll(() => rows.textContent()).toContain("将导入");
    await expect
      .poll(() => page.getByTestId("import-issues").textContent())
      .toContain("日期「2025/13/40」无法识别");
    expect(await page.getByTestId("ledger-unverified").textContent()).toContain("1");
    // 夜间施工 is no category of the system: the import waits until it is given one.
    await expect
      .poll(() => page.getByTestId("import-issues").textContent())
      .toContain("问题类别无法对应：夜间施工");
    await page.getByTestId("ledger-value-夜间施工").click();
    // Searchable: what is typed in Chinese leaves only the categories that hold it.
    await page.keyboard.type("城乡");
    await expect.poll(() => openOptions(page).allTextContents()).toContain("城乡建设");
    expect((await openOptions(page).allTextContents()).every((t) => t.includes("城乡"))).toBe(true);
    await openOptions(page).filter({ hasText: "城乡建设" }).first().click();
    await expect
      .poll(() => page.getByTestId("import-issues").textContent())
      .not.toContain("问题类别无法对应");
    // 自然资源局 is no unit's full name: the likely match, 县自然资源局, is offered first.
    await expect
      .poll(() => page.getByTestId("import-issues").textContent())
      .toContain("责任单位无法对应：自然资源局");
    await page.getByTestId("ledger-value-自然资源局").click();
    await expect
      .poll(async () => (await openOptions(page).allTextContents()).slice(0, 2))
      .toEqual(["不指定", "县自然资源局"]);
    await openOptions(page).filter({ hasText: "县自然资源局" }).first().click();
    await expect
      .poll(() => page.getByTestId("import-issues").textContent())
      .not.toContain("责任单位无法对应");
    // A ledger's figures only: no role changes and no changed rows, which belong to other imports.
    const summary = page.getByTestId("import-summary");
    expect(await summary.textContent()).toContain("已导入过（跳过）");
    expect(await summary.textContent()).not.toContain("角色变更");
    expect(await summary.textContent()).not.toContain("修改");
    await page.getByTestId("language-switch").click();
    await expect.poll(() => summary.textContent()).toContain("Imported before (skipped)");
    expect(await summary.textContent()).not.toContain("Role changes");
    expect(await page.getByTestId("ledger-values").textContent()).toContain("Becomes");
    await page.getByTestId("language-switch").click();
    await expect.poll(() => summary.textContent()).toContain("已导入过（跳过）");
    await shot(page, "admin-import-ledger-preview");
    await page.getByTestId("import-skip").locator("input").check();
    await page.getByTestId("import-confirm").click();
    await expect
      .poll(() => page.getByTestId("import-status").textContent())
      .toContain("已导入，并记入审计日志");
    await expect.poll(() => rows.textContent()).toContain("已导入");
    expect(await rows.textContent()).toContain("E2E-3");
    await context.close();
  });
});
