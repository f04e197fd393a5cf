import path from "node:path";
import { parseArgs } from "node:util";
import { loadRulePack } from "../domain/calendar/rule-pack.ts";
import { buildApp } from "./app.ts";
import { checkAnchors, sealAndAnchor, writeAnchor } from "./audit/anchor.ts";
import { verifyAudit } from "./audit/seal-audit.ts";
import { loadWorkCalendar } from "./cases/clocks.ts";
import { type Config, loadConfig } from "./config/index.ts";
import { loadKeyRing } from "./crypto/key-file.ts";
import { closeEntries, DataFolderError, findOpenEntries } from "./db/data-folder.ts";
import type { Db } from "./db/index.ts";
import { analyzeEmbedded, startEmbeddedMaintenance } from "./db/maintenance.ts";
import { migrate } from "./db/migrate.ts";
import { openDatabase } from "./db/open.ts";
import { FileStore } from "./files/store.ts";
import { ImportUsageError, importCommand, importKind, templateCommand } from "./imports/import-command.ts";
import { DEADLINE_SCAN_JOB, scanDeadlines } from "./jobs/deadline-scan.ts";
import { startJobs } from "./jobs/scheduler.ts";
import {
  runWarningsDaily,
  WARNINGS_DAILY_CRON,
  WARNINGS_DAILY_JOB,
  WARNINGS_DIGEST_HOUR,
} from "./jobs/warnings-daily.ts";
import {
  AdminCommandError,
  grantAdminRoleAtConsole,
  readSecretLine,
  resetPasswordAtConsole,
} from "./ops/admin-accounts.ts";
import { anonymiseArchivedCases, retentionDays } from "./ops/anonymise.ts";
import { exportAudit } from "./ops/audit-export.ts";
import { HardenError, hardenAudit } from "./ops/audit-harden.ts";
import { createBackup } from "./ops/backup.ts";
import { BackupError, readBackupManifest } from "./ops/backup-format.ts";
import { type CommandIo, keysDrop, keysReencrypt, keysRotate, keysStatus } from "./ops/keys-command.ts";
import { checkSchemaVersions, restoreBackup } from "./ops/restore.ts";
import { DEMO_PASSWORD, DEMO_USERS } from "./seed/demo-network.ts";
import { seedDemoCases, seedDemoNetwork } from "./seed/seed-demo.ts";
import { notSetUpNotice } from "./setup/setup.ts";
import { setupCommand } from "./setup/setup-command.ts";
import { foldCaseStatsMonthly } from "./stats/monthly.ts";

