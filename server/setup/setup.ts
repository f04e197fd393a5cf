/**
 * A bureau's first start without the demo (`xinfang setup`): on a database with no users, create
 * the county, its petition bureau and the three administrators of 三员分立, each with a password
 * they must replace at their first login. One transaction; an audit row for each thing created.
 */
import type { Role } from "../../domain/auth/roles.ts";
import { countyCodeProblem } from "../../domain/org/region-code.ts";
import { type TSetupInput, ZSetupInput } from "../../domain/schemas/setup.ts";
import { isCommonPassword } from "../auth/password-rules.ts";
import { hashPassword, isStrongPassword } from "../auth/passwords.ts";
import type { Db, Queryable } from "../db/index.ts";
import { recordOpsAudit } from "../ops/ops-audit.ts";

/** A refusal with its reasons in Chinese and English, one line each. */
export class SetupError extends Error {
  constructor(readonly problems: { zh: string; en: string }[]) {
    super(problems.map((p) => `${p.zh} / ${p.en}`).join("\n"));
  }
}

export const ADMIN_SLOTS = [
  { key: "system", role: "system_admin", zh: "系统管理员", en: "system administrator" },
  { key: "security", role: "security_admin", zh: "安全管理员", en: "security administrator" },
  { key: "audit", role: "audit_admin", zh: "审计管理员", en: "audit administrator" },
] as const satisfies readonly { key: keyof TSetupInput["admins"]; role: Role; zh: string; en: string }[];

/** Whether the first administrators exist: a database with any user has been set up (or seeded). */
export async function isSetUp(q: Queryable): Promise<boolean> {
  const { rows } = await q.query<{ set_up: boolean }>("SELECT EXISTS (SELECT 1 FROM users) AS set_up");
  return rows[0]?.set_up === true;
}

/** What `serve` logs at start on a database without users (XF_DEMO=0): what to run. Null once set up. */
export async function notSetUpNotice(q: Queryable): Promise<string | null> {
  return (await isSetUp(q))
    ? null
    : "系统尚未初始化：没有任何用户。请先运行 npm run xinfang -- setup / not set up yet: no users; run npm run xinfang -- setup first";
}

/** The county's name: given, or the bureau's name without 信访局 (示范县信访局 → 示范县). */
function countyName(input: TSetupInput): string | null {
  if (input.bureau.countyName) return input.bureau.countyName;
  const m = /^(.+?)(人民政府)?信访(局|办|办公室)$/.exec(input.bureau.name);
  return m?.[1] ?? null;
}

/** Every reason the input cannot be used, before anything is written; empty when it can. */
export function setupProblems(raw: unknown): {
  input: TSetupInput | null;
  problems: { zh: string; en: string }[];
} {
  const parsed = ZSetupInput.safeParse(raw);
  if (!parsed.success)
    return {
      input: null,
      problems: parsed.error.issues.map((i) => ({
        zh: `字段 ${i.path.join(".") || "(根)"}：${i.message}`,
        en: `field ${i.path.join(".") || "(root)"}: ${i.message}`,
      })),
    };
  const input = parsed.data;
  const problems: { zh: string; en: string }[] = [];
  const code = countyCodeProblem(input.bureau.regionCode);
  if (code) problems.push(code);
  if (!countyName(input))
    problems.push({
      zh: "无法从局名得出县名，请填写 bureau.countyName",
      en: "the county's name cannot be read from the bureau's name: give bureau.countyName",
    });
  const seen = new Map<string, string>();
  for (const slot of ADMIN_SLOTS) {
    const a = input.admins[slot.key];
    const other = seen.get(a.username);
    if (other)
      problems.push({
        zh: `${slot.zh}与${other}的用户名相同（三员须为三个不同的账户）`,
        en: `the ${slot.en} has the same user name as the ${other} (three separate accounts)`,
      });
    seen.set(a.username, slot.zh);
    if (!isStrongPassword(a.password))
      problems.push({
        zh: `${slot.zh}的密码强度不足：至少10位，含小写字母、大写字母、数字、符号中的三类`,
        en: `the ${slot.en}'s password is too weak: 10+ characters from three of lower case, upper case, digits, symbols`,
      });
    else if (isCommonPassword(a.password, a.username))
      problems.push({
        zh: `${slot.zh}的密码是常见密码、其变形或含用户名`,
        en: `the ${slot.en}'s password is a common one, a variation of one, or holds the user name`,
      });
  }
  return { input, problems };
}

