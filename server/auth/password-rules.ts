/**
 * What a new password must not be: too short or too plain (isStrongPassword), one of the passwords
 * guessed first, a guessed stem dressed up with digits and symbols (server/auth/common-passwords.txt),
 * or the user's own name.
 */
import { readFileSync } from "node:fs";
import type { Queryable } from "../db/index.ts";
import { AppError } from "../plugins/errors.ts";
import { isStrongPassword, verifyPassword } from "./passwords.ts";

const LIST = readFileSync(new URL("./common-passwords.txt", import.meta.url), "utf8").split("\n");
const stemsAt = LIST.findIndex((l) => l.trim() === "## stems");
const entries = (lines: string[]) =>
  new Set(lines.map((l) => l.trim().toLowerCase()).filter((l) => l !== "" && !l.startsWith("#")));
const WHOLE = entries(LIST.slice(0, stemsAt));
const STEMS = entries(LIST.slice(stemsAt + 1));

const LOOK_ALIKE: Record<string, string> = {
  "0": "o",
  "1": "l",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "@": "a",
  $: "s",
  "!": "i",
};

/** The password's letters before any trailing digits and symbols, look-alikes read as letters. */
function stemOf(password: string): string {
  const lower = password.toLowerCase();
  const head = lower.replace(/[^a-z]+$/, "");
  return [...head]
    .map((c) => LOOK_ALIKE[c] ?? c)
    .join("")
    .replace(/[^a-z]/g, "");
}

export function isCommonPassword(password: string, username?: string): boolean {
  const lower = password.toLowerCase();
  if (WHOLE.has(lower)) return true;
  const stem = stemOf(password);
  if (STEMS.has(stem)) return true;
  // Any known stem with only separators between its parts: "admin-admin", "pass.word".
  if (STEMS.has(lower.replace(/[^a-z]/g, ""))) return true;
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) return true;
  return false;
}

/** Throws the reason a new password is refused: too weak, or common. */
export function checkNewPassword(password: string, username?: string): void {
  if (!isStrongPassword(password)) throw new AppError("PASSWORD_TOO_WEAK");
  if (isCommonPassword(password, username)) throw new AppError("PASSWORD_COMMON");
}

/** How many earlier passwords a user may not choose again (the current one besides). */
export const PASSWORD_HISTORY = 5;

/** Refuses `password` if it is the current one or one of the user's last PASSWORD_HISTORY. */
export async function checkNotReused(q: Queryable, userId: string, password: string): Promise<void> {
  const { rows } = await q.query<{ password_hash: string }>(
    `(SELECT password_hash FROM users WHERE id = $1)
     UNION ALL
     (SELECT password_hash FROM password_history WHERE user_id = $1 ORDER BY id DESC LIMIT $2)`,
    [userId, PASSWORD_HISTORY],
  );
  for (const r of rows)
    if (await verifyPassword(r.password_hash, password)) throw new AppError("AUTH_PASSWORD_REUSED");
}

/**
 * Keeps the hash the user's password has now before it is replaced (call it in the transaction of
 * the change, before the UPDATE), and forgets all but the newest ten.
 */
export async function rememberCurrentPassword(q: Queryable, userId: string, now: Date): Promise<void> {
  await q.query(
    `INSERT INTO password_history (user_id, password_hash, replaced_at)
     SELECT id, password_hash, $2 FROM users WHERE id = $1`,
    [userId, now],
  );
  await q.query(
    `DELETE FROM password_history WHERE user_id = $1 AND id NOT IN
       (SELECT id FROM password_history WHERE user_id = $1 ORDER BY id DESC LIMIT 10)`,
    [userId],
  );
}
