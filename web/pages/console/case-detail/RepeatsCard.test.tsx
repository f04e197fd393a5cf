// @vitest-environment jsdom

import { App } from "antd";
import { MemoryRouter } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LocaleProvider } from "../../../i18n/locale.tsx";
import { fakeFetch, stubBrowserApis } from "../../../test/dom.ts";
import { click, type Rendered, renderDom, text, until } from "../../../test/render.tsx";
import { RepeatsCard } from "./RepeatsCard.tsx";

const ID = "0b0c3f7e-1111-4000-8000-000000000002";
const ORIGINAL = "0b0c3f7e-1111-4000-8000-000000000001";

let view: Rendered;
let fetchMock: ReturnType<typeof fakeFetch>;
let decided = 0;
let decisions: unknown[] = [];

beforeEach(async () => {
  stubBrowserApis();
  decided = 0;
  decisions = [];
  fetchMock = fakeFetch({
    [`GET /api/search/repeats/cases/${ID}/candidates`]: {
      candidates: [
        {
          caseId: ORIGINAL,
          caseNumber: "419001-2026-0000001",
          status: "handling",
          title: "某公司拖欠工资",
          categoryName: "劳动社保",
          receivedAt: "2026-02-01T02:00:00.000Z",
          score: 0.91,
          matterScore: 0.9,
          textSimilarity: 0.8,
          verdict: "likely_repeat",
          personReasons: ["same_id_number"],
          matterReasons: ["同类别", "同属地"],
          suggestedDecision: "merge",
        },
      ],
    },
    [`GET /api/search/repeats/cases/${ID}`]: () => ({
      caseId: ID,
      isRepeat: decisions.length > 0,
      isFirstPetition: decisions.length === 0,
      status: "registered",
      decisions,
      links: [],
    }),
    [`POST /api/search/repeats/cases/${ID}/decisions`]: (body: unknown) => {
      decisions = [
        {
          seq: 1,
          decision: (body as { decision: string }).decision,
          originalCaseId: ORIGINAL,
          originalCaseNumber: "419001-2026-0000001",
          note: null,
          decidedBy: "王登记",
          decidedAt: "2026-03-02T02:00:00.000Z",
        },
      ];
      return {};
    },
  });
  vi.stubGlobal("fetch", fetchMock.fn);
  view = await renderDom(
    <LocaleProvider initial="zh-CN">
      <App>
        <MemoryRouter>
          <RepeatsCard caseId={ID} onDecided={() => decided++} />
        </MemoryRouter>
      </App>
    </LocaleProvider>,
  );
  await until(() => view.container.querySelector("[data-candidate]") !== null, "the candidates");
});
afterEach(() => {
  view.unmount();
  vi.unstubAllGlobals();
});

describe("possible repeats", () => {
  it("shows the candidate with its score and reasons, the suggested decision first in colour", () => {
    const card = text(view.container.querySelector("[data-testid=repeats]"));
    expect(card).toContain("419001-2026-0000001");
    expect(card).toContain("疑似重复件");
    expect(card).toContain("身份证号相同、同类别、同属地");
    expect(card).toContain("91%");
    const merge = view.container.querySelector("[data-candidate] [data-decision=merge]");
    expect(merge?.className).toContain("ant-btn-primary");
    expect(view.container.querySelector("[data-candidate] [data-decision=link]")?.className).not.toContain(
      "ant-btn-primary",
    );
  });

  it("sends the decision with the original and what the check showed, then shows it and tells the page", async () => {
    await click(view.container.querySelector("[data-candidate] [data-decision=link]"));
    await until(
      () => view.container.querySelector("[data-testid=repeat-decisions]") !== null,
      "the decision",
    );
    expect(fetchMock.calls.filter((c) => c.method === "POST")).toEqual([
      {
        method: "POST",
        url: `/api/search/repeats/cases/${ID}/decisions`,
        body: {
          decision: "link",
          originalCaseId: ORIGINAL,
          score: 0.91,
          reasons: ["same_id_number", "同类别", "同属地"],
        },
      },
    ]);
    expect(text(view.container.querySelector("[data-testid=repeat-decisions]"))).toContain(
      "关联 419001-2026-0000001 · 王登记",
    );
    expect(decided).toBe(1);
    await until(
      () => text(document.querySelector(".ant-message")).includes("已保存查重处理决定"),
      "the message",
    );
  });
});
