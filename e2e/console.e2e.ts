import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateIdNumber } from "../domain/identity/id-card.ts";
import { choose, launch, loginAs, newPage, shot, staff, submitRegistration } from "./browser.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const VISIT_TITLE = "西关村征地补偿款未发放到位";
const HEKOU_TITLE = "河口村灌溉水渠年久失修";

async function fillPetitioner(page: Page, i: number, name: string, id: string, phone: string) {
  await page.locator(`#register-visit_petitioners_${i}_name`).fill(name);
  await page.locator(`#register-visit_petitioners_${i}_idNumber`).fill(id);
  await page.locator(`#register-visit_petitioners_${i}_phone`).fill(phone);
}

describe("logging in", () => {
  it("shows the server's message for a wrong password, the tries left, and how long to wait", async () => {
    const { page, context } = await newPage(browser);
    await page.goto("/");
    await expect.poll(() => new URL(page.url()).pathname).toBe("/login");
    const attempt = async () => {
      // A name nobody has: answered exactly like a real one, and no demo user is kept waiting.
      await page.locator("#username").fill("no.such.clerk");
      await page.locator("#password").fill("wrong-password");
      const answer = page.waitForResponse((r) => r.url().endsWith("/api/auth/login"));
      await page.getByRole("button", { name: /登\s*录/ }).click();
      return (await answer).status();
    };
    expect(await attempt()).toBe(401);
    await expect
      .poll(() => page.getByTestId("login-error").textContent())
      .toContain("用户名、密码或动态验证码错误");
    expect(await attempt()).toBe(401);
    await expect.poll(() => page.getByTestId("login-error").textContent()).toContain("还可再试 3 次");
    // At the limit (5 failures from one address by default) the server makes the name wait, and says how long.
    let status = 401;
    for (let i = 0; i < 10 && status === 401; i++) status = await attempt();
    expect(status).toBe(429);
    await expect.poll(() => page.getByTestId("login-error").textContent()).toContain("登录失败次数过多");
    await expect.poll(() => page.getByTestId("login-error").textContent()).toMatch(/请在 \d+ 秒后再试/);
    await shot(page, "login-throttled");
    await context.close();
  });
});

