import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, shot, staff } from "./browser.ts";

/** The early-warnings page: a warning raised by the scan, opened, acknowledged, with its evidence case. */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A state-changing API call from the logged-in page, with the session's CSRF token. */
async function write(page: Page, url: string, data: unknown): Promise<{ status: number; body: unknown }> {
  const me = (await (await page.request.get("/api/auth/me")).json()) as { csrfToken: string };
  const res = await page.request.post(url, { data, headers: { "x-csrf-token": me.csrfToken } });
  return { status: res.status(), body: await res.json() };
}

describe("early warnings in the console", () => {
  it("the office sees a threat warning from the scan, opens its evidence case list and acknowledges it", async () => {
    const reg = await staff(browser, "registrar");
    const regions = (await (await reg.page.request.get("/api/public/regions")).json()) as {
      items?: { code: string; kind: string }[];
    };
    const list = Array.isArray(regions)
      ? (regions as { code: string; kind: string }[])
      : (regions.items ?? []);
    const village = list.find((r) => r.kind === "village") ?? list[0]!;
    const created = await write(reg.page, "/api/cases", {
      channel: "visit",
      title: "征地补偿款长期未发放",
      content: "征地补偿款拖了两年还没发，村民扬言要去县政府门口拉横幅。",
      problemRegionCode: village.code,
      nature: "request",
      legalClass: "appeal_request",
      destinationLevel: "provincial",
      petitioners: [{ name: "测试群众", phone: "13512345678", isRepresentative: false }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const caseNumber = (created.body as { caseNumber: string }).caseNumber;
    await reg.context.close();

    const { page, context } = await staff(browser, "office");
    const scan = await write(page, "/api/warnings/scan", {});
    expect(scan.status, JSON.stringify(scan.body)).toBe(200);
    expect(await page.locator(".ant-menu").textContent()).toContain("预警研判");
    await page.locator(".ant-menu").getByText("预警研判").click();
    await page.getByTestId("warnings-title").waitFor();
    const row = page.locator("[data-testid=warnings-table] tr", { hasText: caseNumber });
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain("扬言类表述");
    expect(await row.first().getByTestId("warning-status").textContent()).toBe("待签收");
    await row.first().click();
    const drawer = page.getByTestId("warning-drawer");
    await drawer.getByTestId("evidence").waitFor();
    expect(await drawer.getByTestId("evidence").textContent()).toContain(caseNumber);
    expect(await drawer.getByTestId("drawer-summary").textContent()).toContain("扬言");
    await shot(page, "warnings-drawer");
    await drawer.getByTestId("acknowledge").click();
    await expect.poll(() => drawer.getByTestId("drawer-status").textContent()).toBe("跟进中");
    expect(await drawer.getByTestId("acknowledge").count()).toBe(0);
    await expect.poll(() => row.first().getByTestId("warning-status").textContent()).toBe("跟进中");
    // The evidence links to the case page.
    await drawer.getByTestId("evidence").getByText(caseNumber).click();
    await expect.poll(() => page.getByTestId("case-number").textContent()).toBe(caseNumber);
    await page.getByTestId("case-warnings").waitFor();
    // The case's own suggestions show on its page too (here: taken to the province).
    expect(await page.locator("[data-warning-code=level_skipping]").count()).toBe(1);
    await context.close();
  });

  it("a department's handler has no warnings menu and the page shows the API's refusal", async () => {
    const { page, context } = await staff(browser, "rsj");
    expect(await page.locator(".ant-menu").textContent()).not.toContain("预警研判");
    await page.goto("/warnings");
    await expect.poll(() => page.locator(".ant-alert-error").count()).toBeGreaterThan(0);
    await context.close();
  });
});
