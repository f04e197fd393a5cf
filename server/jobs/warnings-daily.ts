import type { Db } from "../db/index.ts";
import { generateDigest } from "../warnings/digest.ts";
import { scanWarnings, type WarningScanResult } from "../warnings/scan.ts";

export const WARNINGS_DAILY_JOB = "warnings-daily";
/** Every morning at 07:00 Shanghai time, before the office's day starts. */
export const WARNINGS_DAILY_CRON = "0 7 * * *";
export const WARNINGS_DIGEST_HOUR = 7;

/**
 * The daily analysis: the warning scan over the cases, then the day's digest for leaders (written
 * once a day; a later run the same day leaves it as it is). Both steps are idempotent, so a
 * restart, a second server or an extra CLI run do no harm.
 */
export async function runWarningsDaily(
  db: Db,
  now: Date,
  opts: { digestFromHour?: number } = {},
): Promise<WarningScanResult & { digest: { date: string; created: boolean } }> {
  const scan = await scanWarnings(db, now);
  // The scheduled run (and the catch-up at start) writes the day's digest only from the morning
  // hour on, so a server started at dawn does not freeze the day's digest before the day began.
  if (opts.digestFromHour !== undefined && shanghaiHour(now) < opts.digestFromHour) {
    return { ...scan, digest: { date: scan.date, created: false } };
  }
  const digest = await generateDigest(db, now);
  return { ...scan, digest };
}

/** The hour of the day in Shanghai (UTC+8, no daylight saving). */
export function shanghaiHour(now: Date): number {
  return (now.getUTCHours() + 8) % 24;
}
