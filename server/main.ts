import { buildApp } from "./app.ts";
import { sealAudit, verifyAudit } from "./audit/seal-audit.ts";
import { loadConfig } from "./config/index.ts";
import { loadKeyRing } from "./crypto/key-file.ts";
import { migrate } from "./db/migrate.ts";
import { openDatabase } from "./db/open.ts";
import { DEMO_PASSWORD, DEMO_USERS } from "./seed/demo-network.ts";
import { seedDemoCases, seedDemoNetwork } from "./seed/seed-demo.ts";

const USAGE = `xinfang <command>
  serve           migrate, load demo data on first start (XF_DEMO=1, default), listen on PORT (3000)
  migrate         apply pending SQL migrations (embedded database, or DATABASE_URL)
  seed            load the demo county, users and cases into an empty database
  audit seal      chain all unsealed audit rows now
  audit verify    check the audit log's hash chain; exit 1 if any row was altered or removed`;

function log(msg: string): void {
  process.stdout.write(`[xinfang] ${msg}\n`);
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
  const db = await openDatabase(config);
  try {
    switch (command) {
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
          log(`sealed ${await sealAudit(db)} rows`);
          return 0;
        }
        if (sub === "verify") {
          await sealAudit(db);
          const v = await verifyAudit(db);
          if (v.ok) log(`audit chain intact: ${v.sealed} rows, head ${v.headHash}`);
          else
            log(
              `AUDIT CHAIN BROKEN at position ${v.badPosition}: ${v.reason} (${v.sealed} rows verified before it)`,
            );
          return v.ok ? 0 : 1;
        }
        process.stdout.write(`${USAGE}\n`);
        return 1;
      }
      case "serve": {
        const applied = await migrate(db);
        if (applied.length) log(`applied migrations: ${applied.join(", ")}`);
        const keyRing = loadKeyRing(config, log);
        if (config.demo && (await seedDemoNetwork(db))) {
          log(`loaded the demo county with ${await seedDemoCases(db, keyRing, new Date())} cases`);
        }
        if (config.demo) printDemoUsers();
        const app = await buildApp({ db, config, keyRing, logger: { level: config.logLevel } });
        const sealer = setInterval(() => {
          sealAudit(db).catch((err: unknown) => app.log.warn({ err }, "audit sealing failed; will retry"));
        }, 2000);
        const stop = async () => {
          clearInterval(sealer);
          await app.close();
          await sealAudit(db).catch(() => 0);
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
