/**
 * `npm run bench:ledger`: a realistic historical ledger (信访台账) of 10,000, 20,000 and 50,000
 * rows as .xlsx (written by exceljs's streaming writer, shared strings as Excel writes them), each
 * imported by `xinfang import ledger FILE --yes` (importCommand: mapping step, the import, the
 * report file) into a fresh PostgreSQL database with the demo network, each size in a process of
 * its own so its peak RSS is its own; prints rows/s, total seconds, the RSS before the import and
 * the process's peak RSS (getrusage), and checks that case_stats equals its source afterwards.
 * BENCH_LEDGER_SIZES=10000,50000 picks the sizes.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { generateIdNumber } from "../domain/identity/id-card.ts";
import { generateKeyRing } from "../server/crypto/field-crypto.ts";
import { openPg } from "../server/db/index.ts";
import { migrate } from "../server/db/migrate.ts";
import { importCommand } from "../server/imports/import-command.ts";
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

async function writeLedgerFile(n: number, file: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: true,
    useStyles: true,
  });
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
  ]).commit();
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
    const row = ws.addRow([
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
    if (i % 3 === 0) row.getCell(2).numFmt = "yyyy-mm-dd";
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

const MB = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

/** One size, in this process: the import as the CLI runs it; prints one JSON line. */
async function measure(n: number, file: string): Promise<void> {
  const name = `xf_bench_ledger_${n}_${process.pid}`;
  const url = await createDatabase(name);
  const db = await openPg(url, 2);
  const report = `${file}.report.xlsx`;
  try {
    await migrate(db);
    await seedDemoNetwork(db);
    const before = process.memoryUsage().rss;
    let sampled = before;
    const sampler = setInterval(() => {
      sampled = Math.max(sampled, process.memoryUsage().rss);
    }, 50);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let last = t0;
    let importedAt = 0;
    const lines: string[] = [];
    const code = await importCommand(
      db,
      "ledger",
      file,
      {
        dryRun: false,
        skipInvalid: false,
        grantRoles: false,
        passwords: undefined,
        yes: true,
        keyRing: generateKeyRing(),
        report,
      },
      {
        log: (l) => void lines.push(l),
        progress: (line, final) => {
          if (final) importedAt = performance.now();
          if (performance.now() - last > 5000 || final) {
            last = performance.now();
            console.error(`  ${n}: ${line}`);
          }
        },
      },
    );
    const s = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(sampler);
    if (code !== 0) throw new Error(lines.join("\n"));
    const imported = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE is_imported"))
      .rows[0]!.n;
    const diff = (
      await db.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM (SELECT * FROM case_stats EXCEPT SELECT * FROM case_stats_source) a)::int
              + (SELECT count(*) FROM (SELECT * FROM case_stats_source EXCEPT SELECT * FROM case_stats) b)::int AS n`,
      )
    ).rows[0]!.n;
    const peak = Math.max(sampled, process.resourceUsage().maxRSS * 1024);
    console.log(
      JSON.stringify({
        n,
        s,
        rows: (importedAt - t0) / 1000,
        cpu: (cpu.user + cpu.system) / 1e6,
        imported,
        before,
        peak,
        diff,
      }),
    );
  } finally {
    fs.rmSync(report, { force: true });
    await db.close();
    await dropDatabase(name);
  }
}

const child = process.env.BENCH_LEDGER_CHILD;
if (child) {
  await measure(Number(child), process.env.BENCH_LEDGER_FILE!);
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xf-bench-ledger-"));
  const results: string[] = [];
  try {
    for (const n of SIZES) {
      const file = path.join(dir, `台账-${n}.xlsx`);
      await writeLedgerFile(n, file);
      console.log(
        `${n.toLocaleString("en")} rows: ${MB(fs.statSync(file).size)} MB .xlsx; importing in a fresh process`,
      );
      const run = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
        env: { ...process.env, BENCH_LEDGER_CHILD: String(n), BENCH_LEDGER_FILE: file },
        stdio: ["ignore", "pipe", "inherit"],
        encoding: "utf8",
      });
      if (run.status !== 0) throw new Error(`the ${n}-row run failed:\n${run.stdout}`);
      const r = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as {
        n: number;
        s: number;
        rows: number;
        cpu: number;
        imported: number;
        before: number;
        peak: number;
        diff: number;
      };
      const line = `${n.toLocaleString("en")} rows: ${r.s.toFixed(1)} s (rows done at ${r.rows.toFixed(1)} s, then commit and report), ${Math.round(n / r.s).toLocaleString("en")} rows/s, Node CPU ${r.cpu.toFixed(1)} s, imported ${r.imported}, RSS before ${MB(r.before)} MB, peak RSS ${MB(r.peak)} MB, case_stats differences ${r.diff}`;
      console.log(line);
      results.push(line);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    "\nledger import on PostgreSQL (xinfang import ledger --yes: read + check + encrypt + write in one transaction + report):",
  );
  for (const l of results) console.log(`  ${l}`);
}
