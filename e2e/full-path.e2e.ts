import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateIdNumber } from "../domain/identity/id-card.ts";
import { act, choose, launch, newPage, PHONE, shot, staff } from "./browser.ts";

/**
 * One petition from the citizen's phone to the answer and the rating, every step clicked by the
 * person whose step it is, with the buttons the server's abilities allow.
 */
let browser: Browser;
const pages = new Map<string, Page>();
let citizen: Page;
let caseNumber = "";
let queryCode = "";
let caseUrl = "";
const TITLE = "小区门口道路破损积水";
const ID_NUMBER = generateIdNumber("419001", "19850315", "002");

async function as(user: string): Promise<Page> {
  let page = pages.get(user);
  if (!page) {
    page = (await staff(browser, user)).page;
    pages.set(user, page);
  }
  await page.goto(caseUrl);
  await page.getByTestId("case-status").waitFor();
  // The documents panel and the repeats card load after the case; let them settle before clicking.
  await page.waitForLoadState("networkidle");
  return page;
}

const status = (page: Page) => page.getByTestId("case-status").textContent();
const buttons = (page: Page) =>
  page.locator("[data-action]").evaluateAll((els) => els.map((e) => e.getAttribute("data-action")));

beforeAll(async () => {
  browser = await launch();
  citizen = (await newPage(browser, PHONE, { isMobile: true })).page;
});
afterAll(async () => {
  await browser?.close();
});

