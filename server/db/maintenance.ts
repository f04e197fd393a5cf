import type { Db } from "./index.ts";

/**
 * The embedded database has no autovacuum: nothing would ever gather the planner's statistics or
 * clear dead row versions. Without statistics the planner takes every table for a few dozen rows
 * and, with thousands of cases, sorts every visible case for a list page instead of walking the
 * received-date index (bench/README.md, "the soak"). `serve` on the embedded database therefore
 * runs ANALYZE at start and VACUUM (ANALYZE) every `XF_PGLITE_MAINTENANCE_MINUTES` (60; 0 = never).
 * PostgreSQL's own autovacuum does this there.
 */
export async function analyzeEmbedded(db: Db, vacuum: boolean): Promise<number> {
  if (db.kind !== "pglite") return 0;
  const t0 = performance.now();
  await db.exec(vacuum ? "VACUUM (ANALYZE)" : "ANALYZE");
  return performance.now() - t0;
}

export interface Maintenance {
  stop(): void;
}

/** Every `minutes`, VACUUM (ANALYZE) on the embedded database; one pass at a time. Null when off. */
export function startEmbeddedMaintenance(
  db: Db,
  minutes: number,
  report: (result: { ms: number } | { err: unknown }) => void,
): Maintenance | null {
  if (db.kind !== "pglite" || minutes <= 0) return null;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    analyzeEmbedded(db, true)
      .then((ms) => report({ ms }))
      .catch((err: unknown) => report({ err }))
      .finally(() => {
        running = false;
      });
  }, minutes * 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
