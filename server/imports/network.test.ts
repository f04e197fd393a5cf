import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fingerprint } from "../ops/test-support.ts";
import { sized } from "../test/depth.ts";
import { startTestApp, type TestContext } from "../test/harness.ts";
import { issueLine } from "./columns.ts";
import { ImportRefused, type ImportResult, runImport } from "./import.ts";
import { readTable } from "./read-table.ts";
import { buildTemplate } from "./templates.ts";
import { COUNTY, csv, NETWORK_HEADER, NETWORK_ROWS, setUpBureau, xlsx } from "./test-files.ts";

const NOW = new Date("2026-03-03T02:00:00Z");
const cli = { id: null, role: "cli", ip: null, operator: "test@host" };
const run = (t: TestContext, data: Buffer, name: string, apply = true, skipInvalid = false) =>
  runImport(t.db, data, name, {
    kind: "network",
    mode: "accounts",
    apply,
    skipInvalid,
    actor: cli,
    now: NOW,
  });

async function refused(t: TestContext, data: Buffer, name: string): Promise<ImportResult> {
  const before = await fingerprint(t.db);
  const err = await run(t, data, name).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ImportRefused);
  expect(await fingerprint(t.db)).toEqual(before);
  return (err as ImportRefused).result;
}

const units = async (t: TestContext) =>
  (
    await t.db.query<{ path: string; kind: string; name: string; region_code: string }>(
      "SELECT path, kind, name, region_code FROM org_units ORDER BY path",
    )
  ).rows;

