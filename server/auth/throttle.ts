/**
 * Growing delays after failed logins (server/commands/login.ts). Each attempt is counted under
 * three keys — the account name from this address, the account name from anywhere, this address
 * for any name — each with its own number of free failures; past it every further failure doubles
 * the wait, from 30 seconds up to the cap. A name that does not exist is counted the same way.
 */
import type { Queryable } from "../db/index.ts";

export interface ThrottlePolicy {
  /** Free failures of one name from one address (XF_LOGIN_MAX_FAILURES, 5). */
  perAccountAddress: number;
  /** The longest wait, in minutes (XF_LOGIN_LOCK_MINUTES, 30). */
  maxDelayMinutes: number;
}

const FIRST_DELAY_MS = 30_000;

function keys(username: string, ip: string | null, p: ThrottlePolicy): { key: string; free: number }[] {
  const name = username.toLowerCase().slice(0, 60);
  const address = (ip ?? "unknown").slice(0, 60);
  return [
    { key: `acct:${name}|ip:${address}`, free: p.perAccountAddress },
    // From many addresses at once: a looser count, so a user elsewhere is rarely kept waiting.
    { key: `acct:${name}`, free: p.perAccountAddress * 4 },
    // One address trying many names.
    { key: `ip:${address}`, free: p.perAccountAddress * 6 },
  ];
}

/** Seconds to wait before this name may try again from this address; 0 when it may now. */
export async function throttleWait(
  q: Queryable,
  username: string,
  ip: string | null,
  p: ThrottlePolicy,
  now: Date,
) {
  const { rows } = await q.query<{ blocked_until: Date | null }>(
    "SELECT blocked_until FROM login_throttle WHERE key = ANY($1::text[]) AND blocked_until > $2",
    [keys(username, ip, p).map((k) => k.key), now],
  );
  const until = Math.max(0, ...rows.map((r) => r.blocked_until!.getTime()));
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/**
 * Counts a failure under every key. Answers how many more failures this name has from this address
 * before it must wait, and the wait (seconds) if it must now.
 */
export async function recordFailure(
  q: Queryable,
  username: string,
  ip: string | null,
  p: ThrottlePolicy,
  now: Date,
): Promise<{ remaining: number; waitSeconds: number }> {
  let remaining = Number.POSITIVE_INFINITY;
  let wait = 0;
  for (const k of keys(username, ip, p)) {
    const { rows } = await q.query<{ failures: number }>(
      `INSERT INTO login_throttle AS t (key, failures, updated_at) VALUES ($1, 1, $2)
       ON CONFLICT (key) DO UPDATE SET failures = t.failures + 1, updated_at = $2 RETURNING failures`,
      [k.key, now],
    );
    const failures = rows[0]!.failures;
    remaining = Math.min(remaining, Math.max(0, k.free - failures));
    if (failures >= k.free) {
      const ms = Math.min(FIRST_DELAY_MS * 2 ** (failures - k.free), p.maxDelayMinutes * 60_000);
      await q.query("UPDATE login_throttle SET blocked_until = $2 WHERE key = $1", [
        k.key,
        new Date(now.getTime() + ms),
      ]);
      wait = Math.max(wait, Math.ceil(ms / 1000));
    }
  }
  return { remaining, waitSeconds: wait };
}

/** A successful login forgets the name's failures from this address (not the address's own count). */
export async function recordSuccess(q: Queryable, username: string, ip: string | null, p: ThrottlePolicy) {
  const [pair, account] = keys(username, ip, p);
  await q.query("DELETE FROM login_throttle WHERE key = ANY($1::text[])", [[pair!.key, account!.key]]);
}

/**
 * An unlock or a password reset: every count kept for the user's name, from every address (the
 * addresses' own counts stay).
 */
export async function clearAccount(q: Queryable, userId: string): Promise<void> {
  await q.query(
    `DELETE FROM login_throttle t USING users u
      WHERE u.id = $1 AND (t.key = 'acct:' || u.username OR starts_with(t.key, 'acct:' || u.username || '|'))`,
    [userId],
  );
}

/** SQL for when a user's name must wait before its next login, if it must: the admin list's 已锁定. */
export const BLOCKED_UNTIL_SQL = (u: string) =>
  `(SELECT max(t.blocked_until) FROM login_throttle t
     WHERE t.key = 'acct:' || ${u}.username OR starts_with(t.key, 'acct:' || ${u}.username || '|'))`;