describe("a petition from the citizen's phone to the rated answer", () => {
  it("the citizen submits on a phone with privacy consent and gets a case number and query code", async () => {
    await citizen.goto("/portal");
    await citizen.getByRole("button", { name: "我要信访" }).click();
    await citizen.locator("#portal-submit_name").fill("王小梅");
    await citizen.locator("#portal-submit_idNumber").fill(ID_NUMBER);
    await citizen.locator("#portal-submit_phone").fill("13912345678");
    await choose(citizen, "[data-testid=portal-region]", /西关村$/, "西关");
    await citizen.locator("#portal-submit_title").fill(TITLE);
    await citizen
      .locator("#portal-submit_content")
      .fill("西关村小区门口道路破损，下雨积水严重，老人孩子出行困难，请求尽快修复。");
    // Without consent nothing is sent.
    await citizen.getByTestId("portal-submit").click();
    await expect.poll(() => citizen.getByText("请阅读并同意个人信息保护告知书").count()).toBe(1);
    // A photo of the road goes with the petition (sent after it, with its number and code).
    await citizen
      .getByTestId("attachment-picker")
      .locator("input[type=file]")
      .setInputFiles([
        {
          name: "路面照片说明.txt",
          mimeType: "text/plain",
          buffer: Buffer.from("积水处路面照片说明", "utf8"),
        },
      ]);
    await citizen.getByTestId("portal-consent").click();
    await shot(citizen, "portal-submit-phone");
    await citizen.getByTestId("portal-submit").click();
    await citizen.getByTestId("portal-case-number").waitFor();
    caseNumber = ((await citizen.getByTestId("portal-case-number").textContent()) ?? "").trim();
    queryCode = ((await citizen.getByTestId("portal-query-code").textContent()) ?? "").trim();
    expect(caseNumber).toMatch(/\S{6,}/);
    expect(queryCode).toMatch(/^\S{4,}$/);
    expect(await citizen.getByTestId("upload-failure").count()).toBe(0);
    await shot(citizen, "portal-submitted-phone");
    // Nothing overflows sideways on a phone.
    const overflow = await citizen.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it("the citizen tracks it with number and code and is told an answer is coming", async () => {
    await citizen.getByRole("button", { name: "查询进度" }).click();
    await citizen.getByTestId("track-submit").click();
    await expect.poll(() => citizen.getByTestId("track-status").textContent()).toBe("待核实");
    expect(await citizen.getByTestId("next-date").textContent()).toContain("法定期限内答复");
    expect(await citizen.getByTestId("track-timeline").textContent()).toContain("已收到并登记");
  });

  it("a wrong query code shows nothing about the case", async () => {
    await citizen.goto("/portal/track");
    await citizen.locator("#portal-track_caseNumber").fill(caseNumber);
    await citizen.locator("#portal-track_queryCode").fill("WRONG1");
    await citizen.getByTestId("track-submit").click();
    await expect
      .poll(() => citizen.getByTestId("track-error").textContent())
      .toContain("请核对信访编号和查询码");
    expect(await citizen.getByTestId("track-result").count()).toBe(0);
  });

  it("the registrar finds it in the screening queue, screens and accepts it", async () => {
    const page = (await staff(browser, "registrar")).page;
    pages.set("registrar", page);
    await page.goto("/cases?status=pending_screening&channel=online");
    await page.getByRole("link", { name: caseNumber }).click();
    await page.getByTestId("case-number").waitFor();
    caseUrl = new URL(page.url()).pathname;
    expect(await status(page)).toBe("待查实");
    expect(await page.getByTestId("petitioners").textContent()).not.toContain(ID_NUMBER);
    expect(await page.getByTestId("attachments-panel").textContent()).toContain("路面照片说明.txt");
    await act(page, "screen", async () => {}, "已登记");
    await act(page, "accept", async (m) => m.locator("#action-accept_note").fill("符合受理条件"), "已受理");
    await shot(page, "case-accepted");
  });

  it("the bureau office drafts the opinion and the two leaders sign in turn", async () => {
    const office = await as("office");
    await act(
      office,
      "draft_opinion",
      (m) => m.locator("#action-draft_opinion_opinion").fill("拟交住建局核实处理"),
      "待签批",
    );
    const chief = await as("bureauleader");
    expect(await buttons(chief)).toEqual(expect.arrayContaining(["sign", "send_back"]));
    await act(chief, "sign", (m) => m.locator("#action-sign_instruction").fill("同意"), "待签批");
    const leader = await as("leader");
    await act(
      leader,
      "sign",
      (m) => m.locator("#action-sign_instruction").fill("请住建局抓紧办理"),
      "已签批",
    );
  });

  it("a department cannot see, let alone sign, a case not assigned to it", async () => {
    const rsj = (await staff(browser, "rsj")).page;
    pages.set("rsj", rsj);
    await rsj.goto(caseUrl);
    await expect.poll(() => rsj.getByTestId("case-error").textContent()).toContain("未找到该信访事项");
    expect(await rsj.locator('[data-action="sign"]').count()).toBe(0);
  });

  it("the office assigns it to a department that receives, handles and reports", async () => {
    const office = await as("office");
    await act(
      office,
      "assign",
      async (m) => {
        await choose(office, "#action-assign_leadUnitId", "县人力资源和社会保障局", "人力");
        await m.locator("#action-assign_dueDays").fill("15");
        await m.locator("#action-assign_instructions").fill("请核实道路损毁情况并答复");
      },
      "已交办",
    );
    const rsj = await as("rsj");
    // The lead unit's buttons: receive or object; never a signature.
    expect(await buttons(rsj)).toEqual(["receive", "object"]);
    await act(rsj, "receive", async () => {}, "办理中");
    await act(
      rsj,
      "report_result",
      async (m) => {
        await m.locator("#action-report_result_result").fill("经现场核查，道路已安排维修，预计两周内完工。");
        await choose(rsj, "#action-report_result_proposedOpinion", "支持");
      },
      "已报结",
    );
  });

  it("the office vets the result and replies to the citizen", async () => {
    const office = await as("office");
    await act(office, "vet_accept", async () => {}, "已审核");
    await act(
      office,
      "reply",
      async (m) => {
        await choose(office, "#action-reply_opinion", "支持");
        await m.locator("#action-reply_text").fill("您反映的道路破损问题属实，已安排维修，两周内完工。");
        await m.locator("#action-reply_legalBasis").fill("《信访工作条例》第三十二条");
      },
      "已答复",
    );
    const timeline = await office.getByTestId("timeline").textContent();
    for (const step of [
      "登记",
      "查实",
      "受理",
      "拟办",
      "签批",
      "交办",
      "签收",
      "报送办结",
      "审核通过",
      "答复",
    ]) {
      expect(timeline).toContain(step);
    }
    // Each event carries its actor and time.
    expect(timeline).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} · 经办人：\S+/);
    expect(await office.getByTestId("clocks").textContent()).toMatch(/\d{4}-\d{2}-\d{2}/);
    // While the rating window is open, the office may record a rating given at a follow-up call.
    expect(await office.locator("[data-action=record-rating]").count()).toBe(1);
    await shot(office, "case-replied");
  });

  it("the office issues the written answer (处理意见书) and the assignment slip, and downloads them", async () => {
    const office = await as("office");
    const documents = office.getByTestId("documents");
    await documents.locator("[data-issue=reply]").waitFor();
    for (const kind of ["reply", "assignment"]) {
      const answer = office.waitForResponse(
        (r) => r.url().endsWith("/documents") && r.request().method() === "POST",
      );
      await documents.locator(`[data-issue=${kind}]`).click();
      expect((await answer).status()).toBe(201);
    }
    await expect.poll(() => documents.locator("a[data-download=docx]").count()).toBe(2);
    expect(await documents.textContent()).toContain("信访事项处理意见书");
    const href = await documents.locator("a[data-download=docx]").first().getAttribute("href");
    const file = await office.request.get(href ?? "");
    expect(file.status()).toBe(200);
    expect(file.headers()["content-type"]).toContain("wordprocessingml");
    expect((await file.body()).subarray(0, 2).toString()).toBe("PK");
    await shot(office, "case-documents");
  });

  it("the citizen reads the answer, sees until when to ask for review, and rates it", async () => {
    await citizen.goto("/portal/track");
    await citizen.locator("#portal-track_caseNumber").fill(caseNumber);
    await citizen.locator("#portal-track_queryCode").fill(queryCode);
    await citizen.getByTestId("track-submit").click();
    await expect.poll(() => citizen.getByTestId("track-status").textContent()).toBe("已答复");
    expect(await citizen.getByTestId("track-reply").textContent()).toContain("已安排维修");
    // In plain words: how many days, until when, and to which body (the superior of the 人社局).
    expect(await citizen.getByTestId("next-date").textContent()).toMatch(
      /自收到答复之日起30日内，即 \d{4}-\d{2}-\d{2} 前（含当日），向示范县人民政府申请复查/,
    );
    expect(await citizen.getByTestId("track-timeline").textContent()).toContain("已作出书面答复");
    // The letter issued to the citizen is listed and saved from the phone; the internal slip is not.
    const letters = citizen.getByTestId("track-documents");
    expect(await letters.textContent()).toContain("信访事项处理意见书");
    expect(await letters.textContent()).not.toContain("交办单");
    const download = citizen.waitForEvent("download");
    await letters.locator("[data-document=reply] [data-download=docx]").click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe(`${caseNumber}-信访事项处理意见书.docx`);
    const stream = await saved.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 2).toString()).toBe("PK");
    await citizen.getByTestId("rate-bureau").getByText("满意", { exact: true }).click();
    await citizen.getByTestId("rate-unit").getByText("基本满意", { exact: true }).click();
    await citizen.getByTestId("rate-submit").click();
    await expect.poll(() => citizen.getByTestId("track-status").textContent()).toBe("已评价");
    expect(await citizen.getByTestId("track-rating").textContent()).toContain("基本满意");
    await shot(citizen, "portal-rated-phone");
    const office = await as("office");
    expect(await office.getByTestId("case-rating").textContent()).toContain("满意");
  });
});
