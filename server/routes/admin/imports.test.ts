import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TImportResult } from "../../../domain/schemas/import.ts";
import {
  COUNTY,
  csv,
  NETWORK_HEADER,
  NETWORK_ROWS,
  setUpBureau,
  USERS_HEADER,
} from "../../imports/test-files.ts";
import { fingerprint } from "../../ops/test-support.ts";
import { multipartBody } from "../../test/fuzz-arbitraries.ts";
import { login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

const BOUNDARY = "----xf-import-boundary";
const PASSWORDS = { xtgly: "Qz7#harbour-lamp", aqgly: "Wm4$ferry-orchid", sjgly: "Tk9%quarry-mango" };

function upload(
  t: TestContext,
  s: Session,
  kind: string,
  data: Buffer,
  name: string,
  query = "",
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: "POST",
    url: `/api/admin/imports/${kind}${query}`,
    headers: {
      cookie: s.cookie,
      "x-csrf-token": s.csrf,
      "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
    },
    payload: multipartBody(BOUNDARY, [{ name: "file", filename: name, contentType: "text/csv", data }]),
  });
}

describe("批量导入 in the console (三员分立)", () => {
  let t: TestContext;
  let sys: Session;
  let sec: Session;
  let aud: Session;
  beforeAll(async () => {
    t = await startTestApp();
    await setUpBureau(t.db);
    // The administrators chose their own passwords at the first login (tested in setup.test.ts).
    await t.db.query("UPDATE users SET must_change_password = false");
    sys = await login(t.app, "xtgly", PASSWORDS.xtgly);
    sec = await login(t.app, "aqgly", PASSWORDS.aqgly);
    aud = await login(t.app, "sjgly", PASSWORDS.sjgly);
  });
  afterAll(() => t.close());

  it("gives the templates to the system and security administrators only", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/api/admin/imports/templates/network",
      headers: { cookie: sys.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/spreadsheetml/);
    expect(res.rawPayload.subarray(0, 2).toString()).toBe("PK");
    const csvRes = await t.app.inject({
      method: "GET",
      url: "/api/admin/imports/templates/users?format=csv",
      headers: { cookie: sec.cookie },
    });
    expect(csvRes.body).toContain("用户名,姓名,所属单位");
    const refused = await t.app.inject({
      method: "GET",
      url: "/api/admin/imports/templates/users",
      headers: { cookie: aud.cookie },
    });
    expect(refused.statusCode).toBe(403);
  });

  it("previews the network with nothing written, then writes it on confirmation", async () => {
    const file = csv([NETWORK_HEADER, ...NETWORK_ROWS]);
    const before = await fingerprint(t.db);
    const preview = await upload(t, sys, "network", file, "组织网络.csv");
    expect(preview.statusCode).toBe(200);
    expect(preview.headers["cache-control"]).toBe("no-store");
    expect(preview.json<TImportResult>()).toMatchObject({ applied: false, summary: { created: 6 } });
    expect(await fingerprint(t.db)).toEqual(before);
    const applied = await upload(t, sys, "network", file, "组织网络.csv", "?apply=true");
    expect(applied.statusCode).toBe(200);
    expect(applied.json<TImportResult>()).toMatchObject({ applied: true, summary: { created: 6 } });
    const audit = await t.db.query<{ actor_id: string; actor_role: string }>(
      "SELECT actor_id, actor_role FROM audit_log WHERE action = 'import_network'",
    );
    expect(audit.rows).toEqual([{ actor_id: expect.any(String), actor_role: "system_admin" }]);
  });

  it("answers 422 with every problem and writes nothing for a bad file; a non-table file is 422 too", async () => {
    const before = await fingerprint(t.db);
    const bad = csv([NETWORK_HEADER, ["孤村", "村（社区）", `${COUNTY}009201`, ""]]);
    const res = await upload(t, sys, "network", bad, "bad.csv", "?apply=true");
    expect(res.statusCode).toBe(422);
    const body = res.json<{ error: { code: string; message: string; details: TImportResult } }>();
    expect(body.error.code).toBe("IMPORT_INVALID");
    expect(body.error.details.issues[0]).toMatchObject({ sheet: "CSV", row: 2, column: "行政区划代码（C）" });
    expect(body.error.details.issues[0]?.zh).toMatch(/找不到上级单位/);
    const pdf = await upload(t, sys, "network", Buffer.from("%PDF-1.4"), "a.pdf", "?apply=true");
    expect(pdf.statusCode).toBe(422);
    expect(pdf.json<{ error: { code: string } }>().error.code).toBe("IMPORT_FILE_UNREADABLE");
    const broken = await upload(
      t,
      sys,
      "network",
      Buffer.from("PK\u0003\u0004broken"),
      "x.xlsx",
      "?apply=true",
    );
    expect(broken.statusCode).toBe(422);
    expect(await fingerprint(t.db)).toEqual(before);
  });

  it("lets only the system administrator import the network", async () => {
    const file = csv([NETWORK_HEADER, ...NETWORK_ROWS]);
    for (const s of [sec, aud]) expect((await upload(t, s, "network", file, "n.csv")).statusCode).toBe(403);
    expect((await upload(t, aud, "users", file, "n.csv")).statusCode).toBe(403);
  });

  it("creates accounts without roles for the system administrator, and the security administrator grants them", async () => {
    const file = csv([
      USERS_HEADER,
      ["zhangsan", "张三", "县人力资源和社会保障局", COUNTY, "承办人员"],
      ["lisi", "李四", "城关镇", `${COUNTY}001`, "乡村信访工作人员"],
    ]);
    const early = await upload(t, sec, "users", file, "users.csv", "?apply=true");
    expect(early.statusCode).toBe(422);
    expect(early.json<{ error: { details: TImportResult } }>().error.details.issues[0]?.zh).toMatch(
      /账户不存在/,
    );

    const created = await upload(t, sys, "users", file, "users.csv", "?apply=true");
    expect(created.statusCode).toBe(200);
    const r = created.json<TImportResult>();
    expect(r).toMatchObject({ mode: "accounts", summary: { created: 2, roles: 2 } });
    expect(r.passwords).toHaveLength(2);
    const roles = async () =>
      (
        await t.db.query<{ username: string; roles: string[] }>(
          "SELECT username, roles FROM users WHERE username IN ('zhangsan', 'lisi') ORDER BY username",
        )
      ).rows;
    expect(await roles()).toEqual([
      { username: "lisi", roles: [] },
      { username: "zhangsan", roles: [] },
    ]);

    const granted = await upload(t, sec, "users", file, "users.csv", "?apply=true");
    expect(granted.statusCode).toBe(200);
    expect(granted.json<TImportResult>()).toMatchObject({
      mode: "roles",
      summary: { roles: 2 },
      passwords: [],
    });
    expect(await roles()).toEqual([
      { username: "lisi", roles: ["local_staff"] },
      { username: "zhangsan", roles: ["unit_staff"] },
    ]);
    const audit = await t.db.query<{ actor_role: string; detail: { mode: string } }>(
      "SELECT actor_role, detail FROM audit_log WHERE action = 'import_users' ORDER BY id",
    );
    expect(audit.rows.map((a) => [a.actor_role, a.detail.mode])).toEqual([
      ["system_admin", "accounts"],
      ["security_admin", "roles"],
    ]);
  });

  it("refuses for both administrators a file that tries to make an administrator", async () => {
    const before = await fingerprint(t.db);
    const file = csv([USERS_HEADER, ["mole", "内鬼", "临江县信访局", COUNTY, "审计管理员"]]);
    for (const s of [sys, sec]) {
      const res = await upload(t, s, "users", file, "users.csv", "?apply=true&skipInvalid=true");
      // Skipping the bad row leaves nothing to write; the row is reported and no account is made.
      expect(res.statusCode).toBe(200);
      const r = res.json<TImportResult>();
      expect(r.issues.map((i) => i.zh).join()).toMatch(/管理员角色，不能通过导入授予/);
      expect(r.summary.created).toBe(0);
    }
    expect((await t.db.query("SELECT 1 FROM users WHERE username = 'mole'")).rows).toEqual([]);
    expect((await fingerprint(t.db)).users).toEqual(before.users);
  });
});
