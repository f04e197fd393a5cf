/**
 * The files to fill in: a data sheet with the headers (region codes as text, so Excel keeps their
 * leading zeros) and a 说明 sheet with the rules and examples (never on the data sheet, so an
 * example left in is never imported).
 */
import ExcelJS from "exceljs";
import { ROLE_LABELS } from "../../domain/auth/role-labels.ts";
import { ADMIN_ROLES, ROLES } from "../../domain/auth/roles.ts";
import type { ImportKind } from "./import.ts";
import { LEDGER_FIELDS } from "./ledger-columns.ts";
import { NETWORK_COLUMNS } from "./network.ts";
import { USER_COLUMNS } from "./users.ts";

const LEDGER_NOTES = [
  ["列", "说明"],
  ...LEDGER_FIELDS.map((f) => [
    f.zh,
    `${f.required ? "必填。" : "可不填。"}也可用列名：${f.headers.filter((h) => h !== f.zh).join("、") || "—"}`,
  ]),
  ["", ""],
  ["日期", "2024-03-05、2024/3/5、2024.3.5、2024年3月5日 或 Excel 日期均可"],
  ["信访形式", "来信、来访、网上（网信）、电话（来电）、领导信箱、转交；空为来信"],
  [
    "问题类别、责任单位",
    "按名称与系统中的类别、单位对应；对应不上的在导入时选择（或 --yes：类别记为其他，单位不指定）",
  ],
  ["身份证号", "按 GB 11643 校验；未通过的照样保存（加密），在报告中标记"],
  [
    "规则",
    "导入的信访件为已办结的历史件，保留原编号和台账中的日期、结果、满意度，不计时、不产生待办、不发通知；同一文件再次导入不会重复（按原编号，无原编号时按内容）",
  ],
];

const SHEETS: Record<ImportKind, { sheet: string; headers: string[]; notes: string[][] }> = {
  network: {
    sheet: "组织网络",
    headers: NETWORK_COLUMNS.map((c) => `${c.headers[0]}${c.required ? "" : "（可不填）"}`),
    notes: [
      ["列", "说明"],
      ["单位名称", "乡镇、村（社区）、村民小组或部门的名称，不超过100字"],
      ["单位类型", "乡镇 / 村（社区） / 村民小组 / 部门（县和信访局由 setup 建立，不导入）"],
      [
        "行政区划代码",
        "GB/T 2260：乡镇9位、村（社区）12位，均以上级代码开头；村民小组填所在村的12位代码；部门填所在县（6位）或乡镇（9位）的代码",
      ],
      ["上级单位", "可不填：上级由区划代码确定；填写时须与之一致，用于核对"],
      [
        "复查机关",
        "可不填：部门、乡镇默认由县人民政府复查；可填县人民政府、系统中已有的县直单位名称，或“系统外”（复查机关不在本县系统内，申请转交）",
      ],
      ["", ""],
      ["示例（勿填入数据表）", ""],
      ["城关镇 | 乡镇 | 330127001", ""],
      ["西关村 | 村（社区） | 330127001201 | 城关镇", ""],
      ["西关村一组 | 村民小组 | 330127001201 | 西关村", ""],
      ["县人力资源和社会保障局 | 部门 | 330127", ""],
      ["", ""],
      [
        "规则",
        "先检查全部行；有任何错误则不写入（或 --skip-invalid 只写入正确的行）。再次导入同一文件不会改变任何数据；乡镇、村按区划代码匹配，改名即更新名称；部门、小组按上级和名称匹配",
      ],
    ],
  },
  ledger: {
    sheet: "信访台账",
    headers: LEDGER_FIELDS.map((f) => `${f.zh}${f.required ? "" : "（可不填）"}`),
    notes: LEDGER_NOTES,
  },
  users: {
    sheet: "用户",
    headers: USER_COLUMNS.map((c) => `${c.headers[0]}${c.required ? "" : "（可不填）"}`),
    notes: [
      ["列", "说明"],
      ["用户名", "3–40位小写字母、数字或 _ . -，登录用；按用户名匹配已有账户"],
      ["姓名", "不超过50字"],
      ["所属单位", "单位名称，须已在组织网络中（先导入组织网络）"],
      ["单位区划代码", "所属单位的行政区划代码，与单位名称一起确定单位"],
      [
        "角色",
        `可不填；多个用顿号分隔：${ROLES.filter((r) => !ADMIN_ROLES.includes(r))
          .map((r) => ROLE_LABELS[r].zh)
          .join("、")}`,
      ],
      [
        "联系电话",
        "可不填：手机号（11位）或带区号的座机（如0571-88886666）；仅管理员和值班表可见；留空则不改变已有电话",
      ],
      ["", ""],
      [
        "三员分立",
        "不能导入管理员角色，也不能修改管理员账户。系统管理员导入时只建立或修改账户（新账户无角色）；安全管理员导入同一文件时只授予文件中的业务角色；在服务器上用 --grant-roles 则两者一起",
      ],
      [
        "初始密码",
        "新账户的初始密码由系统随机生成，导入后只显示一次（命令行写入单独的文件）；用户首次登录须修改",
      ],
      ["", ""],
      ["示例（勿填入数据表）", ""],
      ["zhangsan | 张三 | 县人力资源和社会保障局 | 330127 | 承办人员", ""],
      ["lisi | 李四 | 城关镇 | 330127001 | 乡村信访工作人员", ""],
    ],
  },
};

/** The template as .xlsx, or as a CSV header line (UTF-8 with BOM, as Excel reads it) for `.csv`. */
export async function buildTemplate(kind: ImportKind, format: "xlsx" | "csv"): Promise<Buffer> {
  const t = SHEETS[kind];
  if (format === "csv") return Buffer.from(`\uFEFF${t.headers.join(",")}\r\n`, "utf8");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t.sheet);
  ws.addRow(t.headers).font = { bold: true };
  ws.columns.forEach((col, i) => {
    col.width = i === 0 ? 28 : 20;
    // Region codes and user names stay text: leading zeros and long digit strings survive Excel.
    col.numFmt = "@";
  });
  ws.views = [{ state: "frozen", ySplit: 1 }];
  const notes = wb.addWorksheet("说明");
  for (const line of t.notes) notes.addRow(line);
  notes.getColumn(1).width = 48;
  notes.getColumn(2).width = 100;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