const USAGE = `xinfang <command>
  serve                 migrate, load demo data on first start (XF_DEMO=1, default), listen on PORT (3000)
  migrate               apply pending SQL migrations (embedded database, or DATABASE_URL)
  seed                  load the demo county, users and cases into an empty database
  setup [--from setup.json]
                        first start without the demo, on a database with no users: the bureau's name, the
                        county's region code and the three administrators (system, security, audit), asked
                        on the terminal (passwords not echoed) or read from the file; each must choose a
                        new password at the first login. Refused, changing nothing, once there are users
  template network|users|ledger [FILE]
                        write the file to fill in for an import (.xlsx, or a CSV header for FILE.csv)
  import network|users FILE [--dry-run] [--skip-invalid] [--grant-roles] [--passwords FILE]
  import ledger FILE [--dry-run] [--skip-invalid] [--yes] [--report FILE]
                        a historical ledger (信访台账): headers matched by their Chinese names, shown to confirm
                        (--yes: accept them; unknown categories become 其他, unknown units unassigned);
                        closed historical cases in one transaction; the same file again adds nothing; a
                        report .xlsx next to the file (or --report FILE) lists every row and why
                        check every row of an .xlsx or .csv file, then write all of it in one transaction
                        (nothing while any row is wrong, unless --skip-invalid); the same file again
                        changes nothing. Units are matched by region code (groups and departments by parent
                        and name), users by user name. New accounts get a random first password, written to
                        --passwords FILE (owner-only); no administrator role is ever imported, and business
                        roles only with --grant-roles (else the security administrator confirms them)
  backup <file>         write one consistent snapshot of the database to <file> (gzipped JSON lines with a
                        manifest of schema versions, row counts and SHA-256 per table; any database to any).
                        ID and phone numbers stay encrypted; the key ring (data/keyring.json or XF_KEY_RING)
                        is NOT in the backup: back it up separately, or the backup cannot be read
  restore <file> [--force]
                        migrate, then load a backup into an empty database in one transaction; refuses a
                        database holding data (--force replaces all of it, audit log included), a backup
                        of another schema version, or a damaged file; checks every table's hash afterwards
  keys rotate [--batch-size N]
                        add a new data key and make it current. Key file: save it, then re-encrypt every
                        stored token. XF_KEY_RING: print the new ring on stdout to store (then restart the
                        servers and run keys reencrypt)
  keys reencrypt [--batch-size N]
                        re-encrypt every token not under the current key, N (500) per transaction; resumable
  keys status           count the stored tokens under each key
  keys drop <id>        remove an old data key from the ring once no token uses it
  retention anonymise [--older-than-days N] [--dry-run]
                        remove the petitioners' personal data from archived cases whose last event is older
                        than N days (default: setting retention.anonymise_after_days); --dry-run lists them
  deadlines scan        raise the deadline warnings and breaches due today now (serve also runs it on the
                        XF_DEADLINE_SCAN_CRON schedule, default every 15 minutes, through pg-boss)
  warnings scan         run the analysis across cases now (spikes, collective petitions forming, threat words,
                        repeated level-skipping, sensitive periods) and write the day's digest if none yet
                        (serve also runs it every day at 07:00 Asia/Shanghai through pg-boss)
  admin reset-password <username>
                        set a new password for any account, an administrator's included (三员分立: the only
                        way besides two administrators together); read from standard input, not echoed on a
                        terminal; the user must choose their own at the next login; written to the audit log
  admin grant <username> <system_admin|security_admin|audit_admin>
                        make an account one of the three administrators (its other roles end); audited
  audit seal            chain all unsealed audit rows now, anchoring each batch's head
  audit verify          check the audit log's hash chain and its anchors outside the database
                        (XF_AUDIT_ANCHOR_FILE); exit 1 if any row was altered, removed (the end of the log
                        too: a chain shorter than its last anchor) or re-chained
  audit anchor          seal, then append the chain's head to the anchor file (the server anchors the head
                        of every batch it seals, every 2 s)
  audit harden --app-role <role> [--owner-role xinfang_audit]
                        PostgreSQL, run once as the database owner or an administrator (not as the
                        application's role): a NOLOGIN role owns audit_log, its guard and its sealing
                        function; the application's role may only read, insert and seal
  audit export <file>   seal, then write the sealed log as JSON lines that can be verified on their own
  fix-permissions       make the data folder (XF_DATA_DIR) the running account's only: folders 0700, files 0600.
                        Every command refuses to run while anything there is open to the group or others
                        (XF_FIX_PERMISSIONS=1: fix it at start instead)

The embedded database is for one process at a time: while \`serve\` runs on a data folder, the other
commands on it (and a second \`serve\`) are refused and change nothing; stop the server first.`;

function log(msg: string): void {
  process.stdout.write(`[xinfang] ${msg}\n`);
}

/** Keys commands keep stdout for a key ring JSON; everything else they say goes to stderr. */
const keysIo: CommandIo = {
  log: (msg) => process.stderr.write(`[xinfang] ${msg}\n`),
  print: (text) => process.stdout.write(`${text}\n`),
};

class UsageError extends Error {}

function options(args: string[], spec: Record<string, { type: "string" | "boolean" }>, positionals: number) {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof spec; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args, options: spec, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  if (parsed.positionals.length !== positionals) throw new UsageError("wrong number of arguments");
  return parsed;
}

