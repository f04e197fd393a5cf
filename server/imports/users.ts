/**
 * Importing staff accounts. A row is matched by user name: a new one is created with a generated
 * first password the user replaces at the first login, a known one gets the file's name and unit.
 * 三员分立 holds: administrator roles are never taken from a file and administrators' accounts are
 * never changed by one; the business roles in the file are applied only by the security
 * administrator (mode `roles`: existing accounts, roles only) or at the server's console with
 * `--grant-roles` (mode `all`). The system administrator's import (mode `accounts`) creates
 * accounts that hold no role, as the user screen does.
 */
import { randomInt } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { ROLE_LABELS } from "../../domain/auth/role-labels.ts";
import { ADMIN_ROLES, isAdminOnly, ROLES, type Role } from "../../domain/auth/roles.ts";
import { normaliseStaffPhone } from "../../domain/org/staff-phone.ts";
import { isCommonPassword } from "../auth/password-rules.ts";
import { isStrongPassword } from "../auth/passwords.ts";
import type { Queryable } from "../db/index.ts";
import { type ColumnSpec, type ImportIssue, issueAt, mapColumns, textProblem } from "./columns.ts";
import type { Table, TableRow } from "./read-table.ts";

export type UsersMode = "accounts" | "roles" | "all";

export const USER_COLUMNS = [
  { key: "username", headers: ["用户名", "账号", "登录名"], required: true },
  { key: "name", headers: ["姓名"], required: true },
  { key: "unit", headers: ["所属单位", "单位", "单位名称"], required: true },
  { key: "unitCode", headers: ["单位区划代码", "区划代码", "行政区划代码"], required: true },
  { key: "roles", headers: ["角色", "业务角色"], required: false },
  { key: "phone", headers: ["联系电话", "手机", "电话", "手机号码", "联系方式"], required: false },
] as const satisfies readonly ColumnSpec<string>[];

const ROLE_BY_NAME = new Map<string, Role>();
for (const r of ROLES) {
  ROLE_BY_NAME.set(r, r);
  ROLE_BY_NAME.set(ROLE_LABELS[r].zh, r);
  ROLE_BY_NAME.set(ROLE_LABELS[r].en.toLowerCase(), r);
}

export interface UsersPlan {
  issues: ImportIssue[];
  rows: number;
  create: {
    row: number;
    username: string;
    displayName: string;
    unitId: string;
    roles: Role[];
    phone: string | null;
  }[];
  /** `phone`: the account's phone after the import (an empty cell keeps the one it has). */
  update: {
    row: number;
    id: string;
    username: string;
    displayName: string;
    unitId: string;
    phone: string | null;
  }[];
  /** Business roles the file gives (new accounts included), to apply in modes `roles` and `all`. */
  roles: { row: number; id: string | null; username: string; from: Role[]; to: Role[] }[];
  unchanged: number;
  invalidRows: number;
}

interface ExistingUser {
  id: string;
  username: string;
  display_name: string;
  unit_id: string;
  roles: Role[];
  phone: string | null;
}

