import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateIdNumber } from "../domain/identity/id-card.ts";
import { choose, launch, newPage, PHONE, shot, staff } from "./browser.ts";

/**
 * An online petition arrives unclassified; the bureau office sets its nature and category on the
 * case page (调整分类), is told so, and the page shows the new classification.
 */
let browser: Browser;
let office: Page;
let caseNumber = "";
const TITLE = "网上反映小区物业乱收停车费";

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("reclassifying an online petition", () => {
  it("a citizen's web petition arrives without nature or category", async () => {
    const citizen = (await newPage(browser, PHONE, { isMobile: true })).page;
    await citizen.goto("/portal/submit");
    await citizen.locator("#portal-submit_name").fill("钱晓梅");
    await citizen.locator("#portal-submit_idNumber").fill(generateIdNumber("419001", "19850312", "046"));
    await citizen.locator("#portal-submit_phone").fill("13712345678");
    await choose(citizen, "[data-testid=portal-region]", /城关镇$/, "城关");
    await citizen.locator("#portal-submit_title").fill(TITLE);
    await citizen
      .locator("#portal-submit_content")
      .fill("小区物业公司擅自提高停车费，业主多次反映无果，请求查处。");
    await citizen.getByTestId("portal-consent").click();
    await citizen.getByTestId("portal-submit").click();
    await citizen.getByTestId("portal-case-number").waitFor();
    caseNumber = ((await citizen.getByTestId("portal-case-number").textContent()) ?? "").trim();
    expect(caseNumber).toMatch(/\S{6,}/);
  });

  it("the office sets nature and category with a reason, is told so, and the page shows them", async () => {
    office = (await staff(browser, "office")).page;
    await office.goto("/cases?status=pending_screening&channel=online&pageSize=100");
    await office.getByRole("link", { name: caseNumber }).click();
    await office.locator("[data-action=reclassify]").click();
    const modal = office.locator(".ant-modal").filter({ has: office.locator("form#reclassify") });
    await modal.waitFor();
    await choose(office, "#reclassify_nature", /^求决$/);
    await choose(office, "#reclassify_categoryId", /物业/, "物业");
    await office.locator("#reclassify_reason").fill("网上来信未分类，按物业服务问题登记");
    await shot(office, "reclassify-modal");
    await modal.getByRole("button", { name: /提\s*交/ }).click();
    await office.locator(".ant-message-notice").filter({ hasText: "分类已调整" }).first().waitFor();
    await modal.waitFor({ state: "hidden" });
    const details = (await office.locator(".ant-descriptions").first().textContent()) ?? "";
    expect(details).toContain("求决");
    expect(details).toMatch(/物业/);
    // The timeline says what happened in words, not a code.
    expect(await office.locator("body").textContent()).toContain("调整分类");
  });
});

describe("a rating recorded at a follow-up (回访评价)", () => {
  it("is not offered once the petitioner's rating window has closed", async () => {
    // A replied case whose 评价期 (the statutory evaluation window) ended before today, chosen by its
    // clock alone: other browser tests answer cases today, whose window is still open.
    const today = new Date().toISOString().slice(0, 10);
    const replied = (await (await office.request.get("/api/cases?status=replied&pageSize=100")).json()) as {
      items: { id: string }[];
    };
    let closed: string | undefined;
    for (const { id } of replied.items) {
      const c = (await (await office.request.get(`/api/cases/${id}`)).json()) as {
        clocks: { step: string; dueOn: string }[];
      };
      if (c.clocks.some((k) => k.step === "evaluationWindow" && k.dueOn < today)) {
        closed = id;
        break;
      }
    }
    expect(closed, "the demo has a replied case whose evaluation window has ended").toBeDefined();
    await office.goto(`/cases/${closed}`);
    await office.getByTestId("case-actions").waitFor();
    await office.waitForLoadState("networkidle");
    expect(await office.getByTestId("clocks").textContent()).toContain("评价期");
    expect(await office.locator("[data-action=record-rating]").count()).toBe(0);
  });
});
