import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, DEMO_PASSWORD, launch, loginAs, newPage, PHONE } from "./browser.ts";

/**
 * No code names on screen (issue #15): every demo role visits every entry of its menu, one case
 * page, and the portal, in Chinese and in English, and the visible text must hold no identifier —
 * snake_case, camelCase, dotted code paths or `{{placeholders}}`. All offenders are reported at once.
 */

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

const PATTERNS: { name: string; re: RegExp }[] = [
  { name: "placeholder", re: /\{\{[^{}]*\}\}/g },
  { name: "snake_case", re: /\b[a-z]+_[a-z_]+\b/g },
  { name: "camelCase", re: /\b[a-z]+[A-Z][a-zA-Z]+\b/g },
  { name: "dotted code", re: /\b[a-z]\.[a-z0-9]+(\.[a-z0-9]+)+\b/g },
];

/** Text that looks like an identifier but is what a person should read; each with its reason. */
const ALLOWED: { page: RegExp; text: RegExp; named?: boolean; reason: string }[] = [
  {
    page: /^\/admin\/templates /,
    text: /^\{\{[a-zA-Z]+\}\}$/,
    named: true,
    reason: "the administrator types these into the template; each stands alone beside its name",
  },
  {
    page: /^\/admin\/report-templates /,
    text: /^\{\{(table:)?[a-zA-Z.]+\}\}$/,
    named: true,
    reason: "the analyst types these into the report template; each stands beside what it means",
  },
  {
    page: /^\/admin\/categories /,
    text: /^[a-z]+_[a-z_]+$/,
    reason:
      "the 编码 column: the key the system admin gave each category in the form, shown so a new one is not a clash",
  },
];

/** Whether the line holding a match has it alone, with words naming it (not a bare list). */
function isNamedAlone(body: string, at: number, re: RegExp): boolean {
  const start = body.lastIndexOf("\n", at) + 1;
  const end = body.indexOf("\n", at);
  const line = body.slice(start, end < 0 ? undefined : end);
  const others = line.replace(new RegExp(re.source, "g"), "\u0000");
  return others.split("\u0000").length === 2 && /[\u4e00-\u9fff]|[A-Za-z]{2,}/.test(others);
}

/**
 * Found by this test and not fixed yet (issue #15): each is a real defect still on screen, kept
 * here so the test guards everything else. Remove an entry when its page is fixed.
 */
const KNOWN_LEFT: { page: RegExp; text: RegExp; why: string }[] = [];

interface Offender {
  where: string;
  kind: string;
  text: string;
  context: string;
}

/** The identifiers in a page's visible text, less the allowed ones. */
function offendersIn(where: string, body: string): Offender[] {
  const found: Offender[] = [];
  let rest = body;
  for (const { name, re } of PATTERNS) {
    for (const m of rest.matchAll(re)) {
      const text = m[0];
      const allowed =
        ALLOWED.some(
          (a) =>
            a.page.test(where) && a.text.test(text) && (!a.named || isNamedAlone(rest, m.index ?? 0, re)),
        ) || KNOWN_LEFT.some((k) => k.page.test(where) && k.text.test(text));
      if (!allowed) {
        const at = m.index ?? 0;
        found.push({
          where,
          kind: name,
          text,
          context: rest.slice(Math.max(0, at - 30), at + text.length + 30).replace(/\s+/g, " "),
        });
      }
    }
    // A placeholder is reported once, not again as the camelCase word inside it.
    rest = rest.replace(re, " ");
  }
  return found;
}

/** Waits until no request is in flight and no spinner or skeleton shows (at most 8 s). */
async function settle(page: Page, inFlight: () => number): Promise<void> {
  const until = Date.now() + 8_000;
  let quietSince = 0;
  while (Date.now() < until) {
    const busy =
      inFlight() > 0 ||
      (await page.locator(".ant-spin-spinning, .ant-skeleton-active, .ant-card-loading-content").count()) > 0;
    if (busy) quietSince = 0;
    else if (quietSince === 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= 200) return;
    await page.waitForTimeout(50);
  }
}

function trackRequests(page: Page): () => number {
  let n = 0;
  page.on("request", () => {
    n++;
  });
  const done = () => {
    n = Math.max(0, n - 1);
  };
  page.on("requestfinished", done);
  page.on("requestfailed", done);
  return () => n;
}

/**
 * Client-side navigation, so the app is not loaded again for each screen. It returns once the
 * screen's text has changed (at most 5 s): a screen loaded lazily keeps the previous one on view
 * until its code arrives, and read too early the previous screen's text would be reported under
 * the new address (a busy CI machine once read the templates editor as /admin/settings).
 */
