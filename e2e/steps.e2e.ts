import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, shot, staff } from "./browser.ts";

/**
 * On a demo case in handling, the bureau office reports the matter up (报告单 issued), schedules a
 * hearing — the handling clock shows 暂停 with the hearing's date —, moves it to a later time and
 * records it held — the handling due date moves by the hearing's day, once — and downloads the
 * report sheet from the case page.
 */
let browser: Browser;
let office: Page;
const shanghaiDay = (offsetDays = 0) =>
  new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function openDialog(page: Page, step: string, form: string) {
  await page.locator(`[data-step=${step}]`).click();
  const modal = page.locator(".ant-modal").filter({ has: page.locator(`form#${form}`) });
  await modal.waitFor();
  await expect.poll(async () => (await modal.getAttribute("class")) ?? "").not.toContain("ant-zoom-appear");
  return modal;
}

async function submit(page: Page, modal: ReturnType<Page["locator"]>) {
  await modal.getByRole("button", { name: /提\s*交/ }).click();
  await modal.waitFor({ state: "detached" });
  await page.locator(".ant-message-notice").filter({ hasText: "已保存，文书已生成" }).first().waitFor();
}

beforeAll(async () => {
  browser = await launch();
  office = (await staff(browser, "office")).page;
});
afterAll(async () => {
  await browser?.close();
});

describe("report up and a hearing from the case page", () => {
  it("reports a case in handling up, records a hearing that moves the handling clock, and downloads the report sheet", async () => {
    const list = (await (await office.request.get("/api/cases?status=handling&pageSize=100")).json()) as {
      items: { id: string }[];
    };
    // A case with no hearing waiting (other browser tests never schedule one).
    const id = list.items[0]?.id;
    expect(id, "the demo has a case in handling").toBeDefined();
    await office.goto(`/cases/${id}`);
    const card = office.getByTestId("case-steps");
    await card.waitFor();

    const report = await openDialog(office, "report-up", "report-up");
    await report.getByLabel("本级党委").check();
    await report.getByLabel("上级信访工作机构").check();
    await office.locator("#report-up_content").fill("工人二十余人聚集讨薪，已派员到场稳控。");
    await shot(office, "report-up-modal");
    await submit(office, report);
    const reports = card.getByTestId("reports-up");
    await reports.waitFor();
    expect(await reports.textContent()).toContain("本级党委、上级信访工作机构");
    expect(await reports.textContent()).toContain("信访事项报告单");

    const hearing = await openDialog(office, "schedule-hearing", "hearing");
    await office.locator("#hearing_startsAt").fill(`${shanghaiDay()}T23:30`);
    await office.locator("#hearing_place").fill("县信访局听证室");
    await office.locator("#hearing_host").fill("县信访局副局长");
    await office.locator("#hearing_petitioners").fill("张某、李某");
    await office.locator("#hearing_units").fill("人社局");
    await submit(office, hearing);
    await card.getByTestId("hearings").waitFor();
    expect(await card.getByTestId("hearings").textContent()).toContain("待举行");
    // While the hearing waits the handling clock stands still: 暂停 with the hearing's date.
    const paused = office.locator("[data-testid=clocks] [data-paused=true]");
    await paused.first().waitFor();
    expect(await paused.first().textContent()).toBe(`暂停（${shanghaiDay()}听证）`);
    expect(await office.getByTestId("clock-paused-note").textContent()).toContain("听证期间不计入办理期限");

    // Moved to a quarter of an hour later: the same hearing, still waiting, a new notice.
    const moved = await openDialog(office, "reschedule-hearing", "reschedule-hearing");
    await office.locator("#reschedule-hearing_startsAt").fill(`${shanghaiDay()}T23:45`);
    await office.locator("#reschedule-hearing_reason").fill("主持人临时公务，推迟一刻钟");
    await submit(office, moved);
    await expect
      .poll(async () => (await card.getByTestId("hearings").textContent()) ?? "")
      .toContain("23:45");
    expect(await card.getByTestId("hearings").locator(".ant-list-item").count()).toBe(1);
    expect(await paused.count()).toBeGreaterThan(0);

    const record = await openDialog(office, "record-hearing", "record-hearing");
    await office.locator("#record-hearing_heldOn").fill(shanghaiDay());
    await office.locator("#record-hearing_record").fill("信访人陈述诉求，人社局说明已立案查处。");
    await office.locator("#record-hearing_outcome").fill("限期十日内结清工资");
    await submit(office, record);
    await expect
      .poll(async () => (await card.getByTestId("hearings").textContent()) ?? "")
      .toContain("已举行");
    // 听证所需时间不计算在内: the handling clock moves by the hearing's day.
    expect(await card.getByTestId("clock-moved").first().textContent()).toMatch(/期限顺延 1 日/);
    // Held: the clock runs again, moved once.
    await expect.poll(async () => paused.count()).toBe(0);
    expect(await card.getByTestId("clock-moved").count()).toBe(1);
    await shot(office, "case-steps");

    const href = await reports.locator("a[data-download=step-docx]").first().getAttribute("href");
    const file = await office.request.get(href ?? "");
    expect(file.status()).toBe(200);
    expect(file.headers()["content-type"]).toContain("wordprocessingml");
    expect((await file.body()).subarray(0, 2).toString()).toBe("PK");
    // The documents card lists them too.
    expect(await office.getByTestId("documents").textContent()).toContain("信访事项听证记录");
  });
});

