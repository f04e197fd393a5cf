import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateIdNumber } from "../domain/identity/id-card.ts";
import { choose, launch, newPage, PHONE, shot, staff, submitRegistration } from "./browser.ts";

/**
 * An accusation (检举控告) from the citizen's phone: whom it accuses reaches the bureau and nobody
 * else; once the office records the accused village, neither the village nor its township can
 * open or find the case, even after the bureau lifted its confidentiality.
 */
let browser: Browser;
let citizen: Page;
let office: Page;
let caseNumber = "";
let queryCode = "";
let caseUrl = "";
const TITLE = "反映西关村村干部侵占土地补偿款";
const ACCUSED = "西关村村委会主任李某";

beforeAll(async () => {
  browser = await launch();
  citizen = (await newPage(browser, PHONE, { isMobile: true })).page;
});
afterAll(async () => {
  await browser?.close();
});

/** Waits for the antd message that says `text` (a toast that fades after a few seconds). */
const toast = (page: Page, text: string) =>
  page.locator(".ant-message-notice").filter({ hasText: text }).first().waitFor();

describe("an accusation from the citizen's phone", () => {
  it("the citizen picks 检举控告 on a phone and says whom it accuses", async () => {
    await citizen.goto("/portal/submit");
    await citizen.locator("#portal-submit_name").fill("周文斌");
    await citizen.locator("#portal-submit_idNumber").fill(generateIdNumber("419001", "19790621", "031"));
    await citizen.locator("#portal-submit_phone").fill("13612345678");
    await choose(citizen, "[data-testid=portal-region]", /西关村$/, "西关");
    // Whom it accuses is asked only of an accusation.
    expect(await citizen.locator("#portal-submit_accusedDescription").count()).toBe(0);
    await choose(citizen, "[data-testid=portal-nature]", /^检举控告/);
    await citizen.locator("#portal-submit_accusedDescription").fill(ACCUSED);
    expect(await citizen.locator("form[id=portal-submit]").textContent()).toContain(
      "被检举控告的单位看不到您的信件",
    );
    await citizen.locator("#portal-submit_title").fill(TITLE);
    await citizen
      .locator("#portal-submit_content")
      .fill("西关村村委会主任李某在土地征收中截留村民补偿款，请求查处。");
    await citizen.getByTestId("portal-consent").click();
    // Nothing overflows sideways on a phone, the new field included.
    const overflow = await citizen.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(citizen, "portal-accusation-phone");
    await citizen.getByTestId("portal-submit").click();
    await citizen.getByTestId("portal-case-number").waitFor();
    caseNumber = ((await citizen.getByTestId("portal-case-number").textContent()) ?? "").trim();
    queryCode = ((await citizen.getByTestId("portal-query-code").textContent()) ?? "").trim();
    expect(caseNumber).toMatch(/\S{6,}/);
  });

  it("the office opens it, reads whom it accuses and sees it is confidential", async () => {
    office = (await staff(browser, "office")).page;
    await office.goto("/cases?status=pending_screening&channel=online&pageSize=100");
    await office.getByRole("link", { name: caseNumber }).click();
    await office.getByTestId("accusation-card").waitFor();
    caseUrl = new URL(office.url()).pathname;
    expect(await office.getByTestId("accused-description").textContent()).toBe(ACCUSED);
    expect(await office.getByTestId("accused-unit").textContent()).toBe("尚未记录");
    expect(await office.getByTestId("confidentiality-state").textContent()).toBe("保密");
    expect(await office.getByTestId("case-confidential").textContent()).toBe("保密");
    await office.waitForLoadState("networkidle");
    await shot(office, "accusation-case-office");
  });

  it("the office records the village as accused with a reason and is told so", async () => {
    await office.locator("[data-accusation=accused-unit]").click();
    const modal = office.locator(".ant-modal").filter({ has: office.locator("form#accused-unit") });
    await modal.waitFor();
    await choose(office, "#accused-unit_accusedUnitId", /^城关镇 \/ 西关村$/, "西关");
    // A village is not the bureau: nothing will be forwarded.
    expect(await modal.getByTestId("accused-own-unit").count()).toBe(0);
    await modal.locator("#accused-unit_reason").fill("经初核，检举对象为西关村村委会主任");
    await shot(office, "accusation-record-unit");
    await modal.getByRole("button", { name: /提\s*交/ }).click();
    await toast(office, "已记录被检举控告单位");
    await modal.waitFor({ state: "detached" });
    expect(await office.getByTestId("accused-unit").textContent()).toBe("城关镇 / 西关村");
    expect(await office.getByTestId("timeline").textContent()).toContain("记录被检举控告单位");
  });

  it("the office lifts confidentiality with a reason: the village's side still sees nothing", async () => {
    await office.locator("[data-accusation=confidentiality]").click();
    const modal = office.locator(".ant-modal").filter({ has: office.locator("form#confidentiality") });
    await modal.locator("#confidentiality_reason").fill("已交县纪委监委核查，属地可知悉");
    await modal.getByRole("button", { name: /提\s*交/ }).click();
    await toast(office, "已解除保密");
    await expect.poll(() => office.getByTestId("confidentiality-state").textContent()).toBe("已解除保密");
    expect(await office.getByTestId("case-confidential").count()).toBe(0);
    expect(await office.locator("[data-accusation=confidentiality]").textContent()).toMatch(/恢复保密/);
    await shot(office, "accusation-lifted");
  });

  it("neither the accused village nor its township opens it by its address or finds it in the list", async () => {
    // Confidentiality is lifted: only the accused-side rule keeps them out now.
    for (const user of ["xiguan", "chengguan"]) {
      const page = (await staff(browser, user)).page;
      await page.goto(caseUrl);
      await expect.poll(() => page.getByTestId("case-error").textContent()).toContain("未找到该信访事项");
      expect(await page.getByTestId("accusation-card").count()).toBe(0);
      await shot(page, `accusation-not-found-${user}`);
      await page.goto("/cases?pageSize=100");
      await page.getByTestId("case-table").waitFor();
      await expect.poll(() => page.locator(".ant-spin-spinning").count()).toBe(0);
      expect(await page.getByTestId("case-table").textContent()).not.toContain(TITLE);
      expect(await page.getByTestId("case-table").textContent()).not.toContain(caseNumber);
      await page.context().close();
    }
  });

  it("the citizen's timeline shows none of the bureau's bookkeeping on it", async () => {
    await citizen.goto("/portal/track");
    await citizen.locator("#portal-track_caseNumber").fill(caseNumber);
    await citizen.locator("#portal-track_queryCode").fill(queryCode);
    await citizen.getByTestId("track-submit").click();
    await citizen.getByTestId("track-timeline").waitFor();
    const timeline = (await citizen.getByTestId("track-timeline").textContent()) ?? "";
    expect(timeline).toContain("已收到并登记");
    expect(timeline).not.toMatch(/[a-z]_[a-z]/);
    expect(timeline).not.toContain("被检举控告");
  });
});

