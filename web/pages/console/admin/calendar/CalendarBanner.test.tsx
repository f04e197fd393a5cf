// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "../../../../../domain/auth/roles.ts";
import { LocaleProvider } from "../../../../i18n/locale.tsx";
import { fakeFetch, stubBrowserApis } from "../../../../test/dom.ts";
import { type Rendered, renderDom, text, until } from "../../../../test/render.tsx";
import { CalendarBanner } from "./CalendarBanner.tsx";

let view: Rendered;
let fetchMock: ReturnType<typeof fakeFetch>;

async function mount(roles: Role[], confirmNextYear: number | null) {
  fetchMock = fakeFetch({ "GET /api/settings/calendar/status": { confirmNextYear } });
  vi.stubGlobal("fetch", fetchMock.fn);
  view = await renderDom(
    <LocaleProvider initial="zh-CN">
      <CalendarBanner roles={roles} />
      <p data-testid="page">page</p>
    </LocaleProvider>,
  );
}

beforeEach(() => stubBrowserApis());
afterEach(() => {
  view.unmount();
  vi.unstubAllGlobals();
});

describe("the next-year calendar banner", () => {
  it("asks the system administrator to confirm next year when the server names it", async () => {
    await mount(["system_admin"], 2028);
    await until(() => view.container.querySelector("[data-testid=calendar-banner]") !== null, "the banner");
    expect(text(view.container.querySelector("[data-testid=calendar-banner]"))).toContain(
      "2028 年的调休安排尚未确认",
    );
  });

  it("stays away once the year is confirmed, and never asks the server for other roles", async () => {
    await mount(["bureau_office"], null);
    await until(() => fetchMock.calls.length === 1, "the status request");
    expect(view.container.querySelector("[data-testid=calendar-banner]")).toBeNull();
    view.unmount();
    await mount(["unit_staff"], 2028);
    expect(fetchMock.calls).toEqual([]);
    expect(view.container.querySelector("[data-testid=calendar-banner]")).toBeNull();
  });
});
