import { describe, expect, it } from "vitest";
import type { PublicStatus } from "../../../api/types.ts";
import { citizenEvents, nextDateNotice } from "./citizen-view.ts";

const base: PublicStatus = {
  caseNumber: "XF2026-000001",
  title: "t",
  status: "handling",
  receivedAt: "2026-03-02T02:00:00.000Z",
  reply: null,
  rating: null,
  canEvaluate: false,
  review: null,
  canRequestReview: false,
  canRequestReexam: false,
  provisional: false,
  events: [],
  documents: [],
  appeal: null,
};
const reply = {
  opinion: "support" as const,
  text: "答复",
  legalBasis: "条例",
  repliedAt: "2026-03-10T02:00:00.000Z",
  reviewRequestUntil: "2026-04-09",
  answeredBy: "示范县人力资源和社会保障局",
  reviewBody: "示范县人民政府",
  reviewDays: 30,
};

describe("what the portal tells the citizen", () => {
  it("says an answer is coming while the case is open and unanswered", () => {
    expect(nextDateNotice(base)).toEqual({ key: "waitForAnswer" });
  });

  it("gives the last day to ask for review once answered, while the window is open", () => {
    expect(nextDateNotice({ ...base, status: "replied", reply, canRequestReview: true })).toEqual({
      key: "reviewWindow",
      date: "2026-04-09",
      body: "示范县人民政府",
      days: "30",
    });
    expect(nextDateNotice({ ...base, status: "replied", reply, canRequestReview: false })).toBeNull();
  });

  it("gives the reexamination window after a review", () => {
    const review = {
      opinion: "uphold" as const,
      text: "维持",
      reviewedAt: "2026-05-01T00:00:00Z",
      reexamRequestUntil: "2026-05-31",
      reexamBody: "上一级人民政府",
      reexamDays: 30,
    };
    expect(nextDateNotice({ ...base, status: "reviewed", reply, review, canRequestReexam: true })).toEqual({
      key: "reexamWindow",
      date: "2026-05-31",
      body: "上一级人民政府",
      days: "30",
    });
  });

  it("says where a request went that left the county's system, and when", () => {
    expect(
      nextDateNotice({
        ...base,
        status: "closed",
        reply,
        appeal: { body: "上一级人民政府", referredAt: "2026-04-03T02:00:00.000Z" },
      }),
    ).toEqual({ key: "appealReferred", date: "2026-04-03", body: "上一级人民政府" });
  });

  it("says nothing is pending for a declined case", () => {
    expect(nextDateNotice({ ...base, status: "declined" })).toBeNull();
  });

  it("shows a chain of signatures as one approval", () => {
    const events = ["register", "accept", "draft_opinion", "sign", "sign", "assign"].map((action, i) => ({
      at: `2026-03-0${i + 1}T00:00:00Z`,
      action,
      toStatus: null,
    }));
    expect(citizenEvents({ ...base, events }).map((e) => e.action)).toEqual([
      "register",
      "accept",
      "draft_opinion",
      "sign",
      "assign",
    ]);
  });

  it("keeps the bureau's bookkeeping on an accusation from the accuser", () => {
    const events = [
      "register",
      "accused_unit_set",
      "confidentiality_lifted",
      "confidentiality_set",
      "accept",
    ].map((action, i) => ({ at: `2026-03-0${i + 1}T00:00:00Z`, action, toStatus: "registered" }));
    expect(citizenEvents({ ...base, events }).map((e) => e.action)).toEqual(["register", "accept"]);
  });
});
