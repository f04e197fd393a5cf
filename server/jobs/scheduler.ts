import PgBoss from "pg-boss";
import type { Db } from "../db/index.ts";

export interface ScheduledJob {
  name: string;
  /** Cron in the Asia/Shanghai time zone. */
  cron: string;
  run(): Promise<unknown>;
}

export interface Jobs {
  /** Queues a job to run now (the scan at start-up, or on demand). */
  runNow(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Scheduled work on pg-boss, kept in the application's own database (schema `pgboss`) so that the
 * embedded and the PostgreSQL deployments behave alike, and several server processes share one
 * schedule: each cron tick becomes one job, taken by one worker.
 */
export async function startJobs(
  db: Db,
  jobs: readonly ScheduledJob[],
  onError: (err: unknown) => void,
): Promise<Jobs> {
  const boss = new PgBoss({
    db: {
      // pg-boss sends its schema scripts without parameters, its queries with them.
      executeSql: async (text: string, values?: unknown[]) =>
        values && values.length > 0 ? db.query(text, values) : { rows: await db.script(text) },
    },
    schema: "pgboss",
    // Finished jobs are kept a week for inspection, then removed by pg-boss's maintenance.
    deleteAfterDays: 7,
  });
  boss.on("error", onError);
  await boss.start();
  for (const job of jobs) {
    await boss.createQueue(job.name);
    await boss.schedule(job.name, job.cron, {}, { tz: "Asia/Shanghai" });
    await boss.work(job.name, { pollingIntervalSeconds: 2 }, async () => {
      await job.run();
    });
  }
  return {
    async runNow(name) {
      await boss.send(name, {});
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
