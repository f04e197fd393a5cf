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
import {
  checkLedger,
  type LedgerCheck,
  type LedgerInfo,
  type LedgerOptions,
  ledgerMapping,
} from "./ledger.ts";
import { rememberLedgerChoices } from "./ledger-write.ts";
import { applyNetwork, type NetworkPlan, planNetwork } from "./network.ts";
import { openTable, readTable, type Table, type TableSource } from "./read-table.ts";
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
  /** Ledger only: rows per batch (LEDGER_BATCH). */
  ledgerBatch?: number;
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
  const sha256 = createHash("sha256").update(data).digest("hex");
  if (o.kind === "ledger") {
    const source = await openTable(data, fileName);
    return runLedgerImport(db, source, { name: fileName, sha256, sheet: source.sheet }, o);
  }
  const table = await readTable(data, fileName);
  const file = { name: fileName, sha256, sheet: table.sheet };
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

/** The ledger's pass as an import result: cases added or to add (created), rows already imported (unchanged). */
function ledgerResult(file: ImportResult["file"], check: LedgerCheck, applied: boolean): ImportResult {
  let created = 0;
  let unchanged = 0;
  const changes: ImportResult["changes"] = [];
  for (const r of check.info.rows) {
    if (r.outcome === "duplicate") unchanged++;
    if (r.outcome !== "to_import" && r.outcome !== "imported") continue;
    created++;
    if (changes.length < 500)
      changes.push({
        row: r.row,
        action: "create",
        key: r.caseNumber ?? r.ledgerNumber ?? `第${r.row}行`,
        detail: r.note,
      });
  }
  return {
    kind: "ledger",
    mode: null,
    file,
    applied,
    summary: { rows: check.rows, invalidRows: check.invalidRows, created, updated: 0, roles: 0, unchanged },
    issues: check.issues,
    changes,
    passwords: [],
    ledger: check.info,
  };
}

/**
 * The ledger's mapping step: the headers, the mapping that would be used and the first rows, from
 * the head of the file only.
 */
export async function previewLedgerMapping(
  db: Db,
  data: Buffer,
  fileName: string,
  lo: LedgerOptions,
  sampleRows = 5,
): Promise<{
  sheet: string;
  info: Pick<LedgerInfo, "headers" | "mapping" | "mappingSource">;
  sample: string[][];
}> {
  const source = await openTable(data, fileName);
  const sample = sampleRows > 0 ? (await source.head(sampleRows)).map((r) => r.cells.map((c) => c.text)) : [];
  return { sheet: source.sheet, info: await ledgerMapping(db, source.header, lo), sample };
}

/**
 * A ledger import in one pass over the file: a preview checks and writes nothing; an import
 * checks and writes batch by batch in one transaction that only one ledger import holds at a
 * time, then remembers the mapping and writes the audit row. A refusal or a failure anywhere
 * rolls all of it back: never a half-written import.
 */
async function runLedgerImport(
  db: Db,
  source: TableSource,
  file: ImportResult["file"],
  o: ImportOptions,
): Promise<ImportResult> {
  const lo = o.ledger ?? { yes: false };
  if (!o.apply)
    return ledgerResult(
      file,
      await checkLedger(db, source, lo, { onProgress: o.onProgress, batchSize: o.ledgerBatch }),
      false,
    );
  if (!o.keyRing) throw new Error("a ledger import needs the key ring");
  const keyRing = o.keyRing;
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(2026120910)");
    const check = await checkLedger(tx, source, lo, {
      requireConfirmed: true,
      onProgress: o.onProgress,
      batchSize: o.ledgerBatch,
      write: {
        keyRing,
        now: o.now,
        actorId: o.actor.id,
        collectiveThreshold: o.collectiveThreshold ?? 5,
        skipInvalid: o.skipInvalid,
      },
    });
    const done = ledgerResult(file, check, true);
    if (check.issues.length && (!o.skipInvalid || fileLevel(check.issues)))
      throw new ImportRefused({ ...done, applied: false });
    await rememberLedgerChoices(tx, check, o.now);
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
        mappingSource: check.info.mappingSource,
        ...done.summary,
        unverifiedIds: check.info.unverifiedIds,
        defaultedCategories: check.info.defaultedCategories,
        defaultedUnits: check.info.defaultedUnits,
        skippedRows: check.info.rows.filter((x) => x.outcome === "skipped").map((x) => x.row),
        ...(o.actor.operator ? { operator: o.actor.operator } : {}),
      },
    });
    return done;
  });
}
