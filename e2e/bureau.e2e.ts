import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { choose, launch, shot, staff } from "./browser.ts";

const ROWS = "[data-testid=disputes-table] tbody tr.ant-table-row";

/** The bureau work screens (工作台账) as people use them, on the demo county. */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("leader reception", () => {
  it("the bureau office opens reception from the menu and records a reception of 2 batches and 5 person-visits", async () => {
    const { page, context } = await staff(browser, "office");
    await page.getByTestId("menu-bureau").hover();
    await page.getByRole("menuitem", { name: "领导接访" }).click();
    await page.waitForURL(/\/bureau\/reception$/);
    await page.getByTestId("records-table").waitFor();
    const ours = page.locator("[data-testid=records-table] tbody tr.ant-table-row", {
      hasText: "县信访接待大厅E2E",
    });
    expect(await ours.count()).toBe(0);

    await page.getByTestId("new-record").click();
    const form = page.getByTestId("new-record-form");
    await form.waitFor();
    await choose(page, "[data-testid=record-area]", "示范县");
    await form.getByTestId("leader-name").fill("周县长");
    await form.getByTestId("leader-title").fill("副县长");
    await form.getByTestId("record-place").fill("县信访接待大厅E2E");
    await form.locator("input[data-testid=record-batches], [data-testid=record-batches] input").fill("2");
    await form
      .locator("input[data-testid=record-person-visits], [data-testid=record-person-visits] input")
      .fill("5");
    await form.getByTestId("record-summary").fill("接待群众反映拖欠工资问题");
    await form.getByTestId("petitioner-name-0").fill("张某");
    await form.getByTestId("matter-summary-0").fill("反映工程款拖欠");
    await page.getByTestId("new-record-submit").click();
    // Closed once the server took it; otherwise the form's own and the server's messages say why.
    await expect
      .poll(async () =>
        (await form.count()) === 0
          ? "closed"
          : (
              await form.locator(".ant-form-item-explain-error, [data-testid=server-error]").allTextContents()
            ).join("|"),
      )
      .toBe("closed");

    const row = page.locator("[data-testid=records-table] tbody tr", { hasText: "县信访接待大厅E2E" });
    await row.waitFor();
    expect(await row.textContent()).toContain("周县长（副县长）");
    expect(await ours.count()).toBe(1);
    const cells = await row.locator("td").allTextContents();
    expect(cells).toEqual(expect.arrayContaining(["2", "5", "1"]));
    await row.click();
    const detail = page.getByTestId("record-detail");
    await detail.waitFor();
    await expect.poll(() => detail.textContent()).toContain("反映工程款拖欠");
    expect(await detail.textContent()).toContain("当场解决");
    await shot(page, "bureau-reception-record");
    await context.close();
  });
});

describe("leader case ownership", () => {
  it("a county leader ticks one of the five duties of an open ownership and sees it done", async () => {
    const { page, context } = await staff(browser, "leader");
    await page.goto("/bureau/ownership");
    const table = page.getByTestId("ownership-table");
    await table.waitFor();
    const open = table.locator("tbody tr.ant-table-row", { hasText: "办理中" }).first();
    await open.waitFor();
    await open.click();
    const detail = page.getByTestId("ownership-detail");
    await detail.waitFor();
    const button = detail.locator("[data-testid^=duty-done-]").first();
    const duty = (await button.getAttribute("data-testid"))!.replace("duty-done-", "");
    expect(await detail.locator(`[data-duty=${duty}] input`).isChecked()).toBe(false);
    await button.click();
    const form = page.getByTestId(`duty-done-${duty}-form`);
    await form.getByTestId("duty-note").fill("已完成调查，形成报告");
    await page.getByTestId(`duty-done-${duty}-submit`).click();
    await form.waitFor({ state: "detached" });
    await expect.poll(() => detail.locator(`[data-duty=${duty}] input`).isChecked()).toBe(true);
    expect(await detail.locator(`[data-testid=duty-done-${duty}]`).count()).toBe(0);
    expect(await detail.getByTestId("duties").textContent()).toContain("已完成调查，形成报告");
    await shot(page, "bureau-ownership-duty");
    await context.close();
  });
});