describe("importing the org network", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("refuses before set-up: there is no county to hang the network on", async () => {
    const r = await refused(t, csv([NETWORK_HEADER, ...NETWORK_ROWS]), "network.csv");
    expect(r.issues[0]?.zh).toMatch(/setup/);
    await setUpBureau(t.db);
  });

  it("writes its template, which reads back with the right headers and no data rows", async () => {
    const table = await readTable(await buildTemplate("network", "xlsx"), "t.xlsx");
    expect(table.sheet).toBe("组织网络");
    expect(table.header).toEqual(NETWORK_HEADER);
    expect(table.rows).toEqual([]);
    const r = await refused(t, await buildTemplate("network", "xlsx"), "t.xlsx");
    expect(r.issues[0]?.zh).toMatch(/没有数据行/);
  });

  it("previews without writing, then imports townships, villages, groups and departments in any order", async () => {
    const file = csv([NETWORK_HEADER, ...NETWORK_ROWS]);
    const before = await fingerprint(t.db);
    const preview = await run(t, file, "network.csv", false);
    expect(preview.applied).toBe(false);
    expect(preview.summary).toMatchObject({ rows: 6, invalidRows: 0, created: 6, updated: 0, unchanged: 0 });
    expect(await fingerprint(t.db)).toEqual(before);
    const r = await run(t, file, "network.csv");
    expect(r.applied).toBe(true);
    expect(await units(t)).toEqual([
      { path: "c", kind: "county", name: "临江县", region_code: COUNTY },
      { path: "c.d1", kind: "department", name: "县人力资源和社会保障局", region_code: COUNTY },
      { path: "c.t001", kind: "township", name: "城关镇", region_code: `${COUNTY}001` },
      { path: "c.t001.d1", kind: "department", name: "城关镇司法所", region_code: `${COUNTY}001` },
      { path: "c.t001.v201", kind: "village", name: "东湖村", region_code: `${COUNTY}001201` },
      { path: "c.t001.v202", kind: "village", name: "西关村", region_code: `${COUNTY}001202` },
      { path: "c.t001.v202.g1", kind: "group", name: "西关村一组", region_code: `${COUNTY}001202` },
      { path: "c.xfj", kind: "bureau", name: "临江县信访局", region_code: COUNTY },
    ]);
    const audit = await t.db.query<{ actor_role: string; detail: { created: number; operator: string } }>(
      "SELECT actor_role, detail FROM audit_log WHERE action = 'import_network' ORDER BY id",
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({ actor_role: "cli", detail: { created: 6, operator: "test@host" } });
  });

  it("changes nothing when the same file comes again, as .xlsx too", async () => {
    const before = await units(t);
    const again = await run(t, await xlsx("组织网络", [NETWORK_HEADER, ...NETWORK_ROWS]), "network.xlsx");
    expect(again.summary).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
    expect(await units(t)).toEqual(before);
  });

  it("renames a unit whose row changed, matched by its region code", async () => {
    const rows = NETWORK_ROWS.map((r) => (r[0] === "东湖村" ? ["东湖社区", ...r.slice(1)] : r));
    const r = await run(t, csv([NETWORK_HEADER, ...rows]), "network.csv");
    expect(r.summary).toMatchObject({ created: 0, updated: 1, unchanged: 5 });
    expect((await units(t)).find((u) => u.path === "c.t001.v201")?.name).toBe("东湖社区");
  });

  it("lists every bad row by sheet, row and column in Chinese and writes nothing", async () => {
    const file = await xlsx("组织网络", [
      NETWORK_HEADER,
      ["河口乡", "乡镇", `${COUNTY}002`, ""],
      ["河口乡重复", "乡镇", `${COUNTY}002`, ""],
      ["孤村", "村（社区）", `${COUNTY}009201`, ""],
      ['=HYPERLINK("http://evil","点我")', "乡镇", `${COUNTY}003`, ""],
      [{ formula: "1+1", result: 2 }, "部门", COUNTY, ""],
      ["外县镇", "乡镇", "330128001", ""],
      ["临江县", "县", COUNTY, ""],
      ["某村", "村庄", `${COUNTY}002201`, ""],
      ["河口村", "村（社区）", `${COUNTY}002201`, "城关镇"],
      ["短码村", "村（社区）", "3301270", ""],
    ]);
    const r = await refused(t, file, "bad.xlsx");
    const lines = r.issues.map(issueLine);
    const at = (row: number) => lines.filter((l) => l.includes(`第${row}行`)).join("\n");
    expect(at(3)).toMatch(/「组织网络」工作表第3行「行政区划代码（C）」列：区划代码 330127002 与第2行重复/);
    expect(at(4)).toMatch(/找不到上级单位：区划代码 330127009 的乡镇既不在文件中，也不在系统中/);
    expect(at(5)).toMatch(/「单位名称（A）」列：不能以 = \+ - @ 开头/);
    expect(at(6)).toMatch(/公式/);
    expect(at(7)).toMatch(/以上级代码开头/);
    expect(at(8)).toMatch(/setup/);
    expect(at(9)).toMatch(/单位类型「村庄」无法识别/);
    expect(at(10)).toMatch(/上级单位「城关镇」与区划代码对应的「河口乡」不一致/);
    expect(at(11)).toMatch(/6、9或12位数字/);
    // Row 2 alone is right; nothing is written while the others are wrong.
    expect(r.summary.invalidRows).toBe(9);
  });

  it("with skip-invalid writes the good rows, never a child of a bad one", async () => {
    const file = csv([
      NETWORK_HEADER,
      ["石门镇", "乡镇", `${COUNTY}003`, ""],
      ["石门村", "村（社区）", `${COUNTY}003201`, ""],
      ["坏镇", "乡镇", "330199004", ""],
      ["坏镇下的村", "村（社区）", "330199004201", ""],
    ]);
    const r = await run(t, file, "skip.csv", true, true);
    expect(r.summary).toMatchObject({ created: 2, invalidRows: 2 });
    expect(
      (await units(t)).filter((u) => u.name.includes("石门") || u.name.includes("坏")).map((u) => u.name),
    ).toEqual(["石门镇", "石门村"]);
  });

  it("reads a CSV saved as GBK by Excel on Chinese Windows", async () => {
    const text = `${NETWORK_HEADER.join(",")}\r\n河口乡,乡镇,${COUNTY}002,\r\n`;
    const table = await readTable(gbkBytes(text), "gbk.csv");
    expect(table.header).toEqual(NETWORK_HEADER);
    expect(table.rows[0]?.cells[0]?.text).toBe("河口乡");
  });
});

