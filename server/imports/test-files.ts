/** Files for the import tests: CSV text, and .xlsx built cell by cell (formulas included). */
import ExcelJS from "exceljs";
import type { Db } from "../db/index.ts";
import { setupBureau } from "../setup/setup.ts";

export const COUNTY = "330127";

export async function setUpBureau(db: Db): Promise<void> {
  await setupBureau(
    db,
    {
      bureau: { name: "临江县信访局", regionCode: COUNTY },
      admins: {
        system: { username: "xtgly", name: "系统管理员", password: "Qz7#harbour-lamp" },
        security: { username: "aqgly", name: "安全管理员", password: "Wm4$ferry-orchid" },
        audit: { username: "sjgly", name: "审计管理员", password: "Tk9%quarry-mango" },
      },
    },
    new Date("2026-03-02T02:00:00Z"),
  );
}

export function csv(rows: string[][]): Buffer {
  return Buffer.from(
    rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\n"),
    "utf8",
  );
}

export async function xlsx(sheet: string, rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const NETWORK_HEADER = [
  "单位名称",
  "单位类型",
  "行政区划代码",
  "上级单位（可不填）",
  "复查机关（可不填）",
];
export const USERS_HEADER = [
  "用户名",
  "姓名",
  "所属单位",
  "单位区划代码",
  "角色（可不填）",
  "联系电话（可不填）",
];

/** A township, two villages (one listed before its township), a group and two departments. */
export const NETWORK_ROWS = [
  ["东湖村", "村（社区）", `${COUNTY}001201`, "城关镇"],
  ["城关镇", "乡镇", `${COUNTY}001`, ""],
  ["西关村", "村（社区）", `${COUNTY}001202`, ""],
  ["西关村一组", "村民小组", `${COUNTY}001202`, "西关村"],
  ["县人力资源和社会保障局", "部门", COUNTY, ""],
  ["城关镇司法所", "部门", `${COUNTY}001`, "城关镇"],
];
