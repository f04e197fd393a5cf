import { describe, expect, it } from "vitest";
import { ZAuditQuery } from "../../../../domain/schemas/admin.ts";
import {
  auditApiUrl,
  auditExportUrl,
  cleanActor,
  parseAuditState,
  toAuditSearchParams,
  withAuditFilters,
} from "./audit-query.ts";

const ID = "0b6f3c1e-2a4d-4b8e-9c1f-3d2e1a0b9c8d";

describe("the audit log's filters in the address bar", () => {
  it("reads every filter back the way it was written", () => {
    const query =
      "actor=reg&action=case_accept&objectType=case&caseNumber=990001-2026-0000001&from=2026-03-01&to=2026-03-02&outcome=failure&page=3&pageSize=100";
    const state = parseAuditState(new URLSearchParams(query));
    expect(toAuditSearchParams(state).toString()).toBe(query);
  });

  it("drops what the API would refuse, and orders the days", () => {
    const state = parseAuditState(
      new URLSearchParams(
        "actor=a b&action=DROP TABLE&objectType=Case!&from=2026-02-30&to=2026-03-01&outcome=maybe&page=0&pageSize=7",
      ),
    );
    expect(state).toEqual({ page: 1, pageSize: 50, to: "2026-03-01" });
    expect(parseAuditState(new URLSearchParams("from=2026-03-05&to=2026-03-01"))).toMatchObject({
      from: "2026-03-01",
      to: "2026-03-05",
    });
  });

  it("asks the API by user id or by user name, as typed", () => {
    expect(cleanActor(" REG ")).toBe("reg");
    expect(cleanActor(ID.toUpperCase())).toBe(ID);
    expect(auditApiUrl({ page: 1, pageSize: 50, actor: ID })).toBe(
      `/api/audit?actorId=${ID}&page=1&pageSize=50`,
    );
    expect(auditApiUrl({ page: 2, pageSize: 20, actor: "reg", action: "login" })).toBe(
      "/api/audit?actor=reg&action=login&page=2&pageSize=20",
    );
  });

  it("sends only what the API's own schema accepts", () => {
    const state = parseAuditState(
      new URLSearchParams(
        "actor=Reg&action=duty_roster24_create&from=2026-03-01&to=2026-03-01&outcome=success",
      ),
    );
    const url = new URL(auditApiUrl(state), "http://x");
    expect(ZAuditQuery.safeParse(Object.fromEntries(url.searchParams)).success).toBe(true);
  });

  it("exports the same filter without paging", () => {
    const state = { page: 4, pageSize: 20, action: "login", outcome: "failure" as const };
    expect(auditExportUrl(state, "xlsx")).toBe("/api/audit/export.xlsx?action=login&outcome=failure");
    expect(auditExportUrl({ page: 1, pageSize: 50 }, "jsonl")).toBe("/api/audit/export.jsonl");
  });

  it("starts again at page 1 on a new filter and forgets an emptied one", () => {
    const next = withAuditFilters(
      { page: 5, pageSize: 50, action: "login", actor: "reg" },
      { action: undefined },
    );
    expect(next).toEqual({ page: 1, pageSize: 50, actor: "reg" });
  });
});
