// @vitest-environment jsdom

import { App } from "antd";
import { act, useState } from "react";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "../../../../domain/auth/roles.ts";
import type { CaseDetail, Me, OrgUnit } from "../../../api/types.ts";
import { SessionProvider } from "../../../hooks/session.tsx";
import { LocaleProvider } from "../../../i18n/locale.tsx";
import { CASE_ID, caseDetail } from "../../../test/case-detail.ts";
import { fakeFetch, stubBrowserApis } from "../../../test/dom.ts";
import { click, type Rendered, renderDom, text, typeInto, until } from "../../../test/render.tsx";
import { AccusationCard } from "./AccusationCard.tsx";

const VILLAGE = "6f1c1a52-1111-4000-8000-0000000000v1";
const UNITS: OrgUnit[] = [
  { id: "c", parentId: null, kind: "county", name: "示范县", regionCode: "419001", path: "c" },
  { id: "b", parentId: "c", kind: "bureau", name: "县信访局", regionCode: "419001", path: "c.xfj" },
  { id: "t1", parentId: "c", kind: "township", name: "城关镇", regionCode: "419001001", path: "c.t1" },
  {
    id: VILLAGE,
    parentId: "t1",
    kind: "village",
    name: "西关村",
    regionCode: "419001001001",
    path: "c.t1.v1",
  },
];

const accusation = (over: Partial<CaseDetail> = {}) =>
  caseDetail({
    nature: "accusation",
    legalClass: "accusation",
    isConfidential: true,
    accusedDescription: "西关村村委会主任李某",
    accusedUnitId: VILLAGE,
    ...over,
  });

const me = (roles: Role[]): Me => ({
  id: "u1",
  username: "office",
  displayName: "钱办公",
  roles,
  unit: { id: "b", name: "县信访局", kind: "bureau" },
  csrfToken: "csrf-1",
  idleTimeoutMinutes: 15,
  totpEnabled: false,
  restrictions: [],
  passwordChangeReason: null,
});

/** The card as the case page holds it: the case in state, replaced by what a step answers. */
function Harness({ first }: { first: CaseDetail }) {
  const [c, setC] = useState(first);
  return <AccusationCard c={c} onChanged={setC} />;
}

let view: Rendered;
let fetchMock: ReturnType<typeof fakeFetch>;

async function mount(roles: Role[], c: CaseDetail, routes: Record<string, unknown> = {}) {
  fetchMock = fakeFetch({ "GET /api/auth/me": me(roles), "GET /api/org/units": { items: UNITS }, ...routes });
  vi.stubGlobal("fetch", fetchMock.fn);
  view = await renderDom(
    <LocaleProvider initial="zh-CN">
      <SessionProvider>
        <App>
          <MemoryRouter initialEntries={[`/cases/${CASE_ID}`]}>
            <Routes>
              <Route path="/cases/:id" element={<Harness first={c} />} />
              <Route path="/cases" element={<p data-testid="case-list">list</p>} />
            </Routes>
          </MemoryRouter>
        </App>
      </SessionProvider>
    </LocaleProvider>,
  );
  await until(() => fetchMock.calls.some((x) => x.url === "/api/auth/me"), "the session");
  await until(() => !text($("[data-testid=accused-unit]")).includes("…"), "the unit's name");
}

beforeEach(() => stubBrowserApis());
afterEach(() => {
  view.unmount();
  vi.unstubAllGlobals();
});

const $ = (sel: string) => view.container.querySelector(sel);
const steps = () =>
  [...view.container.querySelectorAll("[data-accusation]")].map((b) => b.getAttribute("data-accusation"));
const modal = () => document.querySelector(".ant-modal") as HTMLElement;
const submitButton = () => [...modal().querySelectorAll("button")].find((b) => /提\s*交/.test(text(b)));
const puts = () => fetchMock.calls.filter((x) => x.method === "PUT");

