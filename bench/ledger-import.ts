/**
 * `npm run bench:ledger`: a realistic historical ledger (信访台账) of 10,000, 20,000 and 50,000
 * rows as .xlsx, each imported with `--yes` into a fresh PostgreSQL database with the demo
 * network; prints rows/s, total seconds and the process's peak RSS, and checks that case_stats
 * equals its source afterwards. BENCH_LEDGER_SIZES=10000,50000 picks the sizes.
 */
import ExcelJS from "exceljs";
import { generateIdNumber } from "../domain/identity/id-card.ts";
import { generateKeyRing } from "../server/crypto/field-crypto.ts";
import { openPg } from "../server/db/index.ts";
import { migrate } from "../server/db/migrate.ts";
import { runImport } from "../server/imports/import.ts";
import { seedDemoNetwork } from "../server/seed/seed-demo.ts";
import { createDatabase, dropDatabase } from "./lib.ts";

const SIZES = (process.env.BENCH_LEDGER_SIZES ?? "10000,20000,50000").split(",").map(Number);
const SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗";
const GIVEN = ["建国", "秀英", "桂兰", "志强", "海燕", "红梅", "德明", "玉珍", "伟", "芳"];
const MATTERS = [
  ["劳资纠纷", "反映在某建筑工地务工被拖欠工资，多次讨要未果，请求协调发放"],
  ["征地拆迁", "反映村集体土地被征收，补偿标准过低，请求依法提高补偿"],
  ["城乡建设", "反映小区物业管理混乱，电梯长期失修，请求督促整改"],
  ["涉法涉诉", "对法院判决不服，认为认定事实不清，请求复查"],
  ["环境保护", "反映附近工厂夜间排放废气，气味刺鼻，请求查处"],
  ["民政", "反映低保资格被取消，家庭困难，请求重新审核"],
  ["噪声扰民", "反映广场舞音响声音过大影响休息"],
];
const TOWNS = ["城关镇", "河口乡", "石门镇", "", "城关镇"];
const UNITS = ["人社局", "自然资源局", "住建局", "生态环境局", "市场监管局", "县城管执法局"];
const CHANNELS = ["来访", "来信", "网上", "电话", "领导信箱"];

async function ledgerFile(n: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("2025年信访台账");
  ws.addRow([
    "序号",
    "来访日期",
    "姓名",
    "身份证号码",
    "联系电话",
    "家庭住址",
    "信访形式",
    "人数",
    "主要内容",
    "问题类别",
    "所属乡镇",
    "承办单位",
    "办结情况",
    "答复日期",
    "满意度",
    "信访编号",
  ]);
  for (let i = 1; i <= n; i++) {
    const day = new Date(Date.UTC(2025, 0, 1) + (i % 360) * 86_400_000);
    const closed = new Date(day.getTime() + (10 + (i % 50)) * 86_400_000);
    const [cat, text] = MATTERS[i % MATTERS.length]!;
    const person = i % 7000; // people petition more than once
    const id =
      person % 50 === 0
        ? "110105194912310021" // an invalid check digit: kept, flagged
        : generateIdNumber(
            "330127",
            `19${50 + (person % 45)}0${1 + (person % 9)}1${person % 10}`,
            String(person % 1000).padStart(3, "0"),
          );
    ws.addRow([
      i,
      i % 3 === 0 ? day : `${day.getUTCFullYear()}年${day.getUTCMonth() + 1}月${day.getUTCDate()}日`,
      SURNAMES[person % SURNAMES.length]! + GIVEN[person % GIVEN.length]!,
      id,
      `139${String(10000000 + person).slice(-8)}`,
      `${TOWNS[person % TOWNS.length] || "城关镇"}第${person % 20}村`,
      CHANNELS[i % CHANNELS.length],
      1 + (i % 9 === 0 ? 6 : 0),
      `${text}（台账第${i}条）`,
      cat,
      TOWNS[i % TOWNS.length],
      UNITS[i % UNITS.length],
      "已答复",
      closed.toISOString().slice(0, 10),
      ["满意", "基本满意", "不满意", ""][i % 4],
      `XF2025-${String(i).padStart(6, "0")}`,
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 50);

const results: string[] = [];
for (const n of SIZES) {
  const file = await ledgerFile(n);
  const name = `xf_bench_ledger_${n}`;
  const url = await createDatabase(name);
  const db = await openPg(url, 2);
  try {
    await migrate(db);
    await seedDemoNetwork(db);
    peak = process.memoryUsage().rss;
    const t0 = performance.now();
    let last = t0;
    const r = await runImport(db, file, "台账.xlsx", {
      kind: "ledger",
      mode: "accounts",
      apply: true,
      skipInvalid: false,
      actor: { id: null, role: "cli", ip: null },
      now: new Date(),
      keyRing: generateKeyRing(),
      ledger: { yes: true },
      onProgress: (done, total) => {
        if (performance.now() - last > 5000 || done === total) {
          last = performance.now();
          console.log(`  ${done}/${total} rows written, ${((last - t0) / 1000).toFixed(1)} s`);
        }
      },
    });
    const s = (performance.now() - t0) / 1000;
    const diff = (
      await db.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM (SELECT * FROM case_stats EXCEPT SELECT * FROM case_stats_source) a)::int
              + (SELECT count(*) FROM (SELECT * FROM case_stats_source EXCEPT SELECT * FROM case_stats) b)::int AS n`,
      )
    ).rows[0]!.n;
    const line = `${n.toLocaleString("en")} rows: ${s.toFixed(1)} s, ${Math.round(n / s).toLocaleString("en")} rows/s, imported ${r.summary.created}, peak RSS ${(peak / 2 ** 20).toFixed(0)} MB, case_stats differences ${diff}`;
    console.log(line);
    results.push(line);
  } finally {
    await db.close();
    await dropDatabase(name);
  }
}
clearInterval(sampler);
console.log("\nledger import on PostgreSQL (file read + check + encrypt + write, one transaction):");
for (const l of results) console.log(`  ${l}`);
