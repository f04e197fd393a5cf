import type { Db } from "../db/index.ts";
import { generateDigest } from "../warnings/digest.ts";
import { scanWarnings, type WarningScanResult } from "../warnings/scan.ts";

export const WARNINGS_DAILY_JOB = "warnings-daily";
/** Every morning at 07:00 Shanghai time, before the office's day starts. */
export const WARNINGS_DAILY_CRON = "0 7 * * *";

/**
 * The daily analysis: the warning scan over the cases, then the day's digest for leaders (written
 * once a day; a later run the same day leaves it as it is). Both steps are idempotent, so a
 * restart, a second server or an extra CLI run do no harm.
 */
export async function runWarningsDaily(
  db: Db,
  now: Date,
): Promise<WarningScanResult & { digest: { date: string; created: boolean } }> {
  const scan = await scanWarnings(db, now);
  const digest = await generateDigest(db, now);
  return { ...scan, digest };
}