describe("dispute screening", () => {
  it("a township sees only its own disputes, and the county sees every township's", async () => {
    const areas = async (username: string) => {
      const { page, context } = await staff(browser, username);
      await page.goto("/bureau/disputes");
      const rows = page.locator("[data-testid=disputes-table] tbody tr.ant-table-row");
      await rows.first().waitFor();
      // The area column of every row (the list pages by 20: read the first page).
      const names = await rows.evaluateAll((trs) =>
        trs.map((tr) => tr.querySelectorAll("td")[1]?.textContent ?? ""),
      );
      if (username === "chengguan") await shot(page, "bureau-disputes-township");
      await context.close();
      return names;
    };
    const chengguan = await areas("chengguan");
    expect(chengguan.length).toBeGreaterThan(0);
    for (const n of chengguan) expect(n).toBe("城关镇");
    const hekou = await areas("hekou");
    expect(hekou.length).toBeGreaterThan(0);
    for (const n of hekou) expect(n).toBe("河口乡");
    const county = new Set(await areas("office"));
    expect(county.size).toBeGreaterThan(1);
  });

  it("pages the county's disputes from the server and keeps the filter and the page in the address", async () => {
    const { page, context } = await staff(browser, "office");
    await page.goto("/bureau/disputes");
    const rows = page.locator(ROWS);
    await rows.first().waitFor();
    const total = page.locator("[data-testid=disputes-table] .ant-pagination-total-text");
    const count = async () => Number(((await total.textContent()) ?? "").replace(/\D/g, ""));
    await expect.poll(count).toBeGreaterThan(20);
    const all = await count();
    expect(await rows.count()).toBe(20);
    const firstPage = await rows.first().getAttribute("data-row-key");

    // Low risk only: the address says so, every row is low risk, and the total is smaller.
    await choose(page, "[data-testid=filter-riskLevel]", "低");
    await page.waitForURL(/riskLevel=low/);
    await expect.poll(count).toBeLessThan(all);
    const low = await count();
    const risks = () => rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll("td")[5]?.textContent));
    await expect.poll(async () => [...new Set(await risks())]).toEqual(["低"]);

    // A reload shows the same filter and rows; the second page is another page of the same list.
    await page.reload();
    await rows.first().waitFor();
    await expect.poll(count).toBe(low);
    expect(await page.locator("[data-testid=filter-riskLevel]").textContent()).toContain("低");
    await page.goto("/bureau/disputes");
    await rows.first().waitFor();
    await page.locator("[data-testid=disputes-table] .ant-pagination-item-2").click();
    await page.waitForURL(/page=2/);
    await expect.poll(() => rows.first().getAttribute("data-row-key")).not.toBe(firstPage);
    await expect.poll(count).toBe(all);
    await shot(page, "bureau-disputes-page-2");
    await context.close();
  });

  it("the statistics page shows the bureau's figures for the period, a township's own only", async () => {
    const figures = async (username: string) => {
      const { page, context } = await staff(browser, username);
      await page.goto("/stats");
      await page.getByTestId("bureau-figures").waitFor();
      await page.getByTestId("bf-disputes").waitFor();
      const text = (await page.getByTestId("bf-disputes").textContent()) ?? "";
      const towns = await page
        .locator("[data-testid=bf-disputes-by-township] tbody tr.ant-table-row td:first-child")
        .allTextContents();
      if (username === "leader") await shot(page, "bureau-stats");
      await context.close();
      return { screened: Number(text.split("/")[0]), towns };
    };
    const county = await figures("leader");
    const town = await figures("chengguan");
    expect(town.towns).toEqual(["城关镇"]);
    expect(county.towns.length).toBeGreaterThan(1);
    expect(town.screened).toBeGreaterThan(0);
    expect(town.screened).toBeLessThan(county.screened);
  });
});
