import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  baseUrl,
  choose,
  chooseMany,
  DEMO_PASSWORD,
  launch,
  loginAs,
  newPage,
  shot,
  staff,
  submitRegistration,
} from "./browser.ts";

/** Administration screens, the admin menu's absence for staff, and the case list's Excel export. */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Opens an administration screen through the menu, as a person would. */
async function openAdmin(page: Page, label: string): Promise<void> {
  await page.getByTestId("menu-admin").hover();
  const item = page.locator(".ant-menu-submenu-popup .ant-menu-item", { hasText: label });
  await item.click();
  // Off the menu, so its pop-up closes and does not cover the screen in a screenshot.
  await page.mouse.move(1, 1);
}

async function csrf(page: Page): Promise<string> {
  return ((await (await page.request.get("/api/auth/me")).json()) as { csrfToken: string }).csrfToken;
}

/** The row of the user list for this user name. */
const userRow = (page: Page, username: string) =>
  page.getByTestId("user-table").locator("tbody tr.ant-table-row", { hasText: username });

describe("the system administrator", () => {
  it("creates a user in a township, who holds no role until the security administrator grants one; after a reset the user must choose a new password", async () => {
    const { page, context } = await staff(browser, "sysadmin");
    await openAdmin(page, "用户与角色");
    await page.getByTestId("user-table").locator("tbody tr.ant-table-row").first().waitFor();
    await page.getByTestId("user-new").click();
    const form = page.getByTestId("user-form");
    await form.locator("#username").fill("e2e.newclerk");
    await form.locator("#displayName").fill("测试新用户");
    await choose(page, "[data-testid=user-unit]", /河口乡/, "河口乡");
    await form.locator("#password").fill("Strong-Passw0rd!");
    await page.locator(".ant-modal .ant-btn-primary").click();
    await expect.poll(() => page.getByTestId("user-table").textContent()).toContain("e2e.newclerk");
    // 三员分立: the new account holds no role, and an administrator's row offers only the two-person reset.
    await expect
      .poll(() => userRow(page, "e2e.newclerk").getByTestId("no-role").textContent())
      .toContain("未授予角色");
    expect(await userRow(page, "auditadmin").getByRole("button").allTextContents()).toEqual(["申请重置密码"]);
    await shot(page, "admin-users");
    const res = await fetch(`${baseUrl()}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "e2e.newclerk", password: "Strong-Passw0rd!" }),
    });
    expect(res.status).toBe(200);
    const created = (await res.json()) as { unit: { name: string }; roles: string[] };
    expect(created.unit.name).toBe("河口乡");
    expect(created.roles).toEqual([]);
    // Logged in without a role, after choosing a password, the user is told to ask the security administrator.
    const waiting = await newPage(browser);
    await loginAs(waiting.page, "e2e.newclerk", "Strong-Passw0rd!");
    const first = waiting.page.getByTestId("restricted");
    await first.locator("#currentPassword").fill("Strong-Passw0rd!");
    await first.locator("#newPassword").fill("Clerk-First-Passw0rd");
    await first.locator("button[type=submit]").click();
    await expect
      .poll(() => waiting.page.getByTestId("no-role-page").textContent())
      .toContain("您的账户尚未授予角色，请联系安全管理员");
    expect(await waiting.page.locator(".ant-menu").count()).toBe(0);
    await shot(waiting.page, "admin-no-role");
    await waiting.context.close();
    // The security administrator grants the township role through the roles dialog.
    const sec = await staff(browser, "secadmin");
    await openAdmin(sec.page, "用户与角色");
    await userRow(sec.page, "e2e.newclerk").getByRole("button", { name: "授予角色" }).click();
    await sec.page.getByTestId("user-form").waitFor();
    await chooseMany(sec.page, "[data-testid=user-roles]", "乡村信访工作人员");
    await shot(sec.page, "admin-grant-role");
    await sec.page.locator(".ant-modal .ant-btn-primary").click();
    await sec.page.locator(".ant-modal-content").waitFor({ state: "hidden" });
    await expect.poll(() => userRow(sec.page, "e2e.newclerk").textContent()).toContain("乡村信访工作人员");
    await sec.context.close();
    // The administrator resets the password; at the next login the user must first choose their own.
    await userRow(page, "e2e.newclerk").getByRole("button", { name: "重置密码", exact: true }).click();
    await page.getByTestId("user-form").locator("#password").fill("Reset-By-Adm1n");
    await page.locator(".ant-modal .ant-btn-primary").click();
    await page.locator(".ant-modal-content").waitFor({ state: "hidden" });
    const clerk = await newPage(browser);
    await loginAs(clerk.page, "e2e.newclerk", "Reset-By-Adm1n");
    const restricted = clerk.page.getByTestId("restricted");
    await expect.poll(() => restricted.textContent()).toContain("您的密码由管理员设置");
    await shot(clerk.page, "admin-reset-change-password");
    await restricted.locator("#currentPassword").fill("Reset-By-Adm1n");
    await restricted.locator("#newPassword").fill("Clerk-Own-Passw0rd");
    await restricted.locator("button[type=submit]").click();
    await restricted.waitFor({ state: "detached" });
    await clerk.page.getByTestId("todos-title").waitFor();
    await clerk.context.close();
    await context.close();
  });

  it("adds a second-level category under a top-level one, shown in the tree and active", async () => {
    const { page, context } = await staff(browser, "sysadmin");
    await openAdmin(page, "问题类别");
    await page.getByTestId("category-table").locator("tbody tr.ant-table-row").first().waitFor();
    const parent =
      (
        await page
          .getByTestId("category-table")
          .locator("tbody tr.ant-table-row")
          .first()
          .locator("td")
          .first()
          .textContent()
      )?.trim() ?? "";
    await page.getByTestId("category-new").click();
    await choose(page, "[data-testid=category-parent]", parent);
    const form = page.getByTestId("category-form");
    await form.locator("#code").fill("e2e_solar");
    await form.locator("#nameZh").fill("光伏补贴纠纷");
    await form.locator("#nameEn").fill("Solar subsidy dispute");
    await page.locator(".ant-modal .ant-btn-primary").click();
    await expect.poll(() => page.getByTestId("category-table").textContent()).toContain("光伏补贴纠纷");
    await shot(page, "admin-categories");
    const cats = (await (await page.request.get("/api/categories")).json()) as {
      items: { code: string; parentId: string | null; isActive: boolean }[];
    };
    const created = cats.items.find((c) => c.code === "e2e_solar");
    expect(created?.parentId).toBeTruthy();
    expect(created?.isActive).toBe(true);
    await context.close();
  });
});

describe("an administrator's password (三员分立)", () => {
  it("is reset by the two other administrators: the system administrator asks, the security administrator approves, the audit administrator must change it at login", async () => {
    const sys = await staff(browser, "sysadmin");
    await openAdmin(sys.page, "用户与角色");
    await userRow(sys.page, "auditadmin").getByRole("button", { name: "申请重置密码" }).click();
    const form = sys.page.getByTestId("reset-request-form");
    await form.waitFor();
    await form.locator("#password").fill("Audit-Reset-Passw0rd");
    await form.locator("#confirm").fill("Audit-Reset-Passw0rd");
    await shot(sys.page, "admin-reset-request");
    await sys.page.locator(".ant-modal .ant-btn-primary").click();
    await expect
      .poll(() => sys.page.locator(".ant-message").textContent())
      .toContain("已提交申请，等待第三名管理员批准");
    // Nothing changed yet: the audit administrator still logs in with the old password.
    const before = await fetch(`${baseUrl()}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "auditadmin", password: DEMO_PASSWORD }),
    });
    expect(before.status).toBe(200);
    // The one who asked cannot approve.
    await openAdmin(sys.page, "管理员密码重置");
    const sysRow = sys.page.getByTestId("reset-table").locator("tbody tr.ant-table-row").first();
    await expect.poll(() => sysRow.textContent()).toContain("待批准");
    expect(await sysRow.getByTestId("reset-approve").count()).toBe(0);
    await sys.context.close();

    const sec = await staff(browser, "secadmin");
    await openAdmin(sec.page, "管理员密码重置");
    const row = sec.page
      .getByTestId("reset-table")
      .locator("tbody tr.ant-table-row", { hasText: "auditadmin" });
    await expect.poll(() => row.first().textContent()).toContain("待批准");
    await shot(sec.page, "admin-resets-pending");
    await row.first().getByTestId("reset-approve").click();
    await sec.page.locator(".ant-popconfirm .ant-btn-primary").click();
    await expect
      .poll(() => sec.page.locator(".ant-message").textContent())
      .toContain("已批准：auditadmin 的密码已重置");
    await expect.poll(() => row.first().textContent()).toContain("已批准");
    await shot(sec.page, "admin-resets-approved");
    await sec.context.close();
    const old = await fetch(`${baseUrl()}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "auditadmin", password: DEMO_PASSWORD }),
    });
    expect(old.status).toBe(401);

    const aud = await newPage(browser);
    await loginAs(aud.page, "auditadmin", "Audit-Reset-Passw0rd");
    const restricted = aud.page.getByTestId("restricted");
    await expect.poll(() => restricted.textContent()).toContain("您的密码由管理员设置");
    await restricted.locator("#currentPassword").fill("Audit-Reset-Passw0rd");
    await restricted.locator("#newPassword").fill("Auditor-Own-Passw0rd");
    await restricted.locator("button[type=submit]").click();
    await restricted.waitFor({ state: "detached" });
    // The audit administrator reaches the requests through its own menu entry and sees this one approved.
    await openAdmin(aud.page, "管理员密码重置");
    const audRow = aud.page.getByTestId("reset-table").locator("tbody tr.ant-table-row").first();
    await expect.poll(() => audRow.textContent()).toContain("已批准");
    expect(await audRow.textContent()).toContain("secadmin");
    await shot(aud.page, "admin-resets-audit");
    await aud.context.close();
  });
});

describe("a registrar", () => {
  it("has no administration menu, and the server refuses the admin API and screen", async () => {
    const { page, context } = await staff(browser, "registrar");
    await page.getByTestId("current-user").waitFor();
    expect(await page.getByTestId("menu-admin").count()).toBe(0);
    const token = await csrf(page);
    const res = await page.request.post("/api/admin/users", {
      headers: { "x-csrf-token": token },
      data: {
        username: "sneaky",
        displayName: "越权",
        unitId: "00000000-0000-4000-8000-000000000000",
        password: "Strong-Passw0rd!",
      },
    });
    expect(res.status()).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe("无权执行此操作");
    const cat = await page.request.post("/api/categories", {
      headers: { "x-csrf-token": token },
      data: { code: "sneaky", nameZh: "越权", nameEn: "Sneaky" },
    });
    expect(cat.status()).toBe(403);
    await page.goto("/admin/users");
    await expect.poll(() => page.locator(".ant-alert-error").textContent()).toContain("无权执行此操作");
    await context.close();
  });
});

describe("registration", () => {
  it("shows possible repeats while typing, then saves the case with its attachment, a refused file left out", async () => {
    const { page, context } = await staff(browser, "registrar");
    // An earlier case to repeat: same place, same words.
    const list = (await (await page.request.get("/api/cases?pageSize=1&channel=visit")).json()) as {
      items: { id: string }[];
    };
    const earlier = (await (await page.request.get(`/api/cases/${list.items[0]!.id}`)).json()) as {
      title: string;
      content: string;
      regionName: string;
    };
    await page.goto("/register");
    await page.locator("#register-visit_petitioners_0_name").fill("王重复");
    await choose(page, "[data-testid=region-select]", new RegExp(earlier.regionName), earlier.regionName);
    await page.locator("#register-visit_title").fill(earlier.title);
    await page.locator("#register-visit_content").fill(earlier.content);
    const preview = page.getByTestId("repeats-preview");
    await expect.poll(() => preview.getByTestId("repeats-preview-item").count()).toBeGreaterThan(0);
    expect(await preview.textContent()).toMatch(/相似度/);
    const picker = page.getByTestId("attachment-picker");
    expect(await picker.textContent()).toMatch(/单个文件不超过 10 MB/);
    await picker.locator("input[type=file]").setInputFiles([
      { name: "情况说明.txt", mimeType: "text/plain", buffer: Buffer.from("信访人补充的情况说明。", "utf8") },
      { name: "tool.exe", mimeType: "application/x-msdownload", buffer: Buffer.from("MZ\x90\x00", "binary") },
    ]);
    await expect.poll(() => picker.locator(".ant-upload-list-item-error").count()).toBe(1);
    await shot(page, "register-repeats-attachments");
    await submitRegistration(page);
    expect(await page.getByTestId("upload-failures").count()).toBe(0);
    await page.getByRole("button", { name: /查看详情/ }).click();
    const panel = page.getByTestId("attachments-panel");
    await expect.poll(() => panel.textContent()).toContain("情况说明.txt");
    expect(await panel.textContent()).not.toContain("tool.exe");
    await context.close();
  });
});

describe("the case list", () => {
  it("a township office exports its filtered list to Excel with exactly the list's rows", async () => {
    const { page, context } = await staff(browser, "hekou");
    // A filter this township has cases for: the channel of its first case.
    const mine = (await (await page.request.get("/api/cases?pageSize=100")).json()) as {
      total: number;
      items: { channel: string }[];
    };
    const channel = mine.items[0]!.channel;
    await page.goto(`/cases?channel=${channel}`);
    await page.getByTestId("case-table").locator("tbody tr.ant-table-row").first().waitFor();
    await page.locator(".ant-spin-spinning").waitFor({ state: "detached" });
    const list = (await (await page.request.get(`/api/cases?channel=${channel}&pageSize=1`)).json()) as {
      total: number;
    };
    expect(list.total).toBeGreaterThan(0);
    const download = page.waitForEvent("download");
    await page.getByTestId("export-xlsx").click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "xf-e2e-xlsx-")), "ledger.xlsx");
    await file.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    const sheet = wb.worksheets[0]!;
    // One header row, then one row per case of the list's filter — and only this township's cases.
    expect(sheet.actualRowCount - 1).toBe(list.total);
    expect(mine.total).toBeGreaterThanOrEqual(list.total);
    // Jurisdiction: the county-wide registrar sees more than this township.
    const { page: reg, context: regContext } = await staff(browser, "registrar");
    const county = (await (await reg.request.get("/api/cases?pageSize=1")).json()) as { total: number };
    expect(county.total).toBeGreaterThan(mine.total);
    await regContext.close();
    fs.rmSync(path.dirname(saved), { recursive: true, force: true });
    await context.close();
  });

  it("remembers hidden columns across a reload", async () => {
    const { page, context } = await staff(browser, "registrar");
    await page.goto("/cases");
    const header = page.locator("[data-testid=case-table] thead");
    await expect.poll(() => header.textContent()).toContain("标题");
    await page.getByTestId("column-settings-button").click();
    await page.getByTestId("column-toggle-title").click();
    await expect.poll(() => header.textContent()).not.toContain("标题");
    await page.reload();
    await page.locator("[data-testid=case-table] tbody tr.ant-table-row").first().waitFor();
    expect(await header.textContent()).not.toContain("标题");
    expect(await header.textContent()).toContain("信访编号");
    await context.close();
  });
});