describe("an accusation registered at the bureau", () => {
  it("says it is confidential without a switch, takes the accused unit, and the case shows both", async () => {
    const page = (await staff(browser, "registrar")).page;
    await page.goto("/register");
    await page.locator("#register-visit_petitioners_0_name").fill("孙立新");
    await page.locator("#register-visit_petitioners_0_phone").fill("13512345678");
    await choose(page, "[data-testid=region-select]", /西关村$/, "西关");
    expect(await page.getByTestId("accusation-note").count()).toBe(0);
    await choose(page, "#register-visit_nature", "揭发控告");
    await expect.poll(() => page.getByTestId("accusation-note").textContent()).toContain("自动保密");
    // The confidentiality box is ticked and cannot be unticked.
    const box = page.getByRole("checkbox", { name: /检举控告件自动保密/ });
    expect(await box.isChecked()).toBe(true);
    expect(await box.isDisabled()).toBe(true);
    await page.locator("#register-visit_accusedDescription").fill("人社局某科室工作人员");
    await choose(page, "#register-visit_accusedUnitId", "县人力资源和社会保障局", "人力");
    await page.locator("#register-visit_title").fill("反映人社局工作人员索要好处费");
    await page.locator("#register-visit_content").fill("办理社保转移时被索要好处费。");
    await shot(page, "register-accusation");
    await submitRegistration(page);
    await page.getByRole("button", { name: /查看详情/ }).click();
    await page.getByTestId("accusation-card").waitFor();
    expect(await page.getByTestId("accused-description").textContent()).toBe("人社局某科室工作人员");
    await expect.poll(() => page.getByTestId("accused-unit").textContent()).toBe("县人力资源和社会保障局");
    expect(await page.getByTestId("confidentiality-state").textContent()).toBe("保密");
    // The registrar records the unit; lifting confidentiality is the office's and leaders' step.
    expect(
      await page
        .locator("[data-accusation]")
        .evaluateAll((b) => b.map((e) => e.getAttribute("data-accusation"))),
    ).toEqual(["accused-unit"]);
  });
});