function positiveInt(value: string | boolean | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== "string" || !Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} must be a whole number ≥ 1`);
  return n;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function backupCommand(db: Db, args: string[]): Promise<number> {
  const file = options(args, {}, 1).positionals[0]!;
  const r = await createBackup(db, file);
  const rows = r.manifest.tables.reduce((n, t) => n + t.rows, 0);
  log(
    `backup written to ${file}: ${rows} rows in ${r.manifest.tables.length} tables, ${r.bytes} bytes, ${seconds(r.elapsedMs)}`,
  );
  log(`sha256 ${r.sha256} (recorded in the audit log)`);
  log("the key ring is not in the backup: keep a copy of data/keyring.json or XF_KEY_RING apart from it");
  return 0;
}

async function restoreCommand(db: Db, args: string[]): Promise<number> {
  const parsed = options(args, { force: { type: "boolean" } }, 1);
  const file = parsed.positionals[0]!;
  // Refuse a backup of another schema version before migrating (and so changing) the database.
  checkSchemaVersions(await readBackupManifest(file));
  const applied = await migrate(db);
  if (applied.length) log(`applied migrations: ${applied.join(", ")}`);
  const r = await restoreBackup(db, file, { force: parsed.values.force === true });
  const rows = r.manifest.tables.reduce((n, t) => n + t.rows, 0);
  const replaced = Object.entries(r.replaced).map(([t, n]) => `${t} ${n}`);
  log(
    `restored ${rows} rows in ${r.manifest.tables.length} tables from ${file} (made ${r.manifest.createdAt} on ${r.manifest.source.kind}) in ${seconds(r.elapsedMs)}; every table's hash matches`,
  );
  if (replaced.length) log(`replaced the rows that were there: ${replaced.join(", ")}`);
  log("login sessions are not in backups: everyone signs in again");
  return 0;
}

async function keysCommand(db: Db, config: Config, sub: string | undefined, args: string[]): Promise<number> {
  const batch = { "batch-size": { type: "string" as const } };
  switch (sub) {
    case "rotate":
      return keysRotate(
        db,
        config,
        keysIo,
        positiveInt(options(args, batch, 0).values["batch-size"], "batch-size"),
      );
    case "reencrypt":
      return keysReencrypt(
        db,
        config,
        keysIo,
        positiveInt(options(args, batch, 0).values["batch-size"], "batch-size"),
      );
    case "status":
      options(args, {}, 0);
      return keysStatus(db, config, keysIo);
    case "drop":
      return keysDrop(db, config, keysIo, options(args, {}, 1).positionals[0]!);
    default:
      throw new UsageError(`unknown keys command: ${sub ?? "(none)"}`);
  }
}

async function retentionCommand(
  db: Db,
  config: Config,
  sub: string | undefined,
  args: string[],
): Promise<number> {
  if (sub !== "anonymise") throw new UsageError(`unknown retention command: ${sub ?? "(none)"}`);
  const parsed = options(args, { "older-than-days": { type: "string" }, "dry-run": { type: "boolean" } }, 0);
  const days = positiveInt(parsed.values["older-than-days"], "older-than-days") ?? (await retentionDays(db));
  if (days === null) {
    throw new UsageError(
      "setting retention.anonymise_after_days is missing or invalid; pass --older-than-days N",
    );
  }
  const dryRun = parsed.values["dry-run"] === true;
  const files = new FileStore(path.join(config.dataDir, "files"));
  const r = await anonymiseArchivedCases(db, { olderThanDays: days, dryRun, files });
  for (const c of r.cases) log(`  ${c.caseNumber} (${c.petitioners} petitioners)`);
  log(
    `${dryRun ? "dry run: would anonymise" : "anonymised"} ${r.cases.length} archived cases with no event since ${r.cutoff.toISOString()} (${days} days)${dryRun ? "" : `; ${r.filesRemoved} attachment files removed`}`,
  );
  return 0;
}

async function adminCommand(db: Db, sub: string | undefined, args: string[]): Promise<number> {
  try {
    if (sub === "reset-password") {
      const username = options(args, {}, 1).positionals[0]!;
      const password = await readSecretLine(`新密码 / new password for ${username}: `);
      await resetPasswordAtConsole(db, username, password, new Date());
      log(`password of ${username} set; they choose their own at the next login (audited)`);
      return 0;
    }
    if (sub === "grant") {
      const [username, role] = options(args, {}, 2).positionals as [string, string];
      await grantAdminRoleAtConsole(db, username, role);
      log(`${username} is now ${role}; their other roles and sessions ended (audited)`);
      return 0;
    }
  } catch (err) {
    if (err instanceof AdminCommandError) {
      log(err.message);
      return 1;
    }
    throw err;
  }
  throw new UsageError(`unknown admin command: ${sub ?? "(none)"}`);
}

