import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { expect, inject } from "vitest";

export const CHROMIUM = process.env.XF_CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
export const DEMO_PASSWORD = "Xinfang@2026";
export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export function baseUrl(): string {
  return inject("baseUrl");
}

export async function newPage(
  browser: Browser,
  viewport = DESKTOP,
  opts: { isMobile?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport,
    baseURL: baseUrl(),
    locale: "zh-CN",
    ...(opts.isMobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** Saves a screenshot of the page in the run's temporary folder (never in the repository). */
export async function shot(page: Page, name: string): Promise<string> {
  const file = path.join(inject("screenshotDir"), `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Clicks 登记 on the registration form and waits for its outcome: the saved case's result, or
 * what stopped it — the server's error or a field's message — which then fails the test with the
 * words the registrar would have read (a bare timeout says nothing of why).
 */
export async function submitRegistration(page: Page): Promise<void> {
  await page.getByTestId("register-submit").click();
  const registered = page.getByTestId("registered");
  const stopped = page.getByTestId("register-error").or(page.locator(".ant-form-item-explain-error"));
  await registered.or(stopped).first().waitFor({ timeout: 30_000 });
  if ((await registered.count()) > 0) return;
  const said = (await stopped.allTextContents()).join(" / ");
  throw new Error(`registration was not saved: ${said}`);
}

/** Logs in through the login page, as a person would, and waits for the console. */
export async function loginAs(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.locator("#username").fill(username);
  await page.locator("#password").fill(password);
  await page.getByRole("button", { name: /登\s*录|Log in/ }).click();
  await page.getByTestId("current-user").waitFor();
}

/** A browser context of its own for one staff member, logged in. */
export async function staff(
  browser: Browser,
  username: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const s = await newPage(browser);
  await loginAs(s.page, username);
  return s;
}

const OPEN_DROPDOWN = ".ant-select-dropdown:not(.ant-select-dropdown-hidden)";

/** The open dropdown of an antd Select, and its option labelled exactly `optionText` (or matching the pattern). */
function openOption(page: Page, optionText: string | RegExp) {
  const open = page.locator(OPEN_DROPDOWN);
  const options = open.locator(".ant-select-item-option");
  const option =
    typeof optionText === "string"
      ? options.filter({
          has: page.locator(".ant-select-item-option-content", {
            hasText: new RegExp(`^\\s*${optionText}$`),
          }),
        })
      : options.filter({ hasText: optionText });
  return { open, option: option.first() };
}

/**
 * Picks an option of an antd Select: opens it, types to search, clicks the option whose label is
 * exactly `optionText` (or matches the pattern), then waits for the list to close so it cannot
 * cover the next thing clicked.
 */
export async function choose(
  page: Page,
  selector: string,
  optionText: string | RegExp,
  search?: string,
): Promise<void> {
  await page.locator(selector).click();
  if (search) await page.keyboard.type(search);
  const { open, option } = openOption(page, optionText);
  // On a busy machine a click can land while the list is still settling and select nothing, so
  // the list stays open: click the option again (a single select only ever takes one value), a
  // few times at most, and fail if the list still does not close.
  for (let attempt = 1; ; attempt++) {
    await option.click();
    try {
      await open.waitFor({ state: "hidden", timeout: 4_000 });
      return;
    } catch (err) {
      if (attempt >= 4) throw err;
    }
  }
}

/**
 * Picks options of a multiple antd Select (mode="multiple"), whose list stays open after each
 * choice by design: clicks each option, waits until it shows as chosen, then closes the list with
 * Escape and waits for it to go.
 */
export async function chooseMany(page: Page, selector: string, ...optionTexts: string[]): Promise<void> {
  await page.locator(selector).click();
  for (const text of optionTexts) {
    const { option } = openOption(page, text);
    await option.click();
    await page.locator(selector).locator(".ant-select-selection-item", { hasText: text }).waitFor();
  }
  // Escape closes the list only: the select stops it there, so a dialog around it stays open.
  await page.keyboard.press("Escape");
  await page.locator(OPEN_DROPDOWN).waitFor({ state: "hidden" });
}

/** Opens a workflow action's form from its button on the case page, fills it, submits, waits for the new status. */
export async function act(
  page: Page,
  action: string,
  fill: (modal: ReturnType<Page["locator"]>) => Promise<void> = async () => {},
  expectStatus?: string,
): Promise<void> {
  await page.locator(`[data-action="${action}"]`).click();
  const modal = page.locator(".ant-modal").filter({ has: page.locator(`form#action-${action}`) });
  await modal.waitFor();
  // A click while the dialog still zooms in can land beside the moving button and be lost (an
  // empty form is submitted at once): wait until the opening animation is over.
  await expect.poll(async () => (await modal.getAttribute("class")) ?? "").not.toContain("ant-zoom-appear");
  await fill(modal);
  await modal.getByRole("button", { name: /提\s*交|Submit/ }).click();
  await modal.waitFor({ state: "detached" });
  if (expectStatus) await expect.poll(() => page.getByTestId("case-status").textContent()).toBe(expectStatus);
}
