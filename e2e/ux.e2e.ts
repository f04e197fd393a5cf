import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateIdNumber } from "../domain/identity/id-card.ts";
import { baseUrl, choose, DEMO_PASSWORD, launch, loginAs, newPage, PHONE, shot, staff } from "./browser.ts";

const VALID_ID = generateIdNumber("419001", "19800115", "123");
/** The valid number with another last character: 校验码错误. */
const WRONG_CHECK = VALID_ID.slice(0, 17) + (VALID_ID.at(-1) === "0" ? "1" : "0");

/**
 * Daily work without friction (issue #15), as a person meets it: every role's home at 1366×768 and
 * the portal on a 390×844 phone fit their screen (no sideways scrolling, header shown) and are kept
 * as screenshots (e2e/out/screenshots/); then each fixed screen — a 20,000-character petition,
 * to-do titles, the alert panel's header, an empty 预警研判, the ID-number error after leaving the
 * field, a blank title, the privacy notice, the success message after a step.
 */

/** One demo user per role (server/seed/demo-network.ts). */
const ROLES = [
  "registrar",
  "office",
  "bureauleader",
  "analyst",
  "leader",
  "principal",
  "rsj",
  "rsjleader",
  "zrzyj",
  "chengguan",
  "xiguan",
  "sysadmin",
  "secadmin",
  "auditadmin",
] as const;

/** The password admin.e2e.ts has the audit administrator choose after its two-person reset. */
const AUDIT_ADMIN_RESET_PASSWORD = "Auditor-Own-Passw0rd";

/** Logs in with the demo password, or, for the audit administrator after admin.e2e.ts, the one it chose. */
async function demoStaff(role: string) {
  const res = await fetch(`${baseUrl()}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: role, password: DEMO_PASSWORD }),
  });
  if (res.status === 200 || role !== "auditadmin") return staff(browser, role);
  const s = await newPage(browser);
  await loginAs(s.page, role, AUDIT_ADMIN_RESET_PASSWORD);
  return s;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The page fits its viewport's width: nothing makes the reader scroll sideways. */
async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const { scroll, inner } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  expect(scroll, `${what}: page ${scroll} px wide in a ${inner} px window`).toBeLessThanOrEqual(inner);
}

/** A JSON call from the page with the session's CSRF token, as the console makes it. */
async function api<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const me = await (await fetch("/api/auth/me")).json();
      const res = await fetch(url, {
        method,
        headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    { method, url, body },
  ) as Promise<T>;
}

describe("every role's home at 1366×768", () => {
  it("fits the screen with its header, and is kept as a screenshot", async () => {
    for (const role of ROLES) {
      const { page, context } = await demoStaff(role);
      await page.waitForLoadState("networkidle");
      expect(await page.getByTestId("current-user").isVisible(), role).toBe(true);
      expect(await page.locator(".ant-layout-header").isVisible(), role).toBe(true);
      // The menu shows its entries themselves, not only an overflow "…".
      {
        const entries = page.locator(
          "[data-testid=console-menu] > .ant-menu-item:visible, [data-testid=console-menu] > .ant-menu-submenu:visible",
        );
        expect(await entries.count(), role).toBeGreaterThan(0);
        expect(
          await page.locator("[data-testid=console-menu] .ant-menu-overflow-item-rest:visible").count(),
          role,
        ).toBe(0);
      }
      await expectNoSidewaysScroll(page, `${role}'s home`);
      await shot(page, `home-${role}`);
      await context.close();
    }
  });
});

