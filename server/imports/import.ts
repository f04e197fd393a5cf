/**
 * One import of the network or of the users, for the CLI and the admin API alike: check every row
 * first (a preview writes nothing), then, when asked to, write in one transaction with the tables
 * locked against a concurrent import, re-checking inside it, and one audit row.
 */
import { createHash } from "node:crypto";
import type { IMPORT_KINDS } from "../../domain/schemas/import.ts";
import { recordAudit } from "../audit/audit-log.ts";
import type { KeyRing } from "../crypto/field-crypto.ts";
import type { Db } from "../db/index.ts";
import type { ImportIssue } from "./columns.ts";
import { type LedgerInfo, type LedgerOptions, planLedger } from "./ledger.ts";
import { applyLedger } from "./ledger-write.ts";
import { applyNetwork, type NetworkPlan, planNetwork } from "./network.ts";
import { readTable, type Table } from "./read-table.ts";
import { applyUsers, planUsers, prepareFirstPasswords, type UsersMode, type UsersPlan } from "./users.ts";

export { IMPORT_KINDS } from "../../domain/schemas/import.ts";
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportActor {
  /** The signed-in administrator, or null at the server's console. */
  id: string | null;
  /** `system_admin`, `security_admin`, or `cli`. */
  role: string;
  ip: string | null;
  /** The operating-system account at the console. */
  operator?: string;
}