export const alreadySetUp = (): SetupError =>
  new SetupError([
    {
      zh: "数据库中已有用户，系统已初始化，setup 不做任何修改。管理员密码请用 xinfang admin reset-password 重置",
      en: "the database already has users: it is set up, and setup changed nothing. Reset an administrator's password with xinfang admin reset-password",
    },
  ]);

export interface SetupResult {
  countyId: string;
  bureauId: string;
  admins: { role: Role; username: string; id: string }[];
}

/** Creates the county, the bureau and the three administrators, or refuses and changes nothing. */
export async function setupBureau(db: Db, raw: unknown, now: Date): Promise<SetupResult> {
  const { input, problems } = setupProblems(raw);
  if (!input || problems.length) throw new SetupError(problems);
  if (await isSetUp(db)) throw alreadySetUp();
  const hashes = await Promise.all(ADMIN_SLOTS.map((s) => hashPassword(input.admins[s.key].password)));
  const county = countyName(input)!;
  return db.transaction(async (tx) => {
    // Two set-ups at once: the second waits here, then finds the first one's users and refuses.
    await tx.query("LOCK TABLE users, org_units IN SHARE ROW EXCLUSIVE MODE");
    if (await isSetUp(tx)) throw alreadySetUp();
    const units = await tx.query("SELECT 1 FROM org_units LIMIT 1");
    if (units.rows.length)
      throw new SetupError([
        {
          zh: "数据库中已有组织网络但没有用户：请换一个空数据库，或从备份恢复",
          en: "the database already holds an org network but no users: use an empty database, or restore a backup",
        },
      ]);
    const code = input.bureau.regionCode;
    const countyId = (
      await tx.query<{ id: string }>(
        `INSERT INTO org_units (parent_id, kind, path, name, region_code, created_at)
         VALUES (NULL, 'county', 'c', $1, $2, $3) RETURNING id`,
        [county, code, now],
      )
    ).rows[0]!.id;
    const bureauId = (
      await tx.query<{ id: string }>(
        `INSERT INTO org_units (parent_id, kind, path, name, region_code, created_at)
         VALUES ($1, 'bureau', 'c.xfj', $2, $3, $4) RETURNING id`,
        [countyId, input.bureau.name, code, now],
      )
    ).rows[0]!.id;
    await recordOpsAudit(
      tx,
      "setup_bureau",
      { type: "org_unit", id: bureauId },
      {
        county: { id: countyId, name: county, regionCode: code },
        bureau: { id: bureauId, name: input.bureau.name },
      },
    );
    const admins: SetupResult["admins"] = [];
    for (const [i, slot] of ADMIN_SLOTS.entries()) {
      const a = input.admins[slot.key];
      const id = (
        await tx.query<{ id: string }>(
          // The password was typed at set-up: the administrator chooses their own at the first login.
          `INSERT INTO users (username, display_name, unit_id, roles, password_hash, password_changed_at,
                              must_change_password, created_at)
           VALUES ($1, $2, $3, ARRAY[$4]::text[], $5, $6, true, $6) RETURNING id`,
          [a.username, a.name, bureauId, slot.role, hashes[i], now],
        )
      ).rows[0]!.id;
      await recordOpsAudit(
        tx,
        "setup_admin_create",
        { type: "user", id },
        {
          username: a.username,
          roles: [slot.role],
          unitId: bureauId,
          mustChangePassword: true,
        },
      );
      admins.push({ role: slot.role, username: a.username, id });
    }
    return { countyId, bureauId, admins };
  });
}
