import { describe, expect, it } from "vitest";
import { movedByPause, pausedByHearing, pausesOn } from "./pause.ts";
import { createWorkCalendar } from "./working-days.ts";

const calendar = createWorkCalendar();
const calendarDays = { amount: 60, unit: "calendar", holidayRollover: true } as const;
const workingDays = { amount: 10, unit: "working" } as const;

/** 听证所需时间不计算在内: the due date moves by the hearing's days, in the limit's own unit. */
describe("a hearing's pause of a clock", () => {
  it("over a weekend costs a calendar clock four days and a working-day clock two (Fri 2026-03-06 … Mon 03-09)", () => {
    expect(movedByPause(calendarDays, "2026-03-14", "2026-03-06", "2026-03-09", calendar)).toEqual({
      days: 4,
      due: "2026-03-18",
    });
    expect(movedByPause(workingDays, "2026-03-10", "2026-03-06", "2026-03-09", calendar)).toEqual({
      days: 2,
      due: "2026-03-12",
    });
  });

  it("over 国庆 2026 (10-01…07 off, Saturday 10-10 worked) counts the holiday for a calendar clock only", () => {
    // Wed 09-30 … Fri 10-09: ten calendar days; working days 09-30, 10-08, 10-09.
    expect(movedByPause(calendarDays, "2026-11-02", "2026-09-30", "2026-10-09", calendar)).toEqual({
      days: 10,
      due: "2026-11-12",
    });
    expect(movedByPause(workingDays, "2026-10-12", "2026-09-30", "2026-10-09", calendar)).toEqual({
      days: 3,
      due: "2026-10-15",
    });
  });

  it("rolls a calendar clock that lands in a holiday over to the next working day", () => {
    // Sunday 09-27 + 4 days = Thursday 10-01, a holiday: the period ends on Thursday 10-08.
    expect(movedByPause(calendarDays, "2026-09-27", "2026-03-06", "2026-03-09", calendar)).toEqual({
      days: 4,
      due: "2026-10-08",
    });
  });

  it("moves nothing for a hearing held only on rest days under a working-day clock", () => {
    expect(movedByPause(workingDays, "2026-10-12", "2026-10-03", "2026-10-04", calendar)).toEqual({
      days: 0,
      due: "2026-10-12",
    });
  });

  it("reads whether a limit leaves an event's time out from the pack's pausesOn", () => {
    expect(pausesOn({ pausesOn: ["hearing"] }, "hearing")).toBe(true);
    expect(pausesOn({}, "hearing")).toBe(false);
    expect(pausesOn(undefined, "hearing")).toBe(false);
  });
});

describe("a clock standing still while a hearing waits", () => {
  const pack = {
    id: "national-2022",
    limits: { handling: { pausesOn: ["hearing"] }, firstDisposal: {} } as Record<
      string,
      { pausesOn?: string[] } | undefined
    >,
  };
  const hearing = { scheduledOn: "2026-07-10", hearingOn: "2026-07-20" };
  const handling = { clock: "statutory", step: "handling", state: "running", pack: "national-2022" };

  it("marks a running statutory clock of the pack whose limit leaves hearing time out", () => {
    expect(pausedByHearing(handling, pack, hearing)).toEqual({
      reason: "hearing",
      since: "2026-07-10",
      hearingOn: "2026-07-20",
    });
  });

  it("marks nothing without a waiting hearing, or on a clock the hearing will not move", () => {
    expect(pausedByHearing(handling, pack, null)).toBeNull();
    expect(pausedByHearing({ ...handling, step: "firstDisposal" }, pack, hearing)).toBeNull();
    expect(pausedByHearing({ ...handling, state: "met" }, pack, hearing)).toBeNull();
    expect(pausedByHearing({ ...handling, clock: "internal" }, pack, hearing)).toBeNull();
    expect(pausedByHearing({ ...handling, pack: "zhejiang" }, pack, hearing)).toBeNull();
  });
});