describe("the portal on a 390×844 phone", () => {
  it("fits each page, with its header", async () => {
    const { page, context } = await newPage(browser, PHONE, { isMobile: true });
    for (const [path, name] of [
      ["/portal", "portal-home"],
      ["/portal/submit", "portal-submit"],
      ["/portal/track", "portal-track"],
    ] as const) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      expect(await page.locator("header, .ant-layout-header").first().isVisible(), path).toBe(true);
      await expectNoSidewaysScroll(page, path);
      await shot(page, name);
    }
    await context.close();
  });

  it("opens the privacy notice's full text from the consent line and says how attachments go", async () => {
    const { page, context } = await newPage(browser, PHONE, { isMobile: true });
    await page.goto("/portal/submit");
    expect(await page.getByTestId("attachment-picker-label").textContent()).toBe(
      "附件（可先选好，提交时随信访事项一并上传）",
    );
    await page.getByTestId("privacy-notice-link").click();
    const body = page.getByTestId("privacy-notice-body");
    await body.waitFor();
    const text = (await body.textContent()) ?? "";
    for (const words of ["收集哪些个人信息", "谁能看到", "保存多长时间", "您的权利", "个人信息保护法"])
      expect(text).toContain(words);
    expect(await page.locator("#portal-submit_consent").isChecked()).toBe(false);
    await expectNoSidewaysScroll(page, "the privacy notice");
    await shot(page, "portal-privacy-notice");
    await context.close();
  });

  it("keeps the ID number's error after the field is left, and names a blank title", async () => {
    const { page, context } = await newPage(browser, PHONE, { isMobile: true });
    await page.goto("/portal/submit");
    // A valid 18-character number with its last digit changed: the check digit is wrong.
    await page.locator("#portal-submit_idNumber").fill(WRONG_CHECK);
    await page.locator("#portal-submit_idNumber").press("Tab");
    const idError = page.locator(".ant-form-item", { has: page.locator("#portal-submit_idNumber") });
    await expect
      .poll(() => idError.locator(".ant-form-item-explain-error").textContent())
      .toContain("校验码错误");
    await page.waitForTimeout(500);
    expect(await idError.locator(".ant-form-item-explain-error").textContent()).toContain("校验码错误");
    await page.locator("#portal-submit_title").fill("   ");
    await page.getByTestId("portal-submit").click();
    await expect
      .poll(() =>
        page
          .locator(".ant-form-item", { has: page.locator("#portal-submit_title") })
          .locator(".ant-form-item-explain-error")
          .textContent(),
      )
      .toBe("请填写一句话概括（只填空格不算）");
    await shot(page, "portal-submit-errors");
    await context.close();
  });
});

