/**
 * `xinfang template network|users [FILE]` and `xinfang import network|users FILE [--dry-run]
 * [--skip-invalid] [--grant-roles] [--passwords FILE]` at the server's console.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { KeyRing } from "../crypto/field-crypto.ts";
import type { Db } from "../db/index.ts";
import { issueLine } from "./columns.ts";
import {
  IMPORT_KINDS,
  type ImportKind,
  ImportRefused,
  type ImportResult,
  previewLedgerMapping,
  runImport,
} from "./import.ts";
import { LEDGER_FIELDS } from "./ledger-columns.ts";
import { writeLedgerReport } from "./ledger-report.ts";
import { TableError } from "./read-table.ts";
import { buildTemplate } from "./templates.ts";

export interface ImportIo {
  log(line: string): void;
  /** Ledger: asks the operator to confirm the column mapping (a terminal); absent: not asked. */
  confirm?(question: string): Promise<boolean>;
  /** Ledger: progress while writing (a bar on a terminal, plain lines otherwise). */
  progress?(line: string, final: boolean): void;
}

function progressLine(done: number, total: number, started: number): string {
  const s = (performance.now() - started) / 1000;
  const rate = s > 0 ? done / s : 0;
  const left = rate > 0 ? (total - done) / rate : 0;
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : width;
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} 行 ${Math.round(rate)} 行/秒 剩余约 ${Math.ceil(left)} 秒 / rows, rows/s, s left`;
}

export class ImportUsageError extends Error {}

export const TEMPLATE_NAMES: Record<ImportKind, string> = {
  network: "组织网络",
  users: "用户",
  ledger: "信访台账",
};

export function importKind(value: string | undefined): ImportKind {
  if (!IMPORT_KINDS.includes(value as ImportKind))
    throw new ImportUsageError(`the kind is one of: ${IMPORT_KINDS.join(", ")}`);
  return value as ImportKind;
}

export async function templateCommand(
  kind: ImportKind,
  file: string | undefined,
  io: ImportIo,
): Promise<number> {
  const target = file ?? `${TEMPLATE_NAMES[kind]}导入模板.xlsx`;
  if (fs.existsSync(target)) {
    io.log(`${target} 已存在，不覆盖 / already exists, not overwritten`);
    return 1;
  }
  const data = await buildTemplate(kind, target.toLowerCase().endsWith(".csv") ? "csv" : "xlsx");
  fs.writeFileSync(target, data, { flag: "wx" });
  io.log(
    `模板已写入 / template written: ${target}（填写第一个工作表，说明见「说明」工作表 / fill in the first sheet; notes on the second）`,
  );
  return 0;
}

function operator(): string {
  try {
    return `${os.userInfo().username}@${os.hostname()}`;
  } catch {
    return `?@${os.hostname()}`;
  }
}

const ACTION_ZH = { create: "新增", update: "修改", roles: "角色" } as const;

function report(r: ImportResult, io: ImportIo): void {
  const s = r.summary;
  if (r.ledger) {
    const l = r.ledger;
    io.log(
      `${r.file.name}：${s.rows} 行；${r.applied ? "导入" : "将导入"} ${s.created}，已存在 ${s.unchanged}，有错误 ${s.invalidRows}；身份证号未通过校验 ${l.unverifiedIds}（已保留并标记） / ${s.rows} rows; ${s.created} ${r.applied ? "imported" : "to import"}, ${s.unchanged} already there, ${s.invalidRows} with problems; ${l.unverifiedIds} ID numbers failing GB 11643 (kept, flagged)`,
    );
    if (l.defaultedCategories.length)
      io.log(`  记为“其他”的问题类别 / categories recorded as 其他: ${l.defaultedCategories.join("、")}`);
    if (l.defaultedUnits.length)
      io.log(`  未指定的责任单位 / units left unassigned: ${l.defaultedUnits.join("、")}`);
    for (const i of r.issues.slice(0, 200)) io.log(`  ✗ ${issueLine(i)}`);
    if (r.issues.length > 200) io.log(`  … 另有 ${r.issues.length - 200} 个问题 / more problems`);
    return;
  }
  const shown = r.issues.slice(0, 200);
  for (const i of shown) io.log(`  ✗ ${issueLine(i)}`);
  if (r.issues.length > shown.length)
    io.log(`  … 另有 ${r.issues.length - shown.length} 个问题 / more problems`);
  for (const c of r.changes.slice(0, r.applied ? 0 : 50))
    io.log(`  第${c.row}行 ${ACTION_ZH[c.action]} ${c.key} ${c.detail}`);
  if (!r.applied && r.changes.length > 50) io.log(`  … 另有 ${r.changes.length - 50} 项 / more`);
  io.log(
    `${r.file.name}（${r.file.sheet}）：${s.rows} 行，错误 ${s.invalidRows} 行；新增 ${s.created}，修改 ${s.updated}，角色 ${s.roles}，不变 ${s.unchanged} / ${s.rows} rows, ${s.invalidRows} with problems; ${s.created} new, ${s.updated} changed, ${s.roles} role changes, ${s.unchanged} unchanged`,
  );
}

export async function importCommand(
  db: Db,
  kind: ImportKind,
  file: string,
  o: {
    dryRun: boolean;
    skipInvalid: boolean;
    grantRoles: boolean;
    passwords: string | undefined;
    yes?: boolean;
    report?: string;
    keyRing?: KeyRing;
  },
  io: ImportIo,
): Promise<number> {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch (err) {
    io.log(`无法读取 / cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  const passwordsFile =
    o.passwords ?? `initial-passwords-${new Date().toISOString().replace(/[-:]/g, "").slice(0, 15)}.csv`;
  if (kind === "users" && !o.dryRun && fs.existsSync(passwordsFile)) {
    io.log(`${passwordsFile} 已存在，不覆盖 / already exists, not overwritten: choose --passwords FILE`);
    return 1;
  }
  const reportFile =
    o.report ?? path.join(path.dirname(file), `${path.basename(file).replace(/\.[^.]+$/, "")}.导入报告.xlsx`);
  const writeReport = async (r: ImportResult) => {
    if (kind !== "ledger") return;
    try {
      await writeLedgerReport(r, fs.createWriteStream(reportFile, { mode: 0o600 }));
      io.log(`导入报告已写入 / report written: ${reportFile}`);
    } catch (err) {
      io.log(
        `无法写入报告 / cannot write the report ${reportFile}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  };
  const base = {
    kind,
    mode: o.grantRoles ? ("all" as const) : ("accounts" as const),
    skipInvalid: o.skipInvalid,
    actor: { id: null, role: "cli", ip: null, operator: operator() },
    keyRing: o.keyRing,
  };
  try {
    let ledger = { yes: o.yes === true } as NonNullable<Parameters<typeof runImport>[3]["ledger"]>;
    if (kind === "ledger") {
      // The mapping step reads the header only; the import itself reads the file once, as a stream.
      const preview = await previewLedgerMapping(db, data, path.basename(file), ledger, 0);
      const info = preview.info;
      io.log(
        `列的对应关系（${{ given: "指定", remembered: "上次确认", automatic: "自动" }[info.mappingSource]}）/ column mapping (${info.mappingSource}):`,
      );
      for (const f of LEDGER_FIELDS)
        io.log(`  ${f.zh}${f.required ? "*" : ""} ← ${info.mapping[f.key] ?? "（无 / none）"}`);
      if (!o.dryRun && !o.yes && info.mappingSource === "automatic" && io.confirm) {
        if (!(await io.confirm("按此对应关系导入？/ import with this mapping? [y/N] "))) {
          io.log(
            "未导入；可在控制台「批量导入」中修改对应关系 / not imported: change the mapping in the console's 批量导入",
          );
          return 1;
        }
        ledger = { yes: false, mapping: info.mapping };
      }
    }
    const started = performance.now();
    const r = await runImport(db, data, path.basename(file), {
      ...base,
      apply: !o.dryRun,
      now: new Date(),
      ledger,
      onProgress:
        kind === "ledger" && io.progress
          ? (done, total) => io.progress!(progressLine(done, total, started), done === total)
          : undefined,
    });
    report(r, io);
    await writeReport(r);
    if (!r.applied) {
      io.log(
        r.issues.length
          ? "试运行：有错误，改正后再导入（或 --skip-invalid 只导入正确的行） / dry run: fix the problems (or --skip-invalid)"
          : "试运行：未写入任何数据 / dry run: nothing written",
      );
      return r.issues.length ? 1 : 0;
    }
    if (r.issues.length) io.log("已跳过有错误的行 / the rows with problems were skipped");
    if (r.passwords.length) {
      const lines = [
        "用户名,姓名,初始密码",
        ...r.passwords.map((p) => `${p.username},${p.displayName},${p.password}`),
      ];
      fs.writeFileSync(passwordsFile, `\uFEFF${lines.join("\r\n")}\r\n`, { flag: "wx", mode: 0o600 });
      io.log(
        `新账户的初始密码已写入 ${passwordsFile}（仅本账户可读）：分发后请删除；首次登录须修改 / first passwords written to ${passwordsFile} (owner-only): hand them out, then delete the file`,
      );
    }
    if (kind === "users" && !o.grantRoles && r.summary.roles > 0)
      io.log(
        `${r.summary.roles} 个账户的角色待安全管理员在控制台导入同一文件确认 / roles of ${r.summary.roles} accounts wait for the security administrator to import the same file in the console`,
      );
    io.log("已写入审计日志 / recorded in the audit log");
    return 0;
  } catch (err) {
    if (err instanceof ImportRefused) {
      report(err.result, io);
      await writeReport(err.result);
      io.log("导入未写入任何数据 / the import wrote nothing");
      return 1;
    }
    if (err instanceof TableError) {
      io.log(`${err.zh} / ${err.en}`);
      return 1;
    }
    throw err;
  }
}
