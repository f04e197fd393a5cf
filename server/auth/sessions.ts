import { createHash, randomBytes } from "node:crypto";
import { isAdminOnly, type Role, SENSITIVE_VIEW_ROLES } from "../../domain/auth/roles.ts";
import type { PasswordChangeReason, SessionRestriction } from "../../domain/schemas/auth.ts";
import { type Batcher, createBatcher, type Outcome } from "../db/batcher.ts";
import type { Queryable } from "../db/index.ts";
import type { Actor } from "./actor.ts";

export const SESSION_COOKIE = "xf_session";

export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createSession(
  q: Queryable,
  userId: string,
  now: Date,
  ip: string | null,
  userAgent: string | null,
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  await q.query(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, ip, user_agent)
     VALUES ($1, $2, $3, $4, $4, $5, $6)`,
    [tokenHash(token), userId, csrfToken, now, ip, userAgent?.slice(0, 300) ?? null],
  );
  return { token, csrfToken };
}

interface SessionRow {
  csrf_token: string;
  last_seen_at: Date;
  user_id: string;
  username: string;
  display_name: string;
  roles: Role[];
  unit_id: string;
  unit_name: string;
  unit_kind: string;
  unit_path: string;
  area_path: string;
  is_active: boolean;
  totp_enabled: boolean;
  password_changed_at: Date;
  must_change_password: boolean;
}

export interface SessionPolicy {
  idleMinutes: number;
  securityProfile: "standard" | "mlps";
  passwordMaxAgeDays: number;
}

export type SessionLookup =
  | { state: "none" }
  | { state: "expired" }
  | {
      state: "active";
      actor: Actor;
      csrfToken: string;
      totpEnabled: boolean;
      restrictions: SessionRestriction[];
      /** Why `change_password` is pending, if it is (an administrator's password wins over age). */
      passwordChangeReason: PasswordChangeReason | null;
    };

const SESSION_SQL = `SELECT s.token_hash, s.csrf_token, s.last_seen_at, u.id AS user_id, u.username, u.display_name,
            u.roles, u.is_active, u.totp_enabled, u.password_changed_at, u.must_change_password,
            o.id AS unit_id, o.name AS unit_name, o.kind AS unit_kind, o.path AS unit_path,
            (SELECT a.path FROM org_units a
              WHERE a.kind IN ('county', 'township', 'village', 'group')
                AND (o.path = a.path OR starts_with(o.path, a.path || '.'))
              ORDER BY length(a.path) DESC LIMIT 1) AS area_path
       FROM sessions s JOIN users u ON u.id = s.user_id JOIN org_units o ON o.id = u.unit_id
      WHERE s.token_hash = ANY($1::text[])`;

/** Reads the sessions of several token hashes with one statement. */
async function readSessions(q: Queryable, hashes: readonly string[]): Promise<Outcome<SessionRow | null>[]> {
  const { rows } = await q.query<SessionRow & { token_hash: string }>(SESSION_SQL, [hashes]);
  const byHash = new Map(rows.map((r) => [r.token_hash, r]));
  return hashes.map((h) => ({ ok: true, value: byHash.get(h) ?? null }));
}

const readers = new WeakMap<Queryable, Batcher<string, SessionRow | null>>();

/**
 * Finds the session for a cookie token. An idle session is deleted and reported as expired; an
 * active one is touched (at most once a minute, to keep reads cheap).
 *
 * Requests that arrive while earlier lookups are being read share the next read (the same
 * group-commit batcher the registrations use, here for a read): every request of a busy server
 * otherwise costs the database a round trip before it does anything. A lookup is never answered
 * from memory: each read starts after the request arrived, so a session ended a moment ago is gone.
 */
export async function lookupSession(
  q: Queryable,
  token: string,
  now: Date,
  policy: SessionPolicy,
): Promise<SessionLookup> {
  const idleMinutes = policy.idleMinutes;
  const h = tokenHash(token);
  let reader = readers.get(q);
  if (!reader) {
    reader = createBatcher((hashes: readonly string[]) => readSessions(q, hashes), {
      maxBatch: 64,
      inFlight: 2,
    });
    readers.set(q, reader);
  }
  const row = await reader(h);
  if (!row) return { state: "none" };
  if (!row.is_active || now.getTime() - row.last_seen_at.getTime() > idleMinutes * 60_000) {
    await q.query("DELETE FROM sessions WHERE token_hash = $1", [h]);
    return { state: "expired" };
  }
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) {
    await q.query("UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1", [h, now]);
  }
  const restrictions: SessionRestriction[] = [];
  // 等保三级: the administrators, and the roles that can reveal a petitioner's full identity, log in
  // with a second factor.
  const needsSecondFactor = isAdminOnly(row.roles) || row.roles.some((r) => SENSITIVE_VIEW_ROLES.includes(r));
  if (policy.securityProfile === "mlps" && needsSecondFactor && !row.totp_enabled) {
    restrictions.push("enrol_totp");
  }
  // A password an administrator set (reset or new account) must be replaced by the user's own;
  // an old one must be replaced once it passes the maximum age.
  const passwordChangeReason: PasswordChangeReason | null = row.must_change_password
    ? "admin_set"
    : policy.passwordMaxAgeDays > 0 &&
        now.getTime() - row.password_changed_at.getTime() > policy.passwordMaxAgeDays * 86_400_000
      ? "expired"
      : null;
  if (passwordChangeReason) restrictions.push("change_password");
  return {
    state: "active",
    csrfToken: row.csrf_token,
    totpEnabled: row.totp_enabled,
    restrictions,
    passwordChangeReason,
    actor: {
      id: row.user_id,
      username: row.username,
      displayName: row.display_name,
      roles: row.roles,
      unitId: row.unit_id,
      unitName: row.unit_name,
      unitKind: row.unit_kind,
      unitPath: row.unit_path,
      areaPath: row.area_path,
    },
  };
}

export async function deleteSession(q: Queryable, token: string): Promise<void> {
  await q.query("DELETE FROM sessions WHERE token_hash = $1", [tokenHash(token)]);
}
