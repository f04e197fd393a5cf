import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, shot, staff } from "./browser.ts";

/** Deadline alerts, statistics with drill-down and downloads, and full-text search, as people use them. */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("the registrar", () => {
  it("sees deadline alerts beside the to-dos, breaches red, and opens the case from one", async () => {
    const { page, context } = await staff(browser, "registrar");
    await page.goto("/");
    await page.getByTestId("alerts-summary").waitFor();
    expect(await page.getByTestId("alerts-summary").textContent()).toMatch(
      /共 \d+ 条：超期 \d+ 条，预警 \d+ 条/,
    );
    const breach = page.locator("[data-alert-kind=breach]").first();
    expect(await breach.locator(".ant-alert-error").count()).toBe(1);
    for (const cls of await page
      .locator("[data-alert-kind=warning] .ant-alert")
      .evaluateAll((els) => els.map((e) => e.className)))
      expect(cls).toContain("ant-alert-warning");
    const number = (await breach.textContent())?.match(/\d{6}-\d{4}-\d{7}/)?.[0];
    expect(number).toBeTruthy();
    await shot(page, "home-alerts");
    await breach.click();
    await expect.poll(() => page.getByTestId("case-number").textContent()).toBe(number);
    await context.close();
  });

  it("a department's case handler gets no statistics menu, and the API refuses the page's query", async () => {
    const { page, context } = await staff(browser, "rsj");
    expect(await page.locator(".ant-menu").textContent()).toContain("全文检索");
    expect(await page.locator(".ant-menu").textContent()).not.toContain("统计分析");
    await page.goto("/stats");
    await expect.poll(() => page.locator(".ant-alert-error").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("total-items").count()).toBe(0);
    await context.close();
  });

  it("searches in Chinese and sees the matched words marked", async () => {
    const { page, context } = await staff(browser, "registrar");
    await page.goto("/search");
    await page.getByTestId("search-input").locator("input").fill("工资");
    await page.getByTestId("search-input").locator("input").press("Enter");
    await expect.poll(() => page.getByTestId("search-total").textContent()).toMatch(/共找到 [1-9]\d* 件/);
    const marks = await page.locator("[data-testid=search-results] mark").allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) expect(m).toMatch(/工资/);
    expect(new URL(page.url()).search).toBe(`?q=${encodeURIComponent("工资")}`);
    await shot(page, "search");
    await context.close();
  });
});

describe("possible repeats on the case page", () => {
  it("the registrar sees an earlier case of the same person and matter, links it, and the decision is recorded", async () => {
    const { page, context } = await staff(browser, "registrar");
    // A demo case with candidates, still open (a closed case keeps the decision that closed it).
    const list = (await (await page.request.get("/api/cases?pageSize=100&sort=-receivedAt")).json()) as {
      items: { id: string; status: string }[];
    };
    const closed = new Set([
      "merged",
      "declined",
      "forwarded",
      "refused_again",
      "terminated",
      "closed",
      "archived",
    ]);
    let target: { id: string; original: string } | null = null;
    for (const c of list.items.filter((i) => !closed.has(i.status))) {
      const found = (await (
        await page.request.get(`/api/search/repeats/cases/${c.id}/candidates`)
      ).json()) as {
        candidates: { caseNumber: string }[];
      };
      if (found.candidates[0]) {
        target = { id: c.id, original: found.candidates[0].caseNumber };
        break;
      }
    }
    expect(target).not.toBeNull();
    await page.goto(`/cases/${target?.id}`);
    const card = page.getByTestId("repeats");
    const candidate = card.locator(`[data-candidate="${target?.original}"]`);
    await candidate.waitFor();
    expect(await candidate.getByTestId("repeat-score").textContent()).toMatch(/\d+%/);
    await candidate.locator("[data-decision=link]").click();
    await expect
      .poll(() => card.getByTestId("repeat-decisions").textContent())
      .toContain(`关联 ${target?.original}`);
    await shot(page, "case-repeats");
    await context.close();
  });

  it("a department's handler sees no repeats card", async () => {
    const { page, context } = await staff(browser, "rsj");
    const list = (await (await page.request.get("/api/cases?pageSize=1")).json()) as {
      items: { id: string }[];
    };
    await page.goto(`/cases/${list.items[0]?.id}`);
    await page.getByTestId("case-number").waitFor();
    await page.getByTestId("documents").waitFor();
    expect(await page.getByTestId("repeats").count()).toBe(0);
    await context.close();
  });
});

describe("the county leader's statistics", () => {
  it("shows totals, charts, rates and ranking, drills into the same cases, and offers the report", async () => {
    const { page, context } = await staff(browser, "leader");
    await page.locator(".ant-menu").getByText("统计分析").click();
    await page.getByTestId("total-items").waitFor();
    const items = Number(await page.getByTestId("total-items").textContent());
    expect(items).toBeGreaterThan(0);
    // 批次 and 人次 are the visits' (the demo has visits): at least one person per batch.
    const batches = Number(await page.getByTestId("total-batches").textContent());
    expect(batches).toBeGreaterThan(0);
    expect(Number(await page.getByTestId("total-personVisits").textContent())).toBeGreaterThanOrEqual(
      batches,
    );
    expect(await page.getByText("来访人次").count()).toBeGreaterThan(0);
    // ECharts drew the trend and each breakdown on canvases.
    await expect.poll(() => page.locator("[data-testid=chart-trend] canvas").count()).toBeGreaterThan(0);
    for (const k of ["nature", "channel", "category", "destinationLevel"])
      expect(await page.locator(`[data-testid=breakdown-${k}] canvas`).count()).toBeGreaterThan(0);
    expect(await page.getByTestId("rates").textContent()).toContain("按期办结率");
    await shot(page, "stats");

    // The report and the figures download as real files.
    for (const [id, type] of [
      ["download-report", "wordprocessingml"],
      ["download-figures", "spreadsheetml"],
      ["download-ledger", "spreadsheetml"],
    ] as const) {
      const href = await page.getByTestId(id).getAttribute("href");
      const file = await page.request.get(href ?? "");
      expect(file.status(), id).toBe(200);
      expect(file.headers()["content-type"]).toContain(type);
    }

    // A breakdown figure drills into the list, which shows exactly that many cases.
    const figures = page.locator("[data-testid=breakdown-channel] a[data-drill]");
    const counts = (await figures.allTextContents()).map(Number);
    const figure = figures.nth(counts.findIndex((n) => n > 0));
    const count = Number(await figure.textContent());
    const drill = await figure.getAttribute("data-drill");
    await figure.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/cases");
    expect(new URL(page.url()).search.slice(1).split("&").sort()).toEqual(drill?.split("&").sort());
    await expect
      .poll(() => page.locator(".ant-pagination-total-text").textContent())
      .toContain(`共 ${count} 条`);

    // The total drills into the period's cases, the same number.
    await page.goBack();
    await page.getByTestId("total-items").click();
    await expect
      .poll(() => page.locator(".ant-pagination-total-text").textContent())
      .toContain(`共 ${items} 条`);
    await context.close();
  });
});