describe("the year's reports up on the statistics page", () => {
  it("shows how many were reported, on time and late, by recipient and the instructions back, in Chinese and English", async () => {
    const year = Number(shanghaiDay().slice(0, 4));
    const figures = (await (
      await office.request.get(`/api/cases/reports-up/figures?year=${year}`)
    ).json()) as { reports: number; onTime: number; late: number; withinHours: number };
    // The report of the first test at least.
    expect(figures.reports).toBeGreaterThan(0);
    await office.goto("/stats");
    const section = office.getByTestId("report-up-figures");
    await section.getByTestId("ru-reports").waitFor();
    expect(await section.getByTestId("ru-reports").textContent()).toBe(String(figures.reports));
    expect(await section.getByTestId("ru-on-time").textContent()).toBe(String(figures.onTime));
    expect(await section.getByTestId("ru-late").textContent()).toBe(String(figures.late));
    const zh = (await section.textContent()) ?? "";
    expect(zh).toContain(`${year}年重大紧急事项报告`);
    expect(zh).toContain(`${figures.withinHours} 小时内报告`);
    const recipients = await section
      .locator("[data-testid=ru-by-recipient] tbody tr.ant-table-row td:first-child")
      .allTextContents();
    expect(recipients).toEqual(["本级党委", "本级政府", "上级信访工作机构"]);
    await section.scrollIntoViewIfNeeded();
    await shot(office, "stats-report-up");

    await office.getByTestId("language-switch").click();
    await expect.poll(() => office.evaluate(() => document.documentElement.lang)).toBe("en");
    await expect
      .poll(async () => (await section.textContent()) ?? "")
      .toContain(`Major or urgent matters reported up in ${year}`);
    expect(
      await section
        .locator("[data-testid=ru-by-recipient] tbody tr.ant-table-row td:first-child")
        .allTextContents(),
    ).toEqual([
      "Party committee at the same level",
      "Government at the same level",
      "The upper petition bureau",
    ]);
    await office.getByTestId("language-switch").click();
    await expect.poll(() => office.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
  });
});

describe("the dispute ledger shows its mediation agreement", () => {
  it("tags the dispute in the list and shows the agreement with its 调解协议书 in the drawer", async () => {
    const json = async <T>(url: string) => (await (await office.request.get(url)).json()) as T;
    const disputes = await json<{ items: { id: string; agreement: unknown }[] }>("/api/bureau/disputes");
    // The first row of the screen's first page (the same order), settled by an agreement on a case.
    const dispute = disputes.items[0];
    expect(dispute, "the demo has disputes").toBeDefined();
    const cases = await json<{ items: { id: string }[] }>("/api/cases?status=handling&pageSize=100");
    const caseId = cases.items.at(-1)?.id;
    expect(caseId).toBeDefined();
    const me = await json<{ csrfToken: string }>("/api/auth/me");
    const recorded = await office.request.post(`/api/cases/${caseId}/mediations`, {
      headers: { "x-csrf-token": me.csrfToken },
      data: {
        parties: [
          { name: "甲方王某", role: "申请人" },
          { name: "乙方赵某", role: "被申请人" },
        ],
        terms: "双方同意以原界桩为界，乙方十日内拆除越界部分。",
        signedOn: shanghaiDay(),
        mediator: "城关镇人民调解委员会",
        disputeId: dispute!.id,
      },
    });
    expect(recorded.status(), await recorded.text()).toBe(200);

    await office.goto("/bureau/disputes");
    const rows = office.locator("[data-testid=disputes-table] tbody tr.ant-table-row");
    await rows.first().waitFor();
    await rows.first().getByTestId("agreement-tag").waitFor();
    expect(await rows.first().getByTestId("agreement-tag").textContent()).toBe("已签调解协议");
    await rows.first().click();
    const card = office.getByTestId("dispute-agreement");
    await card.waitFor();
    const text = (await card.textContent()) ?? "";
    for (const part of [
      "调解协议",
      "甲方王某（申请人）、乙方赵某（被申请人）",
      "乙方十日内拆除越界部分",
      "城关镇人民调解委员会",
    ])
      expect(text).toContain(part);
    await shot(office, "dispute-agreement");
    const download = office.waitForEvent("download");
    await card.getByTestId("download-agreement").click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/调解协议书.*\.docx$/);
    const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "xf-e2e-agreement-")), "agreement.docx");
    await file.saveAs(saved);
    expect(fs.readFileSync(saved).subarray(0, 2).toString()).toBe("PK");
  });
});

describe("the 督办单 of a supervision order", () => {
  it("is downloaded from the order's drawer on the supervision screen", async () => {
    await office.goto("/bureau/supervision?kind=order");
    const rows = office.locator("[data-testid=items-table] tbody tr.ant-table-row");
    await rows.first().waitFor();
    await rows.first().click();
    const button = office.getByTestId("download-order");
    await button.waitFor();
    const download = office.waitForEvent("download");
    await button.click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/督办单\.docx$/);
    const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "xf-e2e-order-")), "order.docx");
    await file.saveAs(saved);
    expect(fs.readFileSync(saved).subarray(0, 2).toString()).toBe("PK");
    await shot(office, "supervision-order");
  });
});
