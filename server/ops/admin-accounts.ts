/**
 * The administrators' own accounts, changed by someone at the server's console (三员分立): the
 * only way besides the two-person reset to set an administrator's password, and the only way to
 * give an account one of the three administrator roles. Each change is an audit row whose actor is
 * the server console (`actor_role = 'server_console'`) with the operating-system user named.
 */
import os from "node:os";
import { ADMIN_ROLES, type Role } from "../../domain/auth/roles.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { isCommonPassword, rememberCurrentPassword } from "../auth/password-rules.ts";
import { hashPassword, isStrongPassword } from "../auth/passwords.ts";
import { clearAccount } from "../auth/throttle.ts";
import type { Db } from "../db/index.ts";

export class AdminCommandError extends Error {}

function consoleUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return "unknown";
  }
}

async function findUser(db: Db, username: string): Promise<{ id: string; roles: Role[] }> {
  const row = (
    await db.query<{ id: string; roles: Role[] }>("SELECT id, roles FROM users WHERE username = $1", [
      username,
    ])
  ).rows[0];
  if (!row) throw new AdminCommandError(`没有用户 ${username} / no user ${username}`);
  return row;
}

/** Sets a new password (to be replaced at the next login) for any account, an administrator's included. */
export async function resetPasswordAtConsole(
  db: Db,
  username: string,
  password: string,
  now: Date,
): Promise<void> {
  if (!isStrongPassword(password))
    throw new AdminCommandError(
      "密码强度不足 / the password is too weak (10+ characters from three of: lower case, upper case, digits, symbols)",
    );
  if (isCommonPassword(password, username))
    throw new AdminCommandError(
      "该密码是常见密码或其变形 / the password is a common one or a variation of one",
    );
  const user = await findUser(db, username);
  const hash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await rememberCurrentPassword(tx, user.id, now);
    await tx.query(
      `UPDATE users SET password_hash = $2, password_changed_at = $3, failed_logins = 0, locked_until = NULL,
              must_change_password = true WHERE id = $1`,
      [user.id, hash, now],
    );
    await clearAccount(tx, user.id);
    await tx.query("DELETE FROM sessions WHERE user_id = $1", [user.id]);
    await recordAudit(tx, {
      actorRole: "server_console",
      action: "admin_console_password_reset",
      objectType: "user",
      objectId: user.id,
      detail: { username, osUser: consoleUser(), mustChangePassword: true },
    });
  });
}

/** Makes an account an administrator (its other roles end: an administrator holds one role alone). */
export async function grantAdminRoleAtConsole(db: Db, username: string, role: string): Promise<void> {
  if (!ADMIN_ROLES.includes(role as Role))
    throw new AdminCommandError(
      `管理员角色只有 ${ADMIN_ROLES.join("、")} / the administrator roles are ${ADMIN_ROLES.join(", ")}`,
    );
  const user = await findUser(db, username);
  await db.transaction(async (tx) => {
    await tx.query("UPDATE users SET roles = ARRAY[$2]::text[] WHERE id = $1", [user.id, role]);
    await tx.query("DELETE FROM sessions WHERE user_id = $1", [user.id]);
    await recordAudit(tx, {
      actorRole: "server_console",
      action: "admin_console_role_grant",
      objectType: "user",
      objectId: user.id,
      detail: { username, osUser: consoleUser(), from: user.roles, to: [role] },
    });
  });
}

/** Reads one line from standard input; on a terminal it asks and does not echo what is typed. */
export async function readSecretLine(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let data = "";
    for await (const chunk of stdin) {
      data += String(chunk);
      if (data.includes("\n")) break;
    }
    return data.split(/\r?\n/)[0] ?? "";
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding("utf8");
  return new Promise((resolve, reject) => {
    let typed = "";
    const onData = (ch: string) => {
      for (const c of ch) {
        if (c === "\r" || c === "\n") {
          done();
          resolve(typed);
          return;
        }
        if (c === "\u0003") {
          done();
          reject(new AdminCommandError("已取消 / cancelled"));
          return;
        }
        if (c === "\u007f") typed = typed.slice(0, -1);
        else typed += c;
      }
    };
    const done = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
    };
    stdin.on("data", onData);
  });
}
