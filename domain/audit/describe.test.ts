import { describe, expect, it } from "vitest";
import { auditFieldsText, describeAuditDetail } from "./describe.ts";
import { actorRoleText } from "./labels.ts";
import { auditOutcome } from "./outcome.ts";

const names = { status: (c: string) => `<${c}>`, channel: (c: string) => `[${c}]` };
const zh = (action: string, detail: Record<string, unknown>) =>
  auditFieldsText(describeAuditDetail(action, detail).fields, "zh", names);

describe("an audit row's detail as people read it", () => {
  it("names each field and each coded value, in the catalogue's order", () => {
    expect(zh("case_accept", { to: "accepted", from: "registered", caseNumber: "990001-2026-0000001" })).toBe(
      "信访编号：990001-2026-0000001；变更前：<registered>；变更后：<accepted>",
    );
    expect(zh("login_failed", { reason: "unknown_user", username: "nobody" })).toBe(
      "用户名：nobody；原因：用户名不存在",
    );
    expect(zh("case_register", { channel: "visit" })).toBe("信访渠道：[visit]");
    // A user name that happens to be a role's code stays the user name.
    expect(zh("login", { username: "registrar" })).toBe("用户名：registrar");
    expect(zh("settings_approval_chain", { to: { urgent: ["bureau_leader"] } })).toBe(
      "变更后：（急案：信访局领导）",
    );
  });

  it("reads roles, yes/no, lists, times and nested fields", () => {
    expect(zh("admin_user_roles", { from: [], to: ["registrar", "bureau_office"] })).toBe(
      "变更前：—；变更后：登记员、信访局办公室",
    );
    expect(zh("case_confidentiality", { from: false, to: true, reason: "涉及举报人" })).toBe(
      "变更前：否；变更后：是；原因：涉及举报人",
    );
    expect(zh("retention_anonymise", { cutoff: "2021-03-01T16:00:00.000Z", dryRun: false })).toBe(
      "截止时间：2021-03-02 00:00:00；仅试运行：否",
    );
    expect(
      zh("admin_user_update", { from: { unitId: "u1", displayName: "甲" }, to: { displayName: "乙" } }),
    ).toBe("变更前：（单位：u1；姓名：甲）；变更后：（姓名：乙）");
    expect(zh("audit_read", { filter: { action: "case_accept", page: 1 } })).toBe(
      "筛选条件：（操作：受理；页码：1）",
    );
  });

  it("names bureau and warning states by the action that changed them", () => {
    expect(zh("supervision_accept", { from: "replied", to: "closed" })).toBe(
      "变更前：已回复；变更后：已办结",
    );
    expect(zh("warning_closed", { from: "acknowledged", reason: "已处置" })).toBe(
      "变更前：已确认；原因：已处置",
    );
    expect(zh("dispute_resolve", { from: "open" })).toBe("变更前：未化解");
  });

  it("leaves unknown keys, and values with keys of their own, to the raw record", () => {
    const view = describeAuditDetail("warning_updated", {
      kind: "spike",
      figures: { weekCount: 9 },
      addedCases: ["c1"],
    });
    expect(auditFieldsText(view.fields, "zh", names)).toBe("类别：案件量异常上升；新增证据案件：c1");
    expect(view.raw).toEqual({ figures: { weekCount: 9 } });
    const settings = describeAuditDetail("settings_warnings", {
      from: { spikeMinCount: 5 },
      to: { spikeMinCount: 6 },
    });
    expect(auditFieldsText(settings.fields, "zh", names)).toBe(
      "变更前：（见原始记录）；变更后：（见原始记录）",
    );
    expect(settings.raw).toEqual({ from: { spikeMinCount: 5 }, to: { spikeMinCount: 6 } });
    expect(describeAuditDetail("login", { username: "reg" }).raw).toBeNull();
  });

  it("has English for the same", () => {
    const view = describeAuditDetail("login_failed", {
      reason: "unknown_user",
      username: "nobody",
      failures: 2,
    });
    expect(auditFieldsText(view.fields, "en", names)).toBe(
      "User name: nobody; Reason: No such user; Failures in a row: 2",
    );
  });
});

describe("who acted and how it went", () => {
  it("names one or more roles, or the kind of actor", () => {
    expect(actorRoleText("registrar,bureau_office", "zh")).toBe("登记员、信访局办公室");
    expect(actorRoleText("public", "zh")).toBe("信访人（公众）");
    expect(actorRoleText("cli", "en")).toBe("Operations command line");
    expect(actorRoleText(null, "zh")).toBe("");
  });

  it("gives an outcome to sign-ins and verifications only", () => {
    expect(auditOutcome("login", {})).toBe("success");
    expect(auditOutcome("account_locked", {})).toBe("failure");
    expect(auditOutcome("audit_verify", { ok: false })).toBe("failure");
    expect(auditOutcome("audit_verify", { ok: true })).toBe("success");
    expect(auditOutcome("case_accept", { ok: true })).toBeNull();
    expect(auditOutcome("login_totp_required", {})).toBeNull();
  });
});