describe("the registrar's console", () => {
  let page: Page;
  beforeAll(async () => {
    page = (await staff(browser, "registrar")).page;
  });

  it("opens on my to-dos, each with its due date coloured by urgency", async () => {
    await page.goto("/");
    await page.getByTestId("todos-summary").waitFor();
    expect(await page.getByTestId("todos-title").textContent()).toBe("我的待办");
    expect(await page.getByTestId("todos-summary").textContent()).toMatch(
      /共 \d+ 件，超期 \d+ 件，3 个工作日内到期 \d+ 件/,
    );
    const states = await page
      .locator("[data-due-state]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-due-state")));
    expect(states.length).toBeGreaterThan(0);
    for (const s of states) expect(["overdue", "due_soon", "ok", "none"]).toContain(s);
    const colours = await page
      .locator("[data-due-state=overdue], [data-due-state=due_soon]")
      .evaluateAll((els) => els.map((e) => [e.getAttribute("data-due-state"), e.className]));
    for (const [state, cls] of colours) expect(cls).toContain(state === "overdue" ? "red" : "gold");
    await shot(page, "home-todos");
  });

  it("splits the to-dos into inboxes, each tab with its count, and opens one", async () => {
    await page.goto("/");
    const intake = page.locator("[data-inbox=intake]");
    await intake.waitFor();
    const count = Number(/\((\d+)\)/.exec((await intake.textContent()) ?? "")?.[1]);
    expect(count).toBeGreaterThan(0);
    await intake.click();
    await expect
      .poll(() => page.getByTestId("todos-summary").textContent())
      .toMatch(new RegExp(`^共 ${count} 件`));
    const steps = await page.locator("tr.ant-table-row td:nth-child(4)").allTextContents();
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) expect(["查实", "受理"]).toContain(step);
  });

  it("shows the Chinese error for a bad ID number while it is typed", async () => {
    await page.goto("/register");
    const valid = generateIdNumber("419001", "19700101", "011");
    const wrongCheck = valid.slice(0, 17) + (valid.endsWith("0") ? "1" : "0");
    await page.locator("#register-visit_petitioners_0_idNumber").pressSequentially(wrongCheck);
    await expect.poll(() => page.getByTestId("petitioner-0").textContent()).toContain("身份证号码校验码错误");
    await page.locator("#register-visit_petitioners_0_idNumber").fill("");
    await page.locator("#register-visit_petitioners_0_idNumber").pressSequentially("41900119A");
    await expect.poll(() => page.getByTestId("petitioner-0").textContent()).toContain("身份证号码格式错误");
    await shot(page, "register-bad-id");
    await page.locator("#register-visit_petitioners_0_idNumber").fill(valid);
    await expect.poll(() => page.getByTestId("petitioner-0").textContent()).not.toContain("身份证号码");
  });

  it("registers a visit by two petitioners and finds it in the list", async () => {
    await page.goto("/register");
    await fillPetitioner(page, 0, "李建国", generateIdNumber("419001", "19620304", "015"), "13700001111");
    await page.getByTestId("add-petitioner").click();
    await fillPetitioner(page, 1, "李建民", generateIdNumber("419001", "19650708", "031"), "13700002222");
    await page.locator("#register-visit_petitioners_0_isRepresentative").check();
    await page.locator("#register-visit_headcount").fill("2");
    await choose(page, "[data-testid=region-select]", "西关村", "西关");
    await page.locator("#register-visit_title").fill(VISIT_TITLE);
    await page.locator("#register-visit_content").fill("两户征地补偿款至今未发放到位，请求核实并督促发放。");
    await page.getByTestId("register-submit").click();
    await expect
      .poll(() => page.getByTestId("registered").textContent())
      .toMatch(/已登记，信访编号 \S+，查询码 \S+/);
    await page.getByRole("menuitem", { name: "信访事项" }).click();
    await expect.poll(() => page.getByTestId("case-table").textContent()).toContain(VISIT_TITLE);
    await page
      .getByRole("row", { name: new RegExp(VISIT_TITLE) })
      .getByRole("link")
      .click();
    await page.getByTestId("petitioners").waitFor();
    const people = (await page.getByTestId("petitioners").textContent()) ?? "";
    expect(people).toContain("李建国");
    expect(people).toContain("李建民");
    // Identity numbers leave the server masked.
    expect(people).toMatch(/4190\*+\d{3}[\dX]/);
    expect(await page.getByTestId("case-status").textContent()).toBe("已登记");
    expect(await page.locator("[data-action]").count()).toBeGreaterThan(0);
    await shot(page, "case-detail-registered");
  });

  it("keeps filters, sort and page in the URL and reads them back", async () => {
    await page.goto("/cases");
    await page.getByTestId("case-table").waitFor();
    await choose(page, "[data-testid=filter-channel]", "来访");
    await expect.poll(() => new URL(page.url()).searchParams.get("channel")).toBe("visit");
    await page.getByRole("columnheader", { name: /人数/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("sort")).toMatch(/headcount/);
    const url = page.url();
    expect(new URL(url).searchParams.get("channel")).toBe("visit");
    await page.reload();
    await page.locator("[data-testid=case-table] tbody tr.ant-table-row").first().waitFor();
    expect(page.url()).toBe(url);
    const channels = await page
      .locator("[data-testid=case-table] tbody tr.ant-table-row td:nth-child(4)")
      .allTextContents();
    expect(channels.length).toBeGreaterThan(0);
    for (const c of channels) expect(c).toBe("来访");
    await shot(page, "case-list-filtered");
  });

  it("registers a case in 河口乡 for the township test", async () => {
    await page.goto("/register");
    await fillPetitioner(page, 0, "赵水生", generateIdNumber("419001", "19580910", "017"), "13700003333");
    await choose(page, "[data-testid=region-select]", "河口村", "河口村");
    await page.locator("#register-visit_title").fill(HEKOU_TITLE);
    await page.locator("#register-visit_content").fill("村里灌溉水渠多处坍塌，影响春耕用水。");
    await submitRegistration(page);
    await page.getByRole("button", { name: /查看详情/ }).click();
    await page.getByTestId("case-number").waitFor();
    hekouCaseUrl = new URL(page.url()).pathname;
  });
});

let hekouCaseUrl = "";