describe("the console's fixed screens at 1366×768", () => {
  it("a 20,000-character petition folds with 展开/收起 and keeps its labels on one line; a step says it is done", async () => {
    const { page, context } = await staff(browser, "registrar");
    const regions = await api<{ items: { code: string; kind: string }[] }>(
      page,
      "GET",
      "/api/public/regions",
    );
    const region = regions.items.find((r) => r.kind === "township")!.code;
    // 19,997 characters, just under the 20,000 the server takes.
    const content = `${"村里的土地补偿款一直没有发放到位，".repeat(1176)}最后一句。`;
    const saved = await api<{ id: string }>(page, "POST", "/api/cases", {
      channel: "visit",
      title: "土地补偿款长期未发放到位，村民多次反映未果，请求县里督促乡镇尽快核实并发放",
      content,
      problemRegionCode: region,
      petitioners: [{ name: "张长文" }],
    });
    await page.goto(`/cases/${saved.id}`);
    await page.getByTestId("case-content").waitFor();
    // Each label is at least 100 px wide and its words sit on one line (the cell itself is as tall as its row).
    const labels = await page
      .locator("[data-testid=case-fields] .ant-descriptions-item-label")
      .evaluateAll((els) =>
        els.map((e) => {
          const range = document.createRange();
          range.selectNodeContents(e);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          return { text: e.textContent, w: e.getBoundingClientRect().width, lines: lines.size };
        }),
      );
    expect(labels.length).toBeGreaterThan(5);
    for (const l of labels) {
      expect(l.w, l.text ?? "").toBeGreaterThanOrEqual(100);
      expect(l.lines, l.text ?? "").toBe(1);
    }
    const folded = await page.getByTestId("case-content").boundingBox();
    expect(folded!.height).toBeLessThan(400);
    expect(await page.getByTestId("case-content").textContent()).not.toContain("最后一句");
    await expectNoSidewaysScroll(page, "the long case");
    await shot(page, "case-long-content");
    await page.getByTestId("case-content").getByTestId("fold-toggle").click();
    await expect.poll(() => page.getByTestId("case-content").textContent()).toContain("最后一句");
    await page.getByTestId("case-content").getByTestId("fold-toggle").click();
    await expect.poll(() => page.getByTestId("case-content").textContent()).not.toContain("最后一句");

    // Accepting it: the status changes and a message says the step was taken.
    await page.locator('[data-action="accept"]').click();
    const modal = page.locator(".ant-modal").filter({ has: page.locator("form#action-accept") });
    await modal.getByRole("button", { name: /提\s*交/ }).click();
    await page.locator(".ant-message-notice", { hasText: "已完成：受理" }).waitFor();
    await shot(page, "case-step-message");
    await context.close();
  });

  it("to-do titles get the room: a wide column, an ellipsis and the whole title on hover", async () => {
    const { page, context } = await staff(browser, "registrar");
    await page.goto("/");
    const title = page.getByTestId("todo-title").first();
    await title.waitFor();
    const cell = page.locator(".ant-table-tbody td", { has: title }).first();
    expect((await cell.boundingBox())!.width).toBeGreaterThanOrEqual(280);
    expect(await cell.evaluate((e) => getComputedStyle(e).textOverflow)).toBe("ellipsis");
    const full = (await title.textContent()) ?? "";
    await title.hover();
    await expect
      .poll(() => page.locator(".ant-tooltip:not(.ant-tooltip-hidden)").last().textContent())
      .toBe(full);
    await shot(page, "home-todos-tooltip");
    await context.close();
  });

  it("the alert panel's header adds up from the server's counts, and a principal leader's own cases come first", async () => {
    for (const role of ["principal", "office", "rsj"]) {
      const { page, context } = await staff(browser, role);
      await page.goto("/");
      await page.getByTestId("alerts-summary").waitFor();
      const summary = (await page.getByTestId("alerts-summary").textContent()) ?? "";
      const m = /共 (\d+) 条：超期 (\d+) 条，预警 (\d+) 条/.exec(summary);
      expect(m, summary).not.toBeNull();
      const [n, a, b] = [Number(m![1]), Number(m![2]), Number(m![3])];
      expect(a + b, summary).toBe(n);
      const server = await api<{ total: number; mine: number; items: { mine: boolean }[] }>(
        page,
        "GET",
        "/api/alerts?page=1&pageSize=10",
      );
      expect(n).toBe(server.total);
      // The user's own come first: no alert of theirs after one that is not.
      const mineFlags = server.items.map((x) => x.mine);
      expect(mineFlags).toEqual([...mineFlags].sort((x, y) => Number(y) - Number(x)));
      if (server.mine > 0) expect(await page.getByTestId("alert-mine").count()).toBeGreaterThan(0);
      expect(await page.locator("[data-testid=alerts] a").count()).toBeLessThanOrEqual(10);
      await shot(page, `home-alerts-${role}`);
      await context.close();
    }
  });

  it("an empty 预警研判 list says when the analysis runs, and offers 立即研判 to the office", async () => {
    const { page, context } = await staff(browser, "office");
    // A filter nothing matches gives the empty list whatever the demo holds.
    await page.goto("/warnings?kind=level_skipping&status=closed");
    await page.getByTestId("warnings-empty").waitFor();
    expect(await page.getByTestId("warnings-schedule").textContent()).toContain("每天 07:00");
    expect(await page.getByTestId("warnings-scan-now").isVisible()).toBe(true);
    await shot(page, "warnings-empty-office");
    await context.close();
    const leader = await staff(browser, "bureauleader");
    await leader.page.goto("/warnings?kind=level_skipping&status=closed");
    await leader.page.getByTestId("warnings-empty").waitFor();
    expect(await leader.page.getByTestId("warnings-scan-now").count()).toBe(0);
    await leader.context.close();
  });

  it("registration keeps the ID error after the field is left and names a blank content", async () => {
    const { page, context } = await staff(browser, "registrar");
    await page.goto("/register");
    const id = page.locator("#register-visit_petitioners_0_idNumber");
    await id.fill(WRONG_CHECK);
    await id.press("Tab");
    const item = page.locator(".ant-form-item", { has: id });
    await expect
      .poll(() => item.locator(".ant-form-item-explain-error").textContent())
      .toContain("校验码错误");
    await page.waitForTimeout(500);
    expect(await item.locator(".ant-form-item-explain-error").textContent()).toContain("校验码错误");
    await shot(page, "register-id-error");
    await context.close();
  });

  it("the system administrator edits the privacy notice on 文书模板 and the portal shows it", async () => {
    const { page, context } = await staff(browser, "sysadmin");
    await page.goto("/admin/templates");
    await choose(page, "[data-testid=template-kind]", "个人信息保护告知书", "个人信息");
    await page.getByTestId("template-no-placeholders").waitFor();
    const body = page.locator("textarea").first();
    await body.fill("本县信访局仅为办理您的信访事项收集个人信息，详见本告知书。");
    await page.getByRole("button", { name: /保\s*存/ }).click();
    await page.locator(".ant-message-notice", { hasText: "已保存" }).waitFor();
    await shot(page, "admin-privacy-notice");
    const portal = await newPage(browser, PHONE, { isMobile: true });
    await portal.page.goto("/portal/submit");
    await portal.page.getByTestId("privacy-notice-link").click();
    await expect
      .poll(() => portal.page.getByTestId("privacy-notice-body").textContent())
      .toBe("本县信访局仅为办理您的信访事项收集个人信息，详见本告知书。");
    await portal.context.close();
    // Back to the default, for whoever reads the notice next.
    await page.getByRole("button", { name: /恢复默认/ }).click();
    await page.getByTestId("template-no-placeholders").waitFor();
    await expect.poll(() => body.inputValue()).toContain("个人信息保护法");
    await context.close();
  });
});
