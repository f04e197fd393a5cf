import { describe, expect, it } from "vitest";
import {
  adminScreensFor,
  GRANTABLE_ROLES,
  hasCaseEntries,
  landingPathFor,
  mayDecideReset,
  mayReadAudit,
  userActionsFor,
} from "./access.ts";
import type { AdminReset, AdminUser } from "./types.ts";

describe("administration menu entries", () => {
  it("gives the registrar and the unit staff none, nor an account without a role", () => {
    expect(adminScreensFor(["registrar"])).toEqual([]);
    expect(adminScreensFor(["unit_staff"])).toEqual([]);
    expect(adminScreensFor([])).toEqual([]);
  });

  it("gives the security administrator users and roles and the administrators' password resets, the system administrator no report templates", () => {
    expect(adminScreensFor(["security_admin"]).map((s) => s.path)).toEqual([
      "/admin/users",
      "/admin/imports",
      "/admin/admin-resets",
    ]);
    const sys = adminScreensFor(["system_admin"]).map((s) => s.path);
    expect(sys).toContain("/admin/org");
    expect(sys).toContain("/admin/admin-resets");
    expect(sys).not.toContain("/admin/report-templates");
  });

  it("gives the audit administrator only the administrators' password resets", () => {
    expect(adminScreensFor(["audit_admin"]).map((s) => s.path)).toEqual(["/admin/admin-resets"]);
  });

  it("gives the analyst the report templates and the bureau office the settings (routing catalogue)", () => {
    expect(adminScreensFor(["analyst"]).map((s) => s.path)).toEqual(["/admin/report-templates"]);
    expect(adminScreensFor(["bureau_office"]).map((s) => s.path)).toEqual([
      "/admin/report-templates",
      "/admin/settings",
    ]);
  });
});

describe("the audit administrator's console", () => {
  it("has the audit log, and nobody else has it", () => {
    expect(mayReadAudit(["audit_admin"])).toBe(true);
    for (const role of ["system_admin", "security_admin", "registrar", "bureau_leader"] as const) {
      expect(mayReadAudit([role]), role).toBe(false);
    }
  });

  it("opens on the audit log, with no case entries; everyone else opens on the to-dos", () => {
    expect(landingPathFor(["audit_admin"])).toBe("/audit");
    expect(hasCaseEntries(["audit_admin"])).toBe(false);
    expect(landingPathFor(["registrar"])).toBe("/");
    expect(hasCaseEntries(["system_admin"])).toBe(true);
  });
});

describe("the roles the security administrator may grant", () => {
  it("are the business roles, never an administrator's", () => {
    expect(GRANTABLE_ROLES).toContain("local_staff");
    expect(GRANTABLE_ROLES).toContain("registrar");
    expect(GRANTABLE_ROLES).not.toContain("system_admin");
    expect(GRANTABLE_ROLES).not.toContain("security_admin");
    expect(GRANTABLE_ROLES).not.toContain("audit_admin");
    expect(GRANTABLE_ROLES).toHaveLength(9);
  });
});

const account = (id: string, roles: AdminUser["roles"], isLocked = false): AdminUser => ({
  id,
  username: id,
  displayName: id,
  unitId: "unit",
  unitName: "信访局",
  roles,
  isActive: true,
  isLocked,
  phone: null,
  mustChangePassword: false,
});
const sys = { id: "sys", roles: ["system_admin"] as const };
const sec = { id: "sec", roles: ["security_admin"] as const };
const aud = { id: "aud", roles: ["audit_admin"] as const };

describe("the buttons of a row in the user list", () => {
  it("give the system administrator edit, disable and reset on a clerk, and the security administrator the roles", () => {
    const clerk = account("clerk", ["local_staff"], true);
    expect(userActionsFor(sys, clerk)).toEqual(["edit", "toggleActive", "unlock", "resetPassword"]);
    expect(userActionsFor(sec, clerk)).toEqual(["roles"]);
  });

  it("let the security administrator grant a role to an account that holds none", () => {
    expect(userActionsFor(sec, account("new", []))).toEqual(["roles"]);
  });

  it("give another administrator's row only the two-person reset request (and unlock to the system administrator)", () => {
    const auditor = account("aud", ["audit_admin"]);
    for (const viewer of [sys, sec]) expect(userActionsFor(viewer, auditor)).toEqual(["requestAdminReset"]);
    expect(userActionsFor(sys, account("sec", ["security_admin"], true))).toEqual([
      "unlock",
      "requestAdminReset",
    ]);
  });

  it("give nothing on one's own row", () => {
    expect(userActionsFor(sys, account("sys", ["system_admin"]))).toEqual([]);
    expect(userActionsFor(sec, account("sec", ["security_admin"]))).toEqual([]);
  });
});

describe("who decides a request to reset an administrator's password", () => {
  const request = (status: AdminReset["status"]): AdminReset => ({
    id: "r1",
    targetUserId: "aud",
    targetUsername: "auditadmin",
    requestedBy: "sys",
    requestedByUsername: "sysadmin",
    requestedAt: "2026-12-06T08:00:00Z",
    expiresAt: "2026-12-07T08:00:00Z",
    status,
    decidedByUsername: null,
    decidedAt: null,
  });

  it("is the third administrator, while the request is waiting", () => {
    expect(mayDecideReset(sec, request("pending"))).toBe(true);
    expect(mayDecideReset(sys, request("pending"))).toBe(false);
    expect(mayDecideReset(aud, request("pending"))).toBe(false);
  });

  it("is nobody once it is decided or expired, and never a business user", () => {
    for (const s of ["approved", "rejected", "expired"] as const)
      expect(mayDecideReset(sec, request(s))).toBe(false);
    expect(mayDecideReset({ id: "reg", roles: ["registrar"] }, request("pending"))).toBe(false);
  });
});