/** GBK bytes of `text`, found by decoding every two-byte GBK code once (Node has no GBK encoder). */
function gbkBytes(text: string): Buffer {
  const dec = new TextDecoder("gb18030");
  const map = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([hi, lo]));
      if (!map.has(ch)) map.set(ch, [hi, lo]);
    }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else out.push(...(map.get(ch) ?? []));
  }
  return Buffer.from(out);
}

/** 100 townships of 99 villages (10,000 rows) in the deep run, 15 (1,500 rows) in `npm test`. */
const TOWNSHIPS = sized(100, 15);
const ROWS = TOWNSHIPS * 100;

describe("a large network file", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
    await setUpBureau(t.db);
  });
  afterAll(() => t.close());

  it(`is checked and imported in one go, and again changes nothing (${ROWS} rows)`, async () => {
    const rows: string[][] = [NETWORK_HEADER];
    for (let tw = 1; tw <= TOWNSHIPS; tw++) {
      const tc = `${COUNTY}${String(tw).padStart(3, "0")}`;
      rows.push([`第${tw}镇`, "乡镇", tc, ""]);
      for (let v = 1; v <= 99; v++)
        rows.push([`第${tw}镇第${v}村`, "村（社区）", `${tc}${String(200 + v)}`, ""]);
    }
    expect(rows.length - 1).toBe(ROWS);
    const file = await xlsx("组织网络", rows);
    const started = Date.now();
    const r = await run(t, file, "big.xlsx");
    expect(r.summary).toMatchObject({ rows: ROWS, created: ROWS, invalidRows: 0 });
    const again = await run(t, file, "big.xlsx");
    expect(again.summary).toMatchObject({ created: 0, updated: 0, unchanged: ROWS });
    expect((await t.db.query("SELECT 1 FROM org_units")).rows).toHaveLength(ROWS + 2);
    process.stdout.write(`${ROWS}-row network import twice: ${Date.now() - started} ms\n`);
  }, 180_000);
});

describe("the reviewing superior (复查机关) of imported units", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
    await setUpBureau(t.db);
  });
  afterAll(() => t.close());

  it("defaults to the county government, takes a named county unit or 系统外, and refuses an unknown one", async () => {
    await run(t, csv([NETWORK_HEADER, ...NETWORK_ROWS]), "network.csv");
    const reviewerOf = async (name: string) =>
      (
        await t.db.query<{ reviewer: string | null }>(
          `SELECT r.name AS reviewer FROM org_units u LEFT JOIN org_units r ON r.id = u.reviewing_unit_id
            WHERE u.name = $1`,
          [name],
        )
      ).rows[0]!.reviewer;
    const county = (await t.db.query<{ name: string }>("SELECT name FROM org_units WHERE kind = 'county'"))
      .rows[0]!.name;
    expect(await reviewerOf("城关镇")).toBe(county);
    expect(await reviewerOf("县人力资源和社会保障局")).toBe(county);
    expect(await reviewerOf("东湖村")).toBeNull();

    const bad = await refused(
      t,
      csv([NETWORK_HEADER, ["县公安局", "部门", COUNTY, "", "不存在的局"]]),
      "network.csv",
    );
    expect(bad.issues.map(issueLine).join("\n")).toMatch(/复查机关.*不存在的局/);
    expect(bad.issues[0]?.en).toMatch(/reviewing body/);

    await run(
      t,
      csv([
        NETWORK_HEADER,
        ["城关镇司法所", "部门", `${COUNTY}001`, "城关镇", "县人力资源和社会保障局"],
        ["县公安局", "部门", COUNTY, "", "系统外"],
        ["城关镇", "乡镇", `${COUNTY}001`, "", "县人民政府"],
      ]),
      "network.csv",
    );
    expect(await reviewerOf("城关镇司法所")).toBe("县人力资源和社会保障局");
    expect(await reviewerOf("县公安局")).toBeNull();
    expect(await reviewerOf("城关镇")).toBe(county);
  });
});