export interface ImportOptions {
  kind: ImportKind;
  /** Users only: what the import may change (users.ts). */
  mode: UsersMode;
  apply: boolean;
  skipInvalid: boolean;
  actor: ImportActor;
  now: Date;
  /** Ledger only: the confirmed mapping, value choices and --yes (ledger.ts). */
  ledger?: LedgerOptions;
  /** Ledger only: personal data is encrypted with it, as at registration. */
  keyRing?: KeyRing;
  collectiveThreshold?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ImportSummary {
  rows: number;
  invalidRows: number;
  created: number;
  updated: number;
  /** Accounts whose roles change (mode roles / all), or, in mode accounts, rows with roles for the security administrator. */
  roles: number;
  unchanged: number;
}

export interface ImportResult {
  kind: ImportKind;
  mode: UsersMode | null;
  file: { name: string; sha256: string; sheet: string };
  applied: boolean;
  summary: ImportSummary;
  issues: ImportIssue[];
  /** What would be, or was, written: one line per changed row. */
  changes: { row: number; action: "create" | "update" | "roles"; key: string; detail: string }[];
  /** First passwords of the accounts created (users, applied): shown once, stored nowhere. */
  passwords: { username: string; displayName: string; password: string }[];
  /** Ledger only: the mapping, the names that matched nothing, and every row's outcome. */
  ledger?: LedgerInfo;
}

/** Refused: nothing was written; the result says why. */
export class ImportRefused extends Error {
  constructor(readonly result: ImportResult) {
    super(`import refused: ${result.issues.length} problems`);
  }
}

type Plan = { kind: "network"; plan: NetworkPlan } | { kind: "users"; plan: UsersPlan };

async function plan(q: Parameters<typeof planNetwork>[0], table: Table, o: ImportOptions): Promise<Plan> {
  return o.kind === "network"
    ? { kind: "network", plan: await planNetwork(q, table) }
    : { kind: "users", plan: await planUsers(q, table, o.mode) };
}

const KIND_ZH: Record<string, string> = {
  township: "乡镇",
  village: "村（社区）",
  group: "村民小组",
  department: "部门",
};

function summarise(p: Plan, mode: UsersMode): Pick<ImportResult, "summary" | "changes"> {
  if (p.kind === "network") {
    const n = p.plan;
    return {
      summary: {
        rows: n.rows,
        invalidRows: n.invalidRows,
        created: n.create.length,
        updated: n.rename.length,
        roles: 0,
        unchanged: n.unchanged,
      },
      changes: [
        ...n.create.map((c) => ({
          row: c.row,
          action: "create" as const,
          key: c.regionCode,
          detail: `${c.name}（${KIND_ZH[c.kind] ?? c.kind}，${c.path}）`,
        })),
        ...n.rename.map((r) => ({
          row: r.row,
          action: "update" as const,
          key: r.path,
          detail: `${r.from} → ${r.to}`,
        })),
      ].sort((a, b) => a.row - b.row),
    };
  }
  const u = p.plan;
  return {
    summary: {
      rows: u.rows,
      invalidRows: u.invalidRows,
      created: mode === "roles" ? 0 : u.create.length,
      updated: mode === "roles" ? 0 : u.update.length,
      roles: u.roles.length,
      unchanged: u.unchanged,
    },
    changes: [
      ...(mode === "roles"
        ? []
        : [
            ...u.create.map((c) => ({
              row: c.row,
              action: "create" as const,
              key: c.username,
              detail: c.displayName,
            })),
            ...u.update.map((c) => ({
              row: c.row,
              action: "update" as const,
              key: c.username,
              detail: c.displayName,
            })),
          ]),
      ...u.roles.map((r) => ({
        row: r.row,
        action: "roles" as const,
        key: r.username,
        detail: `${r.from.join(",") || "∅"} → ${r.to.join(",")}${mode === "accounts" ? "（待安全管理员确认 / for the security administrator）" : ""}`,
      })),
    ].sort((a, b) => a.row - b.row),
  };
}

const fileLevel = (issues: ImportIssue[]) => issues.some((i) => i.row === null || i.row === 1);

/** Checks the file and, if `apply` and allowed, writes it. Throws ImportRefused when it may not write. */
export async function runImport(
  db: Db,
  data: Buffer,
  fileName: string,
  o: ImportOptions,
): Promise<ImportResult> {
  const table = await readTable(data, fileName);
  const file = {
    name: fileName,
    sha256: createHash("sha256").update(data).digest("hex"),
    sheet: table.sheet,
  };
  if (o.kind === "ledger") return runLedgerImport(db, table, file, o);
  const mode = o.kind === "users" ? o.mode : null;
  const result = (p: Plan, applied: boolean): ImportResult => ({
    kind: o.kind,
    mode,
    file,
    applied,
    ...summarise(p, o.mode),
    issues: p.plan.issues,
    passwords: [],
  });
  if (!o.apply) return result(await plan(db, table, o), false);
  // The new accounts' first passwords are hashed before the tables are locked (see users.ts), and
  // not at all for a file that will be refused.
  let prepared: Awaited<ReturnType<typeof prepareFirstPasswords>> | undefined;
  if (o.kind === "users" && o.mode !== "roles") {
    const pre = await planUsers(db, table, o.mode);
    if (!pre.issues.length || (o.skipInvalid && !fileLevel(pre.issues)))
      prepared = await prepareFirstPasswords(pre.create.map((c) => c.username));
  }
  return db.transaction(async (tx) => {
    // One import at a time, and no unit or account changing under it between check and write.
    await tx.query("LOCK TABLE org_units, users IN SHARE ROW EXCLUSIVE MODE");
    const p = await plan(tx, table, o);
    const r = result(p, true);
    if (p.plan.issues.length && (!o.skipInvalid || fileLevel(p.plan.issues)))
      throw new ImportRefused({ ...r, applied: false });
    if (p.kind === "network") await applyNetwork(tx, p.plan, o.now);
    else r.passwords = await applyUsers(tx, p.plan, o.mode, o.now, prepared);
    const kind = o.kind;
    await recordAudit(tx, {
      actorId: o.actor.id,
      actorRole: o.actor.role,
      ip: o.actor.ip,
      action: `import_${kind}`,
      objectType: "import",
      objectId: file.sha256,
      detail: {
        file: file.name,
        sha256: file.sha256,
        mode,
        skipInvalid: o.skipInvalid,
        ...r.summary,
        skippedRows: [...new Set(r.issues.map((i) => i.row))].filter((n) => n !== null),
        changes: r.changes.map((c) => `${c.action}:${c.key}`),
        ...(o.actor.operator ? { operator: o.actor.operator } : {}),
      },
    });
    return r;
  });
}

/** The ledger's plan as an import result: cases to add (created), rows already imported (unchanged). */
function ledgerResult(
  file: ImportResult["file"],
  plan: Awaited<ReturnType<typeof planLedger>>,
  applied: boolean,
): ImportResult {
  const created = plan.info.rows.filter((r) => r.outcome === "to_import" || r.outcome === "imported");
  return {
    kind: "ledger",
    mode: null,
    file,
    applied,
    summary: {
      rows: plan.rows,
      invalidRows: plan.invalidRows,
      created: created.length,
      updated: 0,
      roles: 0,
      unchanged: plan.info.rows.filter((r) => r.outcome === "duplicate").length,
    },
    issues: plan.issues,
    changes: created.slice(0, 500).map((r) => ({
      row: r.row,
      action: "create" as const,
      key: r.caseNumber ?? r.ledgerNumber ?? `第${r.row}行`,
      detail: r.note,
    })),
    passwords: [],
    ledger: plan.info,
  };
}

/**
 * A ledger import: the plan (a preview writes nothing), then, in one transaction that only one
 * ledger import holds at a time, the plan again and the rows in batches, the remembered mappings
 * and the audit row. A failure anywhere rolls all of it back: never a half-written import.
 */
async function runLedgerImport(
  db: Db,
  table: Table,
  file: ImportResult["file"],
  o: ImportOptions,
): Promise<ImportResult> {
  const lo = o.ledger ?? { yes: false };
  if (!o.apply) return ledgerResult(file, await planLedger(db, table, lo), false);
  if (!o.keyRing) throw new Error("a ledger import needs the key ring");
  const keyRing = o.keyRing;
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(2026120910)");
    const plan = await planLedger(tx, table, lo);
    if (plan.info.mappingSource === "automatic" && !lo.yes)
      plan.issues.push({
        sheet: table.sheet,
        row: null,
        column: null,
        zh: "列的对应关系尚未确认：请确认（控制台的对应步骤，或命令行 --yes 接受自动对应）",
        en: "the column mapping is not confirmed: confirm it (the console's mapping step, or --yes)",
      });
    const r = ledgerResult(file, plan, true);
    if (plan.issues.length && (!o.skipInvalid || fileLevel(plan.issues)))
      throw new ImportRefused({ ...r, applied: false });
    await applyLedger(tx, plan, {
      keyRing,
      now: o.now,
      actorId: o.actor.id,
      collectiveThreshold: o.collectiveThreshold ?? 5,
      onProgress: o.onProgress,
    });
    const done = ledgerResult(file, plan, true);
    await recordAudit(tx, {
      actorId: o.actor.id,
      actorRole: o.actor.role,
      ip: o.actor.ip,
      action: "import_ledger",
      objectType: "import",
      objectId: file.sha256,
      detail: {
        file: file.name,
        sha256: file.sha256,
        skipInvalid: o.skipInvalid,
        yes: lo.yes,
        mappingSource: plan.info.mappingSource,
        ...done.summary,
        unverifiedIds: plan.info.unverifiedIds,
        defaultedCategories: plan.info.defaultedCategories,
        defaultedUnits: plan.info.defaultedUnits,
        skippedRows: plan.info.rows.filter((x) => x.outcome === "skipped").map((x) => x.row),
        ...(o.actor.operator ? { operator: o.actor.operator } : {}),
      },
    });
    return done;
  });
}