describe("jurisdiction", () => {
  it("lets 河口乡 open its own case and keeps it from 城关镇, in the list and by address", async () => {
    const hekou = (await staff(browser, "hekou")).page;
    await hekou.goto(hekouCaseUrl);
    await expect.poll(() => hekou.getByTestId("case-number").count()).toBe(1);
    await hekou.goto("/cases");
    await expect.poll(() => hekou.getByTestId("case-table").textContent()).toContain(HEKOU_TITLE);

    const chengguan = (await staff(browser, "chengguan")).page;
    await chengguan.goto(hekouCaseUrl);
    await expect.poll(() => chengguan.getByTestId("case-error").textContent()).toContain("未找到该信访事项");
    await chengguan.goto("/cases?pageSize=100");
    await chengguan.getByTestId("case-table").waitFor();
    await expect.poll(() => chengguan.locator(".ant-spin-spinning").count()).toBe(0);
    expect(await chengguan.getByTestId("case-table").textContent()).not.toContain(HEKOU_TITLE);
    expect(await chengguan.getByTestId("case-table").textContent()).toContain(VISIT_TITLE);
    await shot(chengguan, "township-not-found");
  });

  it("finds the case through the list's keyword box for 河口乡 only, with its counted total", async () => {
    const hekou = (await staff(browser, "hekou")).page;
    await hekou.goto("/cases");
    await hekou.getByTestId("case-table").waitFor();
    await hekou.getByTestId("filter-q").locator("input").fill("水渠 坍塌");
    await hekou.getByTestId("filter-q").locator("input").press("Enter");
    await expect.poll(() => new URL(hekou.url()).searchParams.get("q")).toBe("水渠 坍塌");
    await expect.poll(() => hekou.getByTestId("case-table").textContent()).toContain(HEKOU_TITLE);
    await expect.poll(() => hekou.locator(".ant-pagination-total-text").textContent()).toBe("共 1 条");

    const chengguan = (await staff(browser, "chengguan")).page;
    await chengguan.goto(`/cases?q=${encodeURIComponent("水渠 坍塌")}`);
    await chengguan.getByTestId("case-table").waitFor();
    await expect.poll(() => chengguan.locator(".ant-spin-spinning").count()).toBe(0);
    await expect.poll(() => chengguan.locator(".ant-empty").count()).toBeGreaterThan(0);
    expect(await chengguan.getByTestId("case-table").textContent()).not.toContain(HEKOU_TITLE);
  });
});

describe("language", () => {
  it("switches the console to English and back, and remembers the choice", async () => {
    const { page } = await staff(browser, "office");
    await page.goto("/cases");
    await page.getByTestId("case-table").waitFor();
    expect(await page.getByRole("columnheader").allTextContents()).toEqual(
      expect.arrayContaining(["信访编号", "状态"]),
    );
    await page.getByTestId("language-switch").click();
    await expect
      .poll(() => page.getByRole("columnheader").allTextContents())
      .toEqual(expect.arrayContaining(["Case number", "Status"]));
    expect(await page.getByRole("menuitem", { name: "Cases" }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    await shot(page, "case-list-english");
    await page.reload();
    await expect.poll(() => page.getByRole("menuitem", { name: "My to-dos" }).count()).toBe(1);
    await page.getByTestId("language-switch").click();
    await expect.poll(() => page.getByRole("menuitem", { name: "我的待办" }).count()).toBe(1);
  });
});

describe("Chinese text", () => {
  it("is drawn with real glyphs, not the empty boxes of a missing font", async () => {
    const { page } = await newPage(browser);
    await loginAs(page, "analyst");
    // Draw characters in the page's own font: with no CJK font every character is the same box.
    const distinct = await page.evaluate(() => {
      const font = getComputedStyle(
        document.querySelector("[data-testid=current-user]") ?? document.body,
      ).fontFamily;
      const draw = (ch: string) => {
        const canvas = document.createElement("canvas");
        canvas.width = 40;
        canvas.height = 40;
        const ctx = canvas.getContext("2d");
        if (!ctx) return "";
        ctx.font = `32px ${font}`;
        ctx.fillText(ch, 2, 32);
        return canvas.toDataURL();
      };
      const glyphs = ["信", "访", "办", "\u{E000}"].map(draw);
      return { font, glyphs: new Set(glyphs).size, inked: glyphs[0] !== draw(" ") };
    });
    expect(distinct.font).toContain("Noto Sans CJK SC");
    expect(distinct.inked).toBe(true);
    expect(distinct.glyphs).toBe(4);
  });

  it("drives the production build that npm start serves, not React's and antd's development code", async () => {
    const { page } = await newPage(browser);
    await loginAs(page, "registrar");
    // antd marks every component of a development build with a css-dev-only-… class.
    const devOnly = await page.locator("[class*='css-dev-only']").count();
    const styled = await page.locator("[class*='ant-']").count();
    expect(styled).toBeGreaterThan(0);
    expect(devOnly).toBe(0);
  });
});