function fixPermissionsCommand(config: Config, args: string[]): number {
  options(args, {}, 0);
  const open = findOpenEntries(config.dataDir);
  const failed = closeEntries(open);
  for (const e of failed)
    process.stderr.write(`[xinfang]   ${e.mode.toString(8).padStart(4, "0")} ${e.path}\n`);
  if (failed.length) {
    process.stderr.write(
      `[xinfang] 有 ${failed.length} 项无法修改（不属于当前账号），请由其所有者或 root 修改。\n` +
        `[xinfang] ${failed.length} entries could not be changed (not owned by this account): have their owner or root fix them.\n`,
    );
    return 1;
  }
  log(
    open.length
      ? `closed ${open.length} files and folders in ${config.dataDir} to the group and others (folders 0700, files 0600)`
      : `nothing in ${config.dataDir} is open to the group or others`,
  );
  return 0;
}

/** A yes/no question on the terminal (the ledger import's mapping). */
async function askYes(question: string): Promise<boolean> {
  const { createInterface } = await import("node:readline/promises");
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^(y|yes|是)$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

const KNOWN_COMMANDS = new Set([
  "serve",
  "migrate",
  "seed",
  "backup",
  "restore",
  "keys",
  "retention",
  "deadlines",
  "warnings",
  "audit",
  "admin",
  "fix-permissions",
  "setup",
  "template",
  "import",
]);

/** The command as the lock's message names it: `keys rotate`, `backup` … */
function commandLabel(command: string, sub: string | undefined): string {
  return ["keys", "retention", "audit", "deadlines", "warnings", "admin", "import"].includes(command) && sub
    ? `${command} ${sub}`
    : command;
}

function printDemoUsers(): void {
  log(`demo users (password for all: ${DEMO_PASSWORD}; demo mode only):`);
  for (const u of DEMO_USERS) log(`  ${u.username.padEnd(14)} ${u.note}`);
}

async function main(argv: string[]): Promise<number> {
  const [command, sub] = argv;
  const config = loadConfig();
  if (!command || command === "help" || command === "--help") {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 1;
  }
  if (!KNOWN_COMMANDS.has(command)) {
    process.stdout.write(`unknown command: ${command}\n${USAGE}\n`);
    return 1;
  }
  if (command === "fix-permissions") {
    try {
      return fixPermissionsCommand(config, argv.slice(1));
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      process.stdout.write(`${err.message}\n${USAGE}\n`);
      return 1;
    }
  }
  if (command === "template") {
    // Needs no database: it runs beside a server that holds the data folder.
    try {
      const parsed = options(argv.slice(2), {}, argv.length > 2 ? 1 : 0);
      return await templateCommand(importKind(sub), parsed.positionals[0], { log });
    } catch (err) {
      if (!(err instanceof UsageError || err instanceof ImportUsageError)) throw err;
      process.stdout.write(`${err.message}\n${USAGE}\n`);
      return 1;
    }
  }
  let db: Db;
  try {
    db = await openDatabase(config, commandLabel(command, sub));
  } catch (err) {
    // Refused before the store was touched: the message (zh, en) says why and what to do.
    if (!(err instanceof DataFolderError)) throw err;
    process.stderr.write(`[xinfang] ${err.zh}\n[xinfang] ${err.en}\n`);
    return 1;
  }
  try {
    switch (command) {
      case "backup":
        return await backupCommand(db, argv.slice(1));
      case "restore":
        return await restoreCommand(db, argv.slice(1));
      case "keys":
        return await keysCommand(db, config, sub, argv.slice(2));
      case "retention":
        return await retentionCommand(db, config, sub, argv.slice(2));
      case "migrate": {
        const applied = await migrate(db);
        log(applied.length ? `applied ${applied.join(", ")}` : "schema is up to date");
        return 0;
      }
      case "seed": {
        await migrate(db);
        const keyRing = loadKeyRing(config, log);
        if (await seedDemoNetwork(db)) log(`demo cases: ${await seedDemoCases(db, keyRing, new Date())}`);
        else log("the database already has an org network; nothing seeded");
        return 0;
      }
      case "audit": {
        if (sub === "seal") {
          log(`sealed ${await sealAndAnchor(db, config.auditAnchorFile)} rows, each batch's head anchored`);
          return 0;
        }
        if (sub === "verify") {
          await sealAndAnchor(db, config.auditAnchorFile);
          const v = await verifyAudit(db);
          if (v.ok) log(`audit chain intact: ${v.sealed} rows, head ${v.headHash}`);
          else
            log(
              `AUDIT CHAIN BROKEN at position ${v.badPosition}: ${v.reason} (${v.sealed} rows verified before it)`,
            );
          const a = await checkAnchors(db, config.auditAnchorFile);
          if (a.ok) log(`anchors outside the database agree: ${a.anchors} in ${config.auditAnchorFile}`);
          else if (a.reason === "tail_missing")
            log(
              `AUDIT CHAIN SHORTER THAN ITS LAST ANCHOR: the chain ends at position ${a.head} but position ${a.seq} was anchored; the rows after ${a.head} are gone (${config.auditAnchorFile})`,
            );
          else
            log(
              `AUDIT CHAIN DIFFERS FROM ITS ANCHOR at position ${a.seq}: ${a.reason} (${config.auditAnchorFile})`,
            );
          return v.ok && a.ok ? 0 : 1;
        }
        if (sub === "anchor") {
          await sealAndAnchor(db, config.auditAnchorFile);
          const a = await writeAnchor(db, config.auditAnchorFile, new Date());
          log(
            a
              ? `anchored position ${a.seq} (${a.hash}) in ${config.auditAnchorFile}`
              : "nothing new to anchor",
          );
          return 0;
        }
        if (sub === "harden") {
          const parsed = options(
            argv.slice(2),
            { "app-role": { type: "string" }, "owner-role": { type: "string" } },
            0,
          );
          const appRole = parsed.values["app-role"];
          if (typeof appRole !== "string")
            throw new UsageError("audit harden: --app-role <role> is required");
          if (db.kind !== "pg") throw new UsageError("audit harden: only for PostgreSQL (DATABASE_URL)");
          const ownerRole =
            typeof parsed.values["owner-role"] === "string" ? parsed.values["owner-role"] : "xinfang_audit";
          try {
            await hardenAudit(db, { ownerRole, appRole });
          } catch (err) {
            if (err instanceof HardenError) {
              log(err.message);
              return 1;
            }
            throw err;
          }
          log(`audit_log now belongs to ${ownerRole}; ${appRole} may only read it, insert and seal`);
          return 0;
        }
        if (sub === "export") {
          const file = options(argv.slice(2), {}, 1).positionals[0]!;
          const r = await exportAudit(db, file);
          log(`exported ${r.rows} sealed audit rows to ${file}; head ${r.headHash ?? "(empty log)"}`);
          return 0;
        }
        process.stdout.write(`${USAGE}\n`);
        return 1;
      }
      case "admin":
        return await adminCommand(db, sub, argv.slice(2));
      case "import": {
        const parsed = options(
          argv.slice(2),
          {
            "dry-run": { type: "boolean" },
            "skip-invalid": { type: "boolean" },
            "grant-roles": { type: "boolean" },
            passwords: { type: "string" },
            yes: { type: "boolean" },
            report: { type: "string" },
          },
          1,
        );
        await migrate(db);
        const v = parsed.values;
        const kind = importKind(sub);
        return await importCommand(
          db,
          kind,
          parsed.positionals[0]!,
          {
            dryRun: v["dry-run"] === true,
            skipInvalid: v["skip-invalid"] === true,
            grantRoles: v["grant-roles"] === true,
            passwords: typeof v.passwords === "string" ? v.passwords : undefined,
            yes: v.yes === true,
            report: typeof v.report === "string" ? v.report : undefined,
            keyRing: kind === "ledger" ? loadKeyRing(config, log) : undefined,
          },
          {
            log,
            confirm: process.stdin.isTTY ? askYes : undefined,
            progress: (line, final) => {
              if (process.stderr.isTTY) process.stderr.write(`\r${line}${final ? "\n" : ""}`);
              else process.stderr.write(`${line}\n`);
            },
          },
        );
      }
      case "setup": {
        const from = options(argv.slice(1), { from: { type: "string" } }, 0).values.from;
        await migrate(db);
        return await setupCommand(db, typeof from === "string" ? from : undefined, { log });
      }
      case "deadlines": {
        if (argv[1] !== "scan") throw new UsageError("deadlines: only `scan` is known");
        options(argv.slice(2), {}, 0);
        const calendar = await loadWorkCalendar(db);
        const r = await scanDeadlines(db, { pack: loadRulePack(config.rulePack), calendar }, new Date());
        log(`deadline scan: ${r.warnings} warnings, ${r.breaches} breaches raised, ${r.cleared} cleared`);
        return 0;
      }
      case "warnings": {
        if (argv[1] !== "scan") throw new UsageError("warnings: only `scan` is known");
        options(argv.slice(2), {}, 0);
        const r = await runWarningsDaily(db, new Date());
        log(
          `warning scan for ${r.date}: ${r.raised} raised, ${r.updated} updated; digest ${r.digest.created ? "written" : "already there"}`,
        );
        return 0;
      }
      case "serve": {
        const applied = await migrate(db);
        if (applied.length) log(`applied migrations: ${applied.join(", ")}`);
        const keyRing = loadKeyRing(config, log);
        if (config.demo && (await seedDemoNetwork(db))) {
          log(`loaded the demo county with ${await seedDemoCases(db, keyRing, new Date())} cases`);
        }
        if (config.demo) printDemoUsers();
        else {
          const notice = await notSetUpNotice(db);
          if (notice) log(notice);
        }
        // The embedded database has no autovacuum: statistics at start, then a pass every hour.
        const analyzed = await analyzeEmbedded(db, false);
        if (analyzed > 0) log(`planner statistics gathered in ${Math.round(analyzed)} ms`);
        const app = await buildApp({ db, config, keyRing, logger: { level: config.logLevel } });
        const maintenance = startEmbeddedMaintenance(db, config.pgliteMaintenanceMinutes, (r) =>
          "err" in r
            ? app.log.warn({ err: r.err }, "embedded database maintenance failed; will retry")
            : app.log.info({ ms: Math.round(r.ms) }, "embedded database vacuumed and analysed"),
        );
        // Every sealed batch's head is anchored outside the database as soon as it is sealed; the
        // second anchor call catches rows another process sealed (a backup or export on PostgreSQL).
        const sealer = setInterval(() => {
          sealAndAnchor(db, config.auditAnchorFile)
            .then(() => writeAnchor(db, config.auditAnchorFile, new Date()))
            .catch((err: unknown) => app.log.warn({ err }, "audit sealing failed; will retry"));
        }, 2000);
        // The dashboard's monthly rollup folds its pending differences when read; folding them every
        // minute as well keeps that first read short after a busy spell.
        let folding = false;
        const folder = setInterval(() => {
          if (folding) return;
          folding = true;
          foldCaseStatsMonthly(db)
            .catch((err: unknown) => app.log.warn({ err }, "statistics rollup fold failed; will retry"))
            .finally(() => {
              folding = false;
            });
        }, 60_000);
        const jobs =
          config.deadlineScanCron === "off"
            ? null
            : await startJobs(
                db,
                [
                  {
                    name: DEADLINE_SCAN_JOB,
                    cron: config.deadlineScanCron,
                    run: async () => {
                      const r = await scanDeadlines(db, app.deps.clocks, app.deps.now());
                      if (r.warnings + r.breaches > 0) app.log.info(r, "deadline scan");
                    },
                  },
                  {
                    name: WARNINGS_DAILY_JOB,
                    cron: WARNINGS_DAILY_CRON,
                    run: async () => {
                      const r = await runWarningsDaily(db, app.deps.now(), {
                        digestFromHour: WARNINGS_DIGEST_HOUR,
                      });
                      if (r.raised + r.updated > 0 || r.digest.created) app.log.info(r, "warning scan");
                    },
                  },
                ],
                (err) => app.log.warn({ err }, "job queue error; will retry"),
              );
        // Catch up at start: a server that was down past a due date warns at once.
        await jobs?.runNow(DEADLINE_SCAN_JOB);
        await jobs?.runNow(WARNINGS_DAILY_JOB);
        const stop = async () => {
          clearInterval(sealer);
          clearInterval(folder);
          maintenance?.stop();
          await jobs?.stop();
          await app.close();
          await sealAndAnchor(db, config.auditAnchorFile).catch(() => 0);
          await db.close();
          process.exit(0);
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
        await app.listen({ host: config.host, port: config.port });
        log(
          `${db.kind === "pg" ? "PostgreSQL" : `embedded database in ${config.dataDir}`}; API docs at /docs`,
        );
        log(`listening on http://localhost:${config.port}`);
        return -1; // keep running
      }
      default:
        process.stdout.write(`unknown command: ${command}\n${USAGE}\n`);
        return 1;
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof ImportUsageError) {
      process.stdout.write(`${err.message}\n${USAGE}\n`);
      return 1;
    }
    // A refused backup or restore is an answer, not a crash: the message says what to do.
    if (err instanceof BackupError) {
      process.stderr.write(`[xinfang] ${command} refused: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    if (command !== "serve") await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    process.stderr.write(`[xinfang] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
