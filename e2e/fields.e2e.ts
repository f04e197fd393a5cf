import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateIdNumber } from "../domain/identity/id-card.ts";
import { choose, launch, shot, staff } from "./browser.ts";

/**
 * The registrar picks 拖欠农民工工资: the category's fields appear, check money as the API does, and
 * the case page shows them; payments recovered are entered one by one and add up to the fen.
 */
let browser: Browser;
let page: Page;
const TITLE = "反映某劳务公司拖欠十二名农民工工资";

beforeAll(async () => {
  browser = await launch();
  page = (await staff(browser, "registrar")).page;
});
afterAll(async () => {
  await browser?.close();
});

const field = (key: string) => page.locator(`#register-visit_fields_${key}`);
const fieldError = (key: string) =>
  page
    .locator(".ant-form-item")
    .filter({ has: field(key) })
    .locator(".ant-form-item-explain-error");

describe("the registration form with category fields", () => {
  it("shows the wage fields once the category is chosen and refuses what the API would refuse", async () => {
    await page.goto("/register");
    await page.locator("#register-visit_petitioners_0_name").fill("周大山");
    await page
      .locator("#register-visit_petitioners_0_idNumber")
      .fill(generateIdNumber("419001", "19700415", "037"));
    await choose(page, "[data-testid=region-select]", "西关村", "西关");
    expect(await page.getByTestId("category-fields").count()).toBe(0);
    await choose(page, "#register-visit_categoryId", /拖欠农民工工资/, "拖欠农民");
    await page.getByTestId("category-fields").waitFor();
    const card = (await page.getByTestId("category-fields").textContent()) ?? "";
    for (const label of ["用工单位", "项目名称", "人数（人）", "欠薪金额（元）"])
      expect(card).toContain(label);
    await page.locator("#register-visit_title").fill(TITLE);
    await page
      .locator("#register-visit_content")
      .fill("某劳务公司拖欠我们十二人半年工资，共十二万元零五角。");
    await field("amount_owed").fill("120000.505");
    await expect.poll(() => fieldError("amount_owed").textContent()).toContain("两位小数");
    await field("amount_owed").fill("120000.50");
    await field("workers").fill("12.5");
    await expect.poll(() => fieldError("workers").textContent()).toContain("整数");
    await field("workers").fill("12");
    // 用工单位 is required: the form says so by name and sends nothing.
    await page.getByTestId("register-submit").click();
    await expect.poll(() => fieldError("employer").textContent()).toContain("请填写用工单位");
    expect(await page.getByTestId("registered").count()).toBe(0);
    await field("employer").fill("示范县顺通劳务有限公司");
    await field("project").fill("河口乡卫生院迁建工程");
    await shot(page, "fields-register");
    await page.getByTestId("register-submit").click();
    await expect.poll(() => page.getByTestId("registered").textContent()).toMatch(/已登记，信访编号 \S+/);
  });

  it("shows the values on the case page and adds payments that sum to the fen", async () => {
    await page
      .getByRole("button", { name: /查看详情/ })
      .first()
      .click();
    await page.getByTestId("case-category-fields").waitFor();
    expect(await page.getByTestId("value-employer").textContent()).toBe("示范县顺通劳务有限公司");
    expect(await page.getByTestId("value-amount_owed").textContent()).toBe("120000.50");
    expect(await page.getByTestId("value-workers").textContent()).toBe("12");
    expect(await page.getByTestId("payments-total").textContent()).toContain("0.00");
    for (const amount of ["0.1", "0.2"]) {
      await page.getByTestId("add-payment").click();
      const modal = page.locator(".ant-modal").filter({ has: page.locator("form#add-payment") });
      await modal.waitFor();
      await page.locator("#add-payment_amount").fill(amount);
      await page.locator("#add-payment_note").fill("劳务公司转账");
      await modal.getByRole("button", { name: /提\s*交/ }).click();
      await modal.waitFor({ state: "hidden" });
    }
    await expect
      .poll(() => page.getByTestId("payments-total").textContent())
      .toContain("已追回合计：0.30 元");
    const rows = (await page.getByTestId("payments").textContent()) ?? "";
    expect(rows).toContain("劳务公司转账");
    await shot(page, "fields-case-payments");
  });

  it("refuses an amount with three decimals in the dialog, changing nothing", async () => {
    await page.getByTestId("add-payment").click();
    const modal = page.locator(".ant-modal").filter({ has: page.locator("form#add-payment") });
    await modal.waitFor();
    await page.locator("#add-payment_amount").fill("1.234");
    await modal.getByRole("button", { name: /提\s*交/ }).click();
    await expect
      .poll(() => modal.locator(".ant-form-item-explain-error").first().textContent())
      .toContain("最多两位小数");
    await modal.getByRole("button", { name: /取\s*消/ }).click();
    await modal.waitFor({ state: "hidden" });
    expect(await page.getByTestId("payments-total").textContent()).toContain("0.30");
  });

  it("the statistics page says what was recovered for migrant workers, from the records", async () => {
    const analyst = (await staff(browser, "analyst")).page;
    await analyst.goto("/stats");
    await analyst.getByTestId("wage-card").waitFor();
    const sentence = (await analyst.getByTestId("wage-sentence").textContent()) ?? "";
    const m = /^为农民工讨要工资(\d+)件，累计追回(\d+\.\d{2})万元。$/.exec(sentence);
    expect(m, sentence).not.toBeNull();
    // The demo's wage payments and the 0.30 yuan recorded above.
    expect(Number(m![1])).toBeGreaterThanOrEqual(2);
    expect(await analyst.getByTestId("wage-ledger").getAttribute("href")).toMatch(
      /^\/api\/fields\/wages\/ledger\.xlsx\?period=year/,
    );
    await shot(analyst, "fields-stats-wages");
  });
});
