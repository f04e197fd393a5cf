import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { choose, launch, shot, staff, submitRegistration } from "./browser.ts";

/**
 * The registrar's triage suggestions on the registration screen (issue #18): the suggested
 * handling unit with where it comes from and why, the honest 「不确定」 when the model is not sure,
 * a route-out body for an accusation of an official, and 采用 filling the form — all in Chinese,
 * without a code name.
 */
let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launch();
  ({ page } = await staff(browser, "registrar"));
});
afterAll(async () => {
  await browser?.close();
});

const CODE_NAMES =
  /catalogue|practice|route_out|names|discipline_inspection|legal_channel|notSure|labor\.|conduct\.|wage_arrears|request|accusation|undefined|null|NaN/;

async function typeLetter(title: string, content: string) {
  await page.locator("#register-letter_title").fill(title);
  await page.locator("#register-letter_content").fill(content);
}

const panel = () => page.getByTestId("triage-panel");

describe("triage suggestions where the registrar registers", () => {
  it("suggests the unit from the routing catalogue with its reason, and 采用 fills the category", async () => {
    await page.goto("/register");
    await page.getByRole("tab", { name: "来信登记" }).click();
    await page.locator("#register-letter_title").waitFor();
    expect(await panel().textContent()).toContain("填写内容后自动给出建议");
    await choose(page, "[data-testid=region-select]", "西关村", "西关");
    await typeLetter(
      "老板拖欠工资",
      "我在永兴纺织厂上班，老板拖欠我三个月工资一万二千元，多次讨要不给，请帮忙讨回工钱。",
    );
    await panel().getByTestId("triage-unit-name").waitFor();
    expect(await panel().getByTestId("triage-unit-name").textContent()).toMatch(/人社|人力资源/);
    expect(await panel().getByTestId("triage-unit-source").textContent()).toBe("派单目录");
    const reason = (await panel().getByTestId("triage-unit-reason").textContent()) ?? "";
    expect(reason).toMatch(/^派单目录规定「.+」类事项由.+承办/);
    expect(await panel().getByTestId("triage-not-sure").count()).toBe(0);
    const first = panel().getByTestId("triage-category").first();
    const categoryName = ((await first.locator(".ant-tag").textContent()) ?? "").trim();
    expect(categoryName).toMatch(/工资|薪/);
    expect(reason).toContain(categoryName);
    await first.getByTestId("triage-apply-category").click();
    await expect
      .poll(
        async () =>
          (await page
            .locator(".ant-form-item", { has: page.locator("#register-letter_categoryId") })
            .textContent()) ?? "",
      )
      .toContain(categoryName);
    await expect.poll(async () => (await first.textContent()) ?? "").toContain("已采用");
    expect(await panel().textContent()).not.toMatch(CODE_NAMES);
    await shot(page, "triage-catalogue");
  });

  it("says 不确定，请人工判断 for a letter that names no matter, and proposes nothing as the answer", async () => {
    await typeLetter("求助", "家里遇到难处了，麻烦领导帮帮忙，谢谢。");
    await panel().getByTestId("triage-not-sure").waitFor();
    expect(await panel().getByTestId("triage-not-sure").textContent()).toContain("不确定，请人工判断");
    // Below the threshold no category is highlighted as the one to take.
    expect(await panel().locator("[data-testid=triage-apply-category].ant-btn-primary").count()).toBe(0);
    expect(await panel().textContent()).not.toMatch(CODE_NAMES);
    await shot(page, "triage-not-sure");
  });

  it("routes an official's misconduct out to the discipline body, and warns to keep it from the accused", async () => {
    await typeLetter("举报村支书", "举报西关村村支书截留群众低保金，还收受好处费，请纪委调查处理。");
    await expect
      .poll(
        async () =>
          (await panel()
            .getByTestId("triage-unit-source")
            .textContent()
            .catch(() => "")) ?? "",
      )
      .toBe("移交有关机关");
    expect(await panel().getByTestId("triage-unit-name").textContent()).toMatch(/纪委|监委/);
    expect(await panel().getByTestId("triage-route-out").first().textContent()).toMatch(/可能应移交.+处理/);
    expect(await panel().textContent()).toContain("对被检举人保密");
    expect(await panel().textContent()).not.toMatch(CODE_NAMES);
    await panel().getByTestId("triage-apply-nature").first().click();
    await expect.poll(async () => await page.getByTestId("accusation-fields").count()).toBe(1);
    await shot(page, "triage-route-out");
  });

  it("speaks English after the header's switch, sources and all", async () => {
    await page.getByTestId("language-switch").click();
    await expect
      .poll(async () => (await panel().textContent()) ?? "")
      .toContain("Suggestions (the registrar decides)");
    await expect
      .poll(
        async () =>
          (await panel()
            .getByTestId("triage-unit-source")
            .textContent()
            .catch(() => "")) ?? "",
      )
      .toBe("Route-out body");
    const text = (await panel().textContent()) ?? "";
    expect(text).toContain("Suggested handling unit");
    // In English the words catalogue and practice are words; a code is snake_case or dotted.
    expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b|\b[a-z]+\.[a-z_]+\b|notSure|undefined|null|NaN/);
    // Chinese only where it is data: the unit's and the category's names, the cue words.
    expect(text).not.toMatch(/建议承办单位|派单目录|不确定|采用/);
    await page.getByTestId("language-switch").click();
  });

  it("says when it cannot tell whether a matter leaves the petition route, and routes nothing for it", async () => {
    await typeLetter("借钱不还", "同村的借了我五万块打了借条，说好年底还，现在人躲着不见，这钱怎么要回来。");
    await panel().getByTestId("triage-route-out-not-sure").waitFor();
    const warning = (await panel().getByTestId("triage-route-out-not-sure").textContent()) ?? "";
    expect(warning).toMatch(/无法判断是否应移交政法部门.*请人工判断/);
    expect(warning).toContain("借条");
    expect(await panel().getByTestId("triage-route-out").count()).toBe(0);
    expect(await panel().getByTestId("triage-unit-source").first().textContent()).not.toBe("移交有关机关");
    expect(await panel().textContent()).not.toMatch(CODE_NAMES);
    await shot(page, "triage-route-out-not-sure");
  });

  it("sends the registrar's choice back on save: 采用 the offered category, or 改选 another", async () => {
    const register = async (pick: "first" | "second") => {
      await page.getByRole("tab", { name: "来信登记" }).click();
      await page.locator("#register-letter_title").waitFor();
      await page.locator("#register-letter_petitioners_0_name").fill("周桂芳");
      await choose(page, "[data-testid=region-select]", "西关村", "西关");
      await typeLetter(
        "老板拖欠工资",
        "我在永兴纺织厂上班，老板拖欠我三个月工资一万二千元，多次讨要不给，请帮忙讨回工钱。",
      );
      await panel().getByTestId("triage-unit-name").waitFor();
      await panel().getByTestId("triage-apply-nature").first().click();
      const rows = panel().getByTestId("triage-category");
      const row = pick === "first" ? rows.first() : rows.nth(1);
      await row.getByTestId("triage-apply-category").click();
      await expect.poll(async () => (await row.textContent()) ?? "").toContain("已采用");
      // The wage categories ask for the employer (a required field of their own).
      const employer = page.locator("#register-letter_fields_employer");
      if ((await employer.count()) > 0) await employer.fill("永兴纺织厂");
      const sent = page.waitForRequest((r) => /\/api\/triage\/cases\/[^/]+\/choice$/.test(r.url()));
      const answered = page.waitForResponse((r) => /\/api\/triage\/cases\/[^/]+\/choice$/.test(r.url()));
      await submitRegistration(page);
      const body = (await sent).postDataJSON() as {
        categoryId: string;
        nature: string;
        shown: { outcome: string; categoryId: string | null; nature: string | null; unitId: string | null };
      };
      expect((await answered).status()).toBe(200);
      return body;
    };

    await page.goto("/register");
    const taken = await register("first");
    expect(taken.shown.outcome).toBe("accepted");
    expect(taken.categoryId).toBe(taken.shown.categoryId);
    expect(taken.nature).toBe(taken.shown.nature);
    expect(taken.shown.unitId).toBeTruthy();

    await page.getByRole("button", { name: "登记信访事项" }).click();
    const changed = await register("second");
    expect(changed.shown.outcome).toBe("changed");
    expect(changed.shown.categoryId).toBeTruthy();
    expect(changed.categoryId).not.toBe(changed.shown.categoryId);
    await shot(page, "triage-choice-sent");
  });
});
