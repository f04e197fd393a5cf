import { describe, expect, it } from "vitest";
import { hearingBody, partiesFrom, rescheduleBody, shanghaiIso } from "./steps-form.ts";

describe("the case page's step forms", () => {
  it("reads a typed time as Beijing time", () => {
    expect(shanghaiIso("2026-12-10T09:30")).toBe("2026-12-10T09:30:00+08:00");
    expect(new Date(shanghaiIso("2026-12-10T09:30")).toISOString()).toBe("2026-12-10T01:30:00.000Z");
  });

  it("turns the three participant fields into roles, one name each", () => {
    const body = hearingBody({
      startsAt: "2026-12-10T09:30",
      place: "信访局",
      host: "局长",
      petitioners: "张三、李四",
      units: " 人社局 ",
      thirdParties: "",
    });
    expect(body.participants).toEqual([
      { role: "petitioner", name: "张三" },
      { role: "petitioner", name: "李四" },
      { role: "unit", name: "人社局" },
    ]);
  });

  it("reads one mediation party a line, the role after a comma, 当事人 when none", () => {
    expect(partiesFrom("张三，信访人\n\n某公司, 用工单位\n王五")).toEqual([
      { name: "张三", role: "信访人" },
      { name: "某公司", role: "用工单位" },
      { name: "王五", role: "当事人" },
    ]);
  });

  it("sends a reschedule with the new time and reason, and a blank place or host not at all", () => {
    expect(
      rescheduleBody({ startsAt: "2026-12-10T09:30", place: "  ", host: "", reason: "主持人公务冲突" }),
    ).toEqual({
      startsAt: "2026-12-10T09:30:00+08:00",
      reason: "主持人公务冲突",
    });
    expect(
      rescheduleBody({ startsAt: "2026-12-10T09:30", place: " 信访局 ", host: "局长", reason: "改期" }),
    ).toEqual({ startsAt: "2026-12-10T09:30:00+08:00", place: "信访局", host: "局长", reason: "改期" });
  });
});
