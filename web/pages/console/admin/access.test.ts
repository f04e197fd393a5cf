import { describe, expect, it } from "vitest";
import { adminScreensFor } from "./access.ts";

describe("administration menu entries", () => {
  it("gives the registrar and the unit staff none", () => {
    expect(adminScreensFor(["registrar"])).toEqual([]);
    expect(adminScreensFor(["unit_staff"])).toEqual([]);
  });

  it("gives the security administrator only users and roles, the system administrator no report templates", () => {
    expect(adminScreensFor(["security_admin"]).map((s) => s.path)).toEqual(["/admin/users"]);
    const sys = adminScreensFor(["system_admin"]).map((s) => s.path);
    expect(sys).toContain("/admin/org");
    expect(sys).not.toContain("/admin/report-templates");
  });

  it("gives the analyst the report templates and the bureau office the settings (routing catalogue)", () => {
    expect(adminScreensFor(["analyst"]).map((s) => s.path)).toEqual(["/admin/report-templates"]);
    expect(adminScreensFor(["bureau_office"]).map((s) => s.path)).toEqual([
      "/admin/report-templates",
      "/admin/settings",
    ]);
  });
});