async function goTo(page: Page, path: string): Promise<void> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is compared
  const text = () => page.locator("body").innerText();
  const before = await text();
  await page.evaluate((p) => {
    window.history.pushState({}, "", p);
    window.dispatchEvent(new PopStateEvent("popstate"));
  }, path);
  const until = Date.now() + 5_000;
  while (Date.now() < until && (await text()) === before) await page.waitForTimeout(50);
}

/** The screens of the rendered menu: top-level entries and those of each submenu's pop-up. */
async function menuPaths(page: Page): Promise<string[]> {
  const keyOf = (id: string | null) => /-(\/[^\s]*)$/.exec(id ?? "")?.[1];
  const paths = new Set<string>();
  const top = page.locator(".ant-layout > .ant-menu > li.ant-menu-item");
  for (const id of await top.evaluateAll((els) => els.map((e) => e.getAttribute("data-menu-id")))) {
    const k = keyOf(id);
    if (k) paths.add(k);
  }
  const subs = page.locator(
    ".ant-layout > .ant-menu > li.ant-menu-submenu:not(.ant-menu-overflow-item-rest)",
  );
  for (let i = 0; i < (await subs.count()); i++) {
    await subs.nth(i).hover();
    const popup = page.locator(".ant-menu-submenu-popup:not(.ant-menu-submenu-hidden)").last();
    await popup.locator(".ant-menu-item").first().waitFor();
    for (const id of await popup
      .locator(".ant-menu-item")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-menu-id")))) {
      const k = keyOf(id);
      if (k) paths.add(k);
    }
    await page.mouse.move(1, 400);
    await popup.waitFor({ state: "hidden" });
  }
  return [...paths];
}

/** Whether the demo password still opens this account (another browser test changes auditadmin's). */
async function demoPasswordWorks(username: string): Promise<boolean> {
  const res = await fetch(`${baseUrl()}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  return res.status === 200;
}

let browser: Browser;
const offenders: Offender[] = [];
const visited: string[] = [];

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function readScreen(page: Page, inFlight: () => number, where: string): Promise<void> {
  await settle(page, inFlight);
  visited.push(where);
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point (hidden nodes excluded)
  offenders.push(...offendersIn(where, await page.locator("body").innerText()));
}

/** Every screen of one role, first in Chinese, then in English after the header's switch. */
async function visitAsRole(username: string): Promise<void> {
  const { context, page } = await newPage(browser);
  const inFlight = trackRequests(page);
  try {
    await loginAs(page, username);
    await settle(page, inFlight);
    const paths = await menuPaths(page);
    const list = await page.request.get("/api/cases?pageSize=1");
    const firstCase = list.ok() ? ((await list.json()) as { items: { id: string }[] }).items[0] : undefined;
    if (firstCase) paths.push(`/cases/${firstCase.id}`);
    for (const lang of ["zh", "en"] as const) {
      if (lang === "en") {
        await page.getByTestId("language-switch").click();
        await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("en");
      }
      for (const path of paths) {
        await goTo(page, path);
        await readScreen(page, inFlight, `${path} ${username} ${lang}`);
      }
    }
  } finally {
    await context.close();
  }
}

describe("no code names on screen", () => {
  it("shows no identifiers on any menu screen or case page of any demo role, nor on the portal", async () => {
    const skipped: string[] = [];
    // Three roles at a time, each in its own browser context, to keep the run short.
    const queue = [...ROLES];
    const worker = async () => {
      for (let username = queue.shift(); username; username = queue.shift()) {
        if (await demoPasswordWorks(username)) await visitAsRole(username);
        else skipped.push(`${username} (its password was changed by another browser test)`);
      }
    };
    await Promise.all([worker(), worker(), worker()]);

    const { context, page } = await newPage(browser, PHONE, { isMobile: true });
    const inFlight = trackRequests(page);
    await page.goto("/portal");
    for (const lang of ["zh", "en"] as const) {
      if (lang === "en") {
        await page.getByTestId("language-switch").click();
        await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("en");
      }
      for (const path of ["/portal", "/portal/submit", "/portal/track"]) {
        await goTo(page, path);
        await readScreen(page, inFlight, `${path} citizen ${lang}`);
      }
    }
    await context.close();

    if (skipped.length > 0) console.warn(`no-codes: skipped ${skipped.join(", ")}`);
    console.info(`no-codes: ${visited.length} screens read`);
    const report = offenders.map((o) => `${o.where}: ${o.kind} "${o.text}" in "…${o.context}…"`);
    expect(report, `identifiers on screen:\n${report.join("\n")}`).toEqual([]);
    expect(visited.length).toBeGreaterThan(ROLES.length * 4);
  }, 600_000);
});
