import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { choose, launch, newPage, PHONE, shot, staff } from "./browser.ts";

/**
 * The knowledge base in the browser (issue #19 §2): the bureau office keeps an answer (add, edit,
 * restore an earlier version), drafts a reply with the suggestions — inserts the answer, edits it,
 * sends it —, and a citizen reads the public answers for a category on the portal before
 * submitting.
 */
let browser: Browser;
let office: Page;
let caseId = "";
let categoryName = "";
const TITLE = "测试问答：欠薪投诉的办理时限";
const BODY = "劳动保障监察机构自受理投诉之日起六十个工作日内作出处理决定。";
const EDITED = "劳动保障监察机构应当在规定期限内作出处理决定（修改稿）。";
const BASIS = "《劳动保障监察条例》第十八条";

/** antd modals do not carry a test id to the page: each is found by its form. */
const entryModal = () => office.locator(".ant-modal").filter({ has: office.locator("form#kb-entry") });
const replyModal = () => office.locator(".ant-modal").filter({ has: office.locator("form#action-reply") });

interface CaseItem {
  id: string;
  caseNumber: string;
  categoryName: string | null;
}

beforeAll(async () => {
  browser = await launch();
  office = (await staff(browser, "office")).page;
  // A demo case that waits for its reply and has a category (read through the API, as the page does).
  const list = await office.evaluate(async () => {
    const res = await fetch("/api/cases?status=vetted&pageSize=100");
    return (await res.json()) as { items: CaseItem[] };
  });
  const c = list.items.find((x) => x.categoryName);
  if (!c) throw new Error("the demo has no vetted case with a category");
  caseId = c.id;
  categoryName = c.categoryName!;
});
afterAll(async () => {
  await browser?.close();
});

describe("the knowledge base screen", () => {
  it("the office adds a public answer, edits it and restores the first version from the history", async () => {
    await office.goto("/knowledge");
    await office.getByTestId("kb-new").click();
    const modal = entryModal();
    await modal.waitFor();
    await choose(office, "#kb-entry_categoryId", new RegExp(`${categoryName}$`), categoryName);
    await office.locator("#kb-entry_title").fill(TITLE);
    await office.locator("#kb-entry_body").fill(BODY);
    await office.locator("#kb-entry_legalBasis").fill(BASIS);
    await office.getByTestId("kb-public").click();
    await modal.getByRole("button", { name: /提\s*交/ }).click();
    await modal.waitFor({ state: "hidden" });
    const row = office.locator("tr", { hasText: TITLE });
    await row.waitFor();
    expect(await row.textContent()).toContain("第1版");

    await row.getByTestId("kb-edit").click();
    await entryModal().waitFor();
    await office.locator("#kb-entry_body").fill(EDITED);
    await entryModal()
      .getByRole("button", { name: /提\s*交/ })
      .click();
    await entryModal().waitFor({ state: "hidden" });
    await office.locator("tr", { hasText: TITLE }).filter({ hasText: "第2版" }).waitFor();

    await office.locator("tr", { hasText: TITLE }).getByTestId("kb-history").click();
    const drawer = office.getByTestId("kb-history-drawer");
    await drawer.getByTestId("kb-version").nth(1).waitFor();
    expect(await drawer.getByTestId("kb-version").count()).toBe(2);
    await shot(office, "knowledge-history");
    // The oldest version is the last one listed.
    await drawer.getByTestId("kb-version").last().getByTestId("kb-restore").click();
    await office.locator("tr", { hasText: TITLE }).filter({ hasText: "第3版" }).waitFor();
    await office.locator("tr", { hasText: TITLE }).locator(".ant-table-row-expand-icon").click();
    await office.getByText(BODY).first().waitFor();
  });

  it("finds the answer by a word of its text", async () => {
    await office.goto(`/knowledge?q=${encodeURIComponent("劳动保障监察")}`);
    await office.locator("tr", { hasText: TITLE }).waitFor();
    await office.goto(`/knowledge?q=${encodeURIComponent("航天发射")}`);
    await office.getByText("暂无条目").waitFor();
  });
});

describe("drafting a reply with suggestions", () => {
  it("shows the category's answers, inserts one into the reply, and the edited reply is sent", async () => {
    await office.goto(`/cases/${caseId}`);
    await office.locator("[data-action=reply]").click();
    const panel = office.getByTestId("suggestion-panel");
    const suggested = panel.getByTestId("suggested-entry").filter({ hasText: TITLE });
    await suggested.waitFor();
    await suggested.getByTestId("insert-entry").click();
    const text = office.locator("#action-reply_text");
    expect(await text.inputValue()).toBe(BODY);
    expect(await office.locator("#action-reply_legalBasis").inputValue()).toBe(BASIS);
    // The handler edits the inserted text before sending it.
    await text.fill(`信访人：${BODY}经调查，已责令用人单位限期支付。`);
    await choose(office, "#action-reply_opinion", /^支持$/);
    await shot(office, "knowledge-reply-drafting");
    await replyModal()
      .getByRole("button", { name: /提\s*交/ })
      .click();
    await replyModal().waitFor({ state: "hidden" });
    const detail = await office.evaluate(async (id) => {
      const res = await fetch(`/api/cases/${id}`);
      return (await res.json()) as { status: string; reply: { text: string; legalBasis: string } | null };
    }, caseId);
    expect(detail.status).toBe("replied");
    expect(detail.reply?.text).toBe(`信访人：${BODY}经调查，已责令用人单位限期支付。`);
    expect(detail.reply?.legalBasis).toBe(BASIS);
  });
});

describe("常见问题 on the portal", () => {
  it("a citizen picks a category, reads its public answer, and the bureau's count sees the visit", async () => {
    const before = await office.evaluate(async () => {
      const res = await fetch("/api/knowledge/portal-figure");
      return (await res.json()) as { visits: number };
    });
    const citizen = (await newPage(browser, PHONE, { isMobile: true })).page;
    await citizen.goto("/portal/submit");
    await choose(citizen, "[data-testid=faq-category]", new RegExp(`${categoryName}$`), categoryName);
    const faq = citizen.getByTestId("portal-faq");
    await faq.getByText(TITLE).click();
    await faq.getByTestId("faq-answer").filter({ hasText: BODY }).waitFor();
    await shot(citizen, "knowledge-portal-faq");
    // Internal entries never reach the portal: the demo's model replies are internal.
    expect(await faq.textContent()).not.toContain("答复范本");
    await expect
      .poll(
        async () =>
          (
            await office.evaluate(async () => {
              const res = await fetch("/api/knowledge/portal-figure");
              return (await res.json()) as { visits: number };
            })
          ).visits,
        { timeout: 10_000 },
      )
      .toBe(before.visits + 1);
  });
});