describe("the accusation card", () => {
  it("shows whom it accuses, the recorded unit by name under its township, and that it is confidential", async () => {
    await mount(["bureau_office"], accusation());
    expect(text($("[data-testid=accused-description]"))).toBe("西关村村委会主任李某");
    expect(text($("[data-testid=accused-unit]"))).toBe("城关镇 / 西关村");
    expect(text($("[data-testid=confidentiality-state]"))).toBe("保密");
    await until(() => steps().length === 2, "the office's two steps");
    expect(steps()).toEqual(["accused-unit", "confidentiality"]);
    expect(text($("[data-accusation=confidentiality]"))).toMatch(/解除保密/);
  });

  it("gives each role only its own step, and keeps the description's row from those who may not read it", async () => {
    await mount(["registrar"], accusation());
    await until(() => steps().length > 0, "the registrar's step");
    expect(steps()).toEqual(["accused-unit"]);
    view.unmount();
    await mount(["bureau_leader"], accusation());
    await until(() => steps().length > 0, "the leader's step");
    expect(steps()).toEqual(["confidentiality"]);
    view.unmount();
    // A handling department gets no description from the server and no row for it.
    await mount(["unit_staff"], accusation({ accusedDescription: null }));
    expect(steps()).toEqual([]);
    expect($("[data-testid=accused-description]")).toBeNull();
    expect(text($("[data-testid=accusation-card]"))).toContain("城关镇 / 西关村");
  });

  it("records the accused unit only with a reason, then says so and shows the case the server answers", async () => {
    const recorded = accusation({ accusedUnitId: VILLAGE, events: [] });
    await mount(["bureau_office"], accusation({ accusedUnitId: null }), {
      [`PUT /api/cases/${CASE_ID}/accused-unit`]: { case: recorded, forwardedTo: null },
    });
    expect(text($("[data-testid=accused-unit]"))).toBe("尚未记录");
    await until(() => steps().length === 2, "the steps");
    await click($("[data-accusation=accused-unit]"));
    await until(() => document.querySelector("form#accused-unit") !== null, "the form");
    await click(submitButton());
    await until(() => text(modal()).includes("必填"), "the required reason");
    expect(puts()).toEqual([]);
    // Search the village and take it with Enter, as a keyboard user would.
    const picker = document.querySelector("#accused-unit_accusedUnitId");
    await typeInto(picker, "西关");
    await until(() => document.querySelector(".ant-select-item-option") !== null, "the options");
    await act(async () => {
      picker?.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", keyCode: 13, bubbles: true }));
    });
    expect(document.querySelector("[data-testid=accused-own-unit]")).toBeNull();
    await typeInto(document.querySelector("#accused-unit_reason"), " 经核实 ");
    await click(submitButton());
    await until(() => text(document.body).includes("已记录被检举控告单位"), "the success message");
    expect(puts()).toEqual([
      {
        method: "PUT",
        url: `/api/cases/${CASE_ID}/accused-unit`,
        body: { accusedUnitId: VILLAGE, reason: "经核实" },
      },
    ]);
    expect(text($("[data-testid=accused-unit]"))).toBe("城关镇 / 西关村");
  });

  it("says where a case went when recording the bureau itself forwarded it, and goes back to the list", async () => {
    await mount(["bureau_office"], accusation({ accusedUnitId: "b" }), {
      [`PUT /api/cases/${CASE_ID}/accused-unit`]: { case: null, forwardedTo: "县纪委监委" },
    });
    await until(() => steps().length === 2, "the steps");
    await click($("[data-accusation=accused-unit]"));
    await until(() => document.querySelector("form#accused-unit") !== null, "the form");
    // The unit chosen is the bureau itself: the form warns before anything is sent.
    await until(() => document.querySelector("[data-testid=accused-own-unit]") !== null, "the warning");
    expect(text(document.querySelector("[data-testid=accused-own-unit]"))).toContain("转送纪检监察机关");
    await typeInto(document.querySelector("#accused-unit_reason"), "检举本局工作人员");
    await click(submitButton());
    await until(() => $("[data-testid=case-list]") !== null, "the list");
    expect(text(document.body)).toContain("本件已依规则转送县纪委监委，本机关不能再查看此件");
    expect(puts()[0]?.body).toEqual({ accusedUnitId: "b", reason: "检举本局工作人员" });
  });

  it("lifts confidentiality with a reason and then offers to restore it", async () => {
    await mount(["bureau_office"], accusation(), {
      [`PUT /api/cases/${CASE_ID}/confidentiality`]: accusation({ isConfidential: false }),
    });
    await until(() => steps().length === 2, "the steps");
    await click($("[data-accusation=confidentiality]"));
    await until(() => document.querySelector("form#confidentiality") !== null, "the form");
    expect(text(modal())).toContain("乡镇、村工作人员可以查看");
    await typeInto(document.querySelector("#confidentiality_reason"), "已查结，无需保密");
    await click(submitButton());
    await until(() => text($("[data-testid=confidentiality-state]")) === "已解除保密", "the new state");
    expect(text(document.body)).toContain("已解除保密");
    expect(puts()).toEqual([
      {
        method: "PUT",
        url: `/api/cases/${CASE_ID}/confidentiality`,
        body: { isConfidential: false, reason: "已查结，无需保密" },
      },
    ]);
    expect(text($("[data-accusation=confidentiality]"))).toMatch(/恢复保密/);
  });
});
