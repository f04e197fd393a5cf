import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, shot, staff } from "./browser.ts";

/** 地图分布: the demo county's synthetic boundaries, a click that drills to the case list, the table without boundaries. */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const DEMO_FILE = fileURLToPath(new URL("../server/map/demo-boundaries.geojson", import.meta.url));

interface Point {
  code: string;
  x: number;
  y: number;
}

async function regionPoints(page: Page): Promise<Point[]> {
  const el = page.locator("[data-region-points]");
  await expect
    .poll(async () => JSON.parse((await el.getAttribute("data-region-points")) ?? "[]").length)
    .toBe(3);
  return JSON.parse((await el.getAttribute("data-region-points")) ?? "[]") as Point[];
}

describe("the map of where petitions come from", () => {
  it("draws the demo townships, and a click on one opens the case list of that township", async () => {
    const { page, context } = await staff(browser, "analyst");
    await page.getByTestId("menu-map").click();
    await page.getByTestId("map-title").waitFor();
    expect(await page.getByTestId("map-fallback").count()).toBe(0);
    const points = await regionPoints(page);
    expect(points.map((p) => p.code).sort()).toEqual(["419001001", "419001002", "419001003"]);
    // The table below the map carries the same figures; 城关镇's count is what the list must show.
    // (At least the three demo townships: another browser test may have imported more places.)
    const rows = page.getByTestId("map-table").locator("tbody tr");
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
    const chengguan = rows.filter({ hasText: "城关镇" });
    const items = Number(await chengguan.getByTestId("map-row-items").textContent());
    expect(items).toBeGreaterThan(0);
    await shot(page, "map-townships");
    const target = points.find((p) => p.code === "419001001")!;
    await page
      .locator("[data-region-points] canvas")
      .first()
      .click({ position: { x: target.x, y: target.y } });
    await expect.poll(() => new URL(page.url()).pathname).toBe("/cases");
    expect(new URL(page.url()).searchParams.get("regionUnitId")).toBeTruthy();
    await expect.poll(() => page.locator(".ant-pagination-total-text").textContent()).toBe(`共 ${items} 条`);
    await context.close();
  });

  it("shows a township's staff only their own township", async () => {
    const { page, context } = await staff(browser, "chengguan");
    await page.goto("/map");
    const rows = page.getByTestId("map-table").locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getByTestId("map-row-name").textContent()).toBe("城关镇");
    await context.close();
  });

  it("falls back to the region table without boundaries, and the administrator uploads them again", async () => {
    const admin = await staff(browser, "sysadmin");
    await admin.page.goto("/map");
    // The card first says it is reading the details, then what is stored.
    await expect.poll(() => admin.page.getByTestId("boundary-current").textContent()).toContain("9 个区域");
    await admin.page.getByTestId("boundary-remove").click();
    await admin.page.locator(".ant-popconfirm .ant-btn-primary").click();
    await expect
      .poll(() => admin.page.getByTestId("boundary-current").textContent())
      .toBe("尚未上传边界文件");

    const { page, context } = await staff(browser, "analyst");
    await page.goto("/map");
    await page.getByTestId("map-fallback").waitFor();
    expect(await page.locator("[data-region-points]").count()).toBe(0);
    const rows = page.getByTestId("map-table").locator("tbody tr");
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
    const shimen = rows.filter({ hasText: "石门镇" });
    const items = Number(await shimen.getByTestId("map-row-items").textContent());
    await shot(page, "map-fallback");
    await shimen.getByTestId("map-row-items").click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/cases");
    await expect.poll(() => page.locator(".ant-pagination-total-text").textContent()).toBe(`共 ${items} 条`);

    // A file that is not GeoJSON is refused with the reason; then the demo file is accepted.
    await admin.page.locator("[data-testid=boundary-card] input[type=file]").setInputFiles({
      name: "错误.geojson",
      mimeType: "application/geo+json",
      buffer: Buffer.from(
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"regionCode":"419001999"},"geometry":{"type":"Point","coordinates":[113,34]}}]}',
      ),
    });
    await expect
      .poll(() => admin.page.getByTestId("boundary-problems").textContent())
      .toContain("第 1 个区域");
    await admin.page.locator("[data-testid=boundary-card] input[type=file]").setInputFiles(DEMO_FILE);
    await expect.poll(() => admin.page.getByTestId("boundary-current").textContent()).toContain("9 个区域");
    await page.goto("/map");
    expect((await regionPoints(page)).length).toBe(3);
    await context.close();
    await admin.context.close();
  });
});