/** Checks every row against the file and the database for `mode`; writes nothing. */
export async function planUsers(q: Queryable, table: Table, mode: UsersMode): Promise<UsersPlan> {
  const { columns, issues } = mapColumns(table, USER_COLUMNS);
  const plan: UsersPlan = {
    issues,
    rows: table.rows.length,
    create: [],
    update: [],
    roles: [],
    unchanged: 0,
    invalidRows: 0,
  };
  if (table.rows.length === 0)
    issues.push({
      sheet: table.sheet,
      row: null,
      column: null,
      zh: "表中没有数据行（第1行是表头）",
      en: "the sheet has no data rows (row 1 is the header)",
    });
  if (issues.length) return { ...plan, invalidRows: table.rows.length };
  const units = new Map<string, { id: string; active: boolean }[]>();
  for (const u of (
    await q.query<{ id: string; name: string; region_code: string; is_active: boolean }>(
      "SELECT id, name, region_code, is_active FROM org_units",
    )
  ).rows) {
    const key = `${u.region_code}|${u.name}`;
    units.set(key, [...(units.get(key) ?? []), { id: u.id, active: u.is_active }]);
  }
  const users = new Map(
    (
      await q.query<ExistingUser>("SELECT id, username, display_name, unit_id, roles, phone FROM users")
    ).rows.map((u) => [u.username, u]),
  );
  const bad = new Set<number>();
  const fail = (r: TableRow, key: (typeof USER_COLUMNS)[number]["key"], p: { zh: string; en: string }) => {
    issues.push(issueAt(table, r, columns.label(key), p));
    bad.add(r.row);
  };
  const seen = new Map<string, number>();
  for (const r of table.rows) {
    const before = bad.size;
    const userCell = columns.cell(r, "username");
    const username = userCell.text.trim().toLowerCase();
    const userProblem = textProblem(userCell, 40, true);
    if (userProblem) fail(r, "username", userProblem);
    else if (!/^[a-z0-9_.-]{3,40}$/.test(username))
      fail(r, "username", {
        zh: "用户名须为3–40位小写字母、数字或 _ . -",
        en: "a user name has 3–40 lower-case letters, digits or _ . -",
      });
    const nameCell = columns.cell(r, "name");
    const nameProblem = textProblem(nameCell, 50, true);
    if (nameProblem) fail(r, "name", nameProblem);
    const unitCell = columns.cell(r, "unit");
    const unitProblem = textProblem(unitCell, 100, true);
    if (unitProblem) fail(r, "unit", unitProblem);
    const codeCell = columns.cell(r, "unitCode");
    const code = codeCell.text.trim();
    if (codeCell.isFormula || !/^[0-9]{6}([0-9]{3}([0-9]{3})?)?$/.test(code))
      fail(r, "unitCode", {
        zh: `单位区划代码「${code}」应为6、9或12位数字`,
        en: `the unit's region code "${code}" must be 6, 9 or 12 digits`,
      });
    let unitId: string | null = null;
    if (!unitProblem && bad.size === before) {
      const found = units.get(`${code}|${unitCell.text.trim()}`) ?? [];
      const active = found.filter((u) => u.active);
      if (active.length === 1) unitId = active[0]!.id;
      else if (active.length > 1)
        fail(r, "unit", {
          zh: `区划代码 ${code} 下有多个「${unitCell.text.trim()}」`,
          en: `more than one "${unitCell.text.trim()}" under region code ${code}`,
        });
      else
        fail(
          r,
          "unit",
          found.length
            ? {
                zh: `单位「${unitCell.text.trim()}」已停用`,
                en: `the unit "${unitCell.text.trim()}" is deactivated`,
              }
            : {
                zh: `找不到单位「${unitCell.text.trim()}」（区划代码 ${code}）：请先导入组织网络`,
                en: `no unit "${unitCell.text.trim()}" with region code ${code}: import the network first`,
              },
        );
    }
    const rolesCell = columns.cell(r, "roles");
    const roles: Role[] = [];
    const rolesProblem = textProblem(rolesCell, 200, false);
    if (rolesProblem) fail(r, "roles", rolesProblem);
    else
      for (const word of rolesCell.text.split(/[、,，;；/\s]+/).filter(Boolean)) {
        const role = ROLE_BY_NAME.get(word) ?? ROLE_BY_NAME.get(word.toLowerCase());
        if (!role) fail(r, "roles", { zh: `角色「${word}」无法识别`, en: `unknown role "${word}"` });
        else if (ADMIN_ROLES.includes(role))
          fail(r, "roles", {
            zh: `「${ROLE_LABELS[role].zh}」是管理员角色，不能通过导入授予（三员分立：由 setup 或服务器上的 admin grant 授予）`,
            en: `"${ROLE_LABELS[role].en}" is an administrator's role and is never imported (三员分立: setup or admin grant at the server)`,
          });
        else if (!roles.includes(role)) roles.push(role);
      }
    // The phone: an empty cell (or no such column) keeps the account's phone as it is.
    const phoneCell = columns.cell(r, "phone");
    let phone: string | null = null;
    const phoneProblem = textProblem(phoneCell, 40, false);
    if (phoneProblem) fail(r, "phone", phoneProblem);
    else if (phoneCell.text.trim() !== "") {
      const checked = normaliseStaffPhone(phoneCell.text);
      if (checked.ok) phone = checked.phone;
      else fail(r, "phone", checked);
    }
    if (!userProblem && /^[a-z0-9_.-]{3,40}$/.test(username)) {
      const first = seen.get(username);
      if (first)
        fail(r, "username", {
          zh: `与第${first}行的用户名重复`,
          en: `repeats the user name of row ${first}`,
        });
      else seen.set(username, r.row);
    }
    const existing = users.get(username);
    if (existing && isAdminOnly(existing.roles))
      fail(r, "username", {
        zh: "这是管理员账户，导入不能修改管理员账户（三员分立）",
        en: "this is an administrator's account, which an import never changes (三员分立)",
      });
    if (!existing && mode === "roles" && !bad.has(r.row))
      fail(r, "username", {
        zh: "账户不存在：须先由系统管理员导入或新建账户，再由安全管理员授予角色",
        en: "no such account: the system administrator imports or creates it first, then the security administrator grants roles",
      });
    if (bad.has(r.row) || !unitId) continue;
    const displayName = nameCell.text.trim();
    let changed = false;
    if (!existing) {
      if (mode !== "roles") {
        plan.create.push({ row: r.row, username, displayName, unitId, roles, phone });
        changed = true;
      }
    } else if (
      mode !== "roles" &&
      (existing.display_name !== displayName ||
        existing.unit_id !== unitId ||
        (phone !== null && phone !== existing.phone))
    ) {
      plan.update.push({
        row: r.row,
        id: existing.id,
        username,
        displayName,
        unitId,
        phone: phone ?? existing.phone,
      });
      changed = true;
    }
    // An empty role cell leaves an account's roles as they are; a filled one sets them.
    const from = existing?.roles ?? [];
    if (roles.length && (from.length !== roles.length || roles.some((x) => !from.includes(x)))) {
      plan.roles.push({ row: r.row, id: existing?.id ?? null, username, from, to: roles });
      if (mode !== "accounts") changed = true;
    }
    if (!changed) plan.unchanged++;
  }
  plan.invalidRows = bad.size;
  return plan;
}

const PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A first password to hand to the user: four groups of four, about 92 bits, never a common one. */
export function generatePassword(): string {
  for (;;) {
    const groups = Array.from({ length: 4 }, () =>
      Array.from({ length: 4 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join(""),
    );
    const pw = groups.join("-");
    if (isStrongPassword(pw) && !isCommonPassword(pw)) return pw;
  }
}

/**
 * The hash of a generated first password. A password of ~92 random bits cannot be guessed from
 * its hash, so Argon2id runs at a light cost here (a few ms, not ~50): 10,000 imported accounts
 * take seconds, not minutes. The user's own password, chosen at the first login, gets the full cost.
 */
function hashGenerated(password: string): Promise<string> {
  return hash(password, { memoryCost: 2048, timeCost: 1, parallelism: 1 });
}

/** Writes the plan for `mode`; returns the first passwords of the accounts it created. */
export type FirstPasswords = Map<string, { password: string; hash: string }>;

/**
 * Generates and hashes the first passwords of `usernames`, a few at a time (the hashing runs on
 * libuv's threads). Done before the import's transaction, so its locks are not held meanwhile.
 */
export async function prepareFirstPasswords(usernames: readonly string[]): Promise<FirstPasswords> {
  const out: FirstPasswords = new Map();
  for (let i = 0; i < usernames.length; i += 8) {
    const chunk = usernames.slice(i, i + 8).map((u) => ({ u, password: generatePassword() }));
    const hashes = await Promise.all(chunk.map((x) => hashGenerated(x.password)));
    for (const [k, { u, password }] of chunk.entries()) out.set(u, { password, hash: hashes[k]! });
  }
  return out;
}

/** Writes the plan for `mode`; returns the first passwords of the accounts it created. */
export async function applyUsers(
  tx: Queryable,
  plan: UsersPlan,
  mode: UsersMode,
  now: Date,
  prepared: FirstPasswords = new Map(),
): Promise<{ username: string; displayName: string; password: string }[]> {
  const passwords: { username: string; displayName: string; password: string }[] = [];
  if (mode !== "roles" && plan.create.length) {
    // Accounts that appeared between the preview and the lock get theirs now.
    const missing = plan.create.map((c) => c.username).filter((u) => !prepared.has(u));
    const late = await prepareFirstPasswords(missing);
    const rows = plan.create.map((c) => {
      const first = prepared.get(c.username) ?? late.get(c.username)!;
      passwords.push({ username: c.username, displayName: c.displayName, password: first.password });
      return {
        username: c.username,
        display_name: c.displayName,
        unit_id: c.unitId,
        roles: mode === "all" ? c.roles : [],
        password_hash: first.hash,
        phone: c.phone,
      };
    });
    await tx.query(
      `INSERT INTO users (username, display_name, unit_id, roles, password_hash, password_changed_at,
                          must_change_password, created_at, phone)
       SELECT r.username, r.display_name, r.unit_id, ARRAY(SELECT jsonb_array_elements_text(r.roles)),
              r.password_hash, $2, true, $2, r.phone
         FROM jsonb_to_recordset($1::jsonb)
           AS r(username text, display_name text, unit_id uuid, roles jsonb, password_hash text, phone text)`,
      [JSON.stringify(rows), now],
    );
  }
  if (mode !== "roles" && plan.update.length)
    await tx.query(
      `UPDATE users u SET display_name = r.display_name, unit_id = r.unit_id, phone = r.phone
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, display_name text, unit_id uuid, phone text)
        WHERE u.id = r.id`,
      [
        JSON.stringify(
          plan.update.map((u) => ({
            id: u.id,
            display_name: u.displayName,
            unit_id: u.unitId,
            phone: u.phone,
          })),
        ),
      ],
    );
  const roleChanges = mode === "accounts" ? [] : plan.roles.filter((r) => r.id !== null);
  if (roleChanges.length) {
    const json = JSON.stringify(roleChanges.map((r) => ({ id: r.id, roles: r.to })));
    await tx.query(
      `UPDATE users u SET roles = ARRAY(SELECT jsonb_array_elements_text(r.roles))
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, roles jsonb) WHERE u.id = r.id`,
      [json],
    );
    // New roles take effect at the next login, as when granted on the user screen.
    await tx.query(
      "DELETE FROM sessions WHERE user_id IN (SELECT r.id FROM jsonb_to_recordset($1::jsonb) AS r(id uuid))",
      [json],
    );
  }
  return passwords;
}
