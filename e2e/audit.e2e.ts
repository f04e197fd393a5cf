import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, choose, DEMO_PASSWORD, launch, loginAs, newPage, shot } from "./browser.ts";

/** The audit administrator's screen (三员分立): the log, its filters, the chain's verification, the export. */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * The audit administrator's password: the demo one, or the one admin.e2e.ts leaves after its
 * two-person reset when the files run together on one server.
 */
async function auditPassword(): Promise<string> {
  for (const password of [DEMO_PASSWORD, "Auditor-Own-Passw0rd"]) {
    const res = await fetch(`${baseUrl()}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "auditadmin", password }),
    });
    if (res.status === 200) return password;
  }
  throw new Error("the audit administrator cannot log in");
}

const rows = (page: Page) => page.getByTestId("audit-table").locator("tbody tr.ant-table-row");

/** The page's table once it has answered (no spinner), with at least one row. */
async function settled(page: Page): Promise<void> {
  await rows(page).first().waitFor();
  await page.locator("[data-testid=audit-table] .ant-spin-spinning").waitFor({ state: "detached" });
}

describe("the audit administrator", () => {
  it("lands on the audit log, filters it by an action, verifies the chain whole and downloads the filtered log", async () => {
    const { page, context } = await newPage(browser);
    await loginAs(page, "auditadmin", await auditPassword());
    // The console opens on the log: no to-dos, no cases, no bureau records for this administrator.
    await page.waitForURL(/\/audit$/);
    const menu = page.locator(".ant-menu").first();
    await expect.poll(() => menu.textContent()).toContain("审计日志");
    for (const entry of ["我的待办", "信访事项", "全文检索", "工作台账"]) {
      expect(await menu.textContent()).not.toContain(entry);
    }
    await settled(page);
    // Each row in words: the actor's name and role, the action, the detail's labelled fields.
    const all = await page.getByTestId("audit-table").textContent();
    expect(all).toContain("审计管理员");
    expect(all).toContain("登录");
    expect(all).not.toMatch(/\b(login|audit_read|case_register|actorId|caseNumber)\b/);
    await shot(page, "audit-log-all");

    // Filter by an action, picked by its Chinese name.
    await choose(page, "[data-testid=audit-filter-action]", "登录", "登录");
    await page.waitForURL(/action=login(&|$)/);
    await settled(page);
    await expect
      .poll(async () => [...new Set(await page.getByTestId("audit-action").allTextContents())])
      .toEqual(["登录"]);
    const total = Number(
      /(\d+)/.exec((await page.locator(".ant-pagination-total-text").textContent()) ?? "")?.[1],
    );
    expect(total).toBeGreaterThan(0);
    expect(await rows(page).first().textContent()).toContain("成功");

    // The chain, checked now: whole, with the rows checked, the head and the last anchor.
    await page.getByTestId("audit-verify").click();
    await expect.poll(() => page.getByTestId("audit-verdict").textContent()).toBe("完整");
    expect(Number(await page.getByTestId("audit-rows-checked").textContent())).toBeGreaterThan(total);
    expect(await page.getByTestId("audit-head-hash").textContent()).toMatch(/^[0-9a-f]{64}$/);
    const card = await page.getByTestId("audit-verify-card").textContent();
    expect(card).toMatch(/最近锚点第 \d+ 条，\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    await page.mouse.move(1, 1);
    await shot(page, "audit-log");

    // The filtered log as Excel: exactly the rows of the filter, in Chinese.
    const download = page.waitForEvent("download");
    await page.getByTestId("audit-export-xlsx").click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^审计日志-\d{8}-\d{6}\.xlsx$/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xf-e2e-audit-"));
    const saved = path.join(dir, "audit.xlsx");
    await file.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    const sheet = wb.getWorksheet("审计日志")!;
    expect(sheet.getRow(1).getCell(6).value).toBe("操作");
    // At least the rows listed (logins may have happened since), and every one a login.
    expect(sheet.actualRowCount - 1).toBeGreaterThanOrEqual(total);
    const actions = new Set<unknown>();
    sheet.eachRow((row, n) => {
      if (n > 1) actions.add(row.getCell(6).value);
    });
    expect([...actions]).toEqual(["登录"]);
    fs.rmSync(dir, { recursive: true, force: true });

    // Verifying and exporting are rows of the log too.
    await choose(page, "[data-testid=audit-filter-action]", "导出审计日志", "导出审计日志");
    await settled(page);
    const exported = await rows(page).first().textContent();
    expect(exported).toContain("格式：Excel 表格");
    expect(exported).toContain("筛选条件：（操作：登录）");

    // And in English.
    await page.getByTestId("language-switch").click();
    await expect.poll(() => menu.textContent()).toContain("Audit log");
    await expect.poll(() => rows(page).first().textContent()).toContain("Export the audit log");
    await shot(page, "audit-log-en");
    await page.getByTestId("language-switch").click();
    await context.close();
  });
});
