/**
 * `xinfang setup [--from setup.json]`: asks on the terminal (passwords not echoed, checked as they
 * are typed) or reads the scripted install's file, then creates the bureau (setup.ts).
 */
import fs from "node:fs";
import { createInterface } from "node:readline/promises";
import type { TSetupInput } from "../../domain/schemas/setup.ts";
import { isCommonPassword } from "../auth/password-rules.ts";
import { isStrongPassword } from "../auth/passwords.ts";
import type { Db } from "../db/index.ts";
import { readSecretLine } from "../ops/admin-accounts.ts";
import { ADMIN_SLOTS, alreadySetUp, isSetUp, SetupError, setupBureau } from "./setup.ts";

export interface SetupIo {
  log(line: string): void;
}

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

async function askPassword(who: string, username: string, io: SetupIo): Promise<string> {
  for (;;) {
    const first = await readSecretLine(`${who}的初始密码 / initial password (not shown): `);
    if (!isStrongPassword(first)) {
      io.log(
        "密码强度不足：至少10位，含小写、大写、数字、符号中的三类 / too weak: 10+ characters from three classes",
      );
      continue;
    }
    if (isCommonPassword(first, username)) {
      io.log(
        "该密码是常见密码、其变形或含用户名 / a common password, a variation of one, or holds the user name",
      );
      continue;
    }
    const again = await readSecretLine("再输入一次 / again: ");
    if (again === first) return first;
    io.log("两次输入不一致 / the two do not match");
  }
}

async function askOnTerminal(io: SetupIo): Promise<TSetupInput> {
  const name = await ask("信访局名称 / bureau's name (例 e.g. 某某县信访局): ");
  const regionCode = await ask("县级行政区划代码 / county's region code (GB/T 2260, 6 digits): ");
  const countyName = await ask("县名 / county's name (回车 = 从局名得出 / Enter = from the bureau's name): ");
  const admins = {} as TSetupInput["admins"];
  for (const slot of ADMIN_SLOTS) {
    io.log(`— ${slot.zh} / ${slot.en}`);
    const username = (await ask("  用户名 / user name: ")).toLowerCase();
    const display = await ask("  姓名 / name: ");
    const password = await askPassword(`  ${slot.zh}`, username, io);
    admins[slot.key] = { username, name: display, password };
  }
  return { bureau: { name, regionCode, ...(countyName ? { countyName } : {}) }, admins };
}

function readFromFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new SetupError([
      {
        zh: `无法读取 ${file}`,
        en: `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`,
      },
    ]);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    throw new SetupError([{ zh: `${file} 不是有效的 JSON`, en: `${file} is not valid JSON` }]);
  }
}

export const NEXT_STEPS = [
  "下一步 / next steps:",
  "  1. npm run xinfang -- template network network.xlsx   填写乡镇、村、组、部门 / fill in townships, villages, groups, departments",
  "  2. npm run xinfang -- import network network.xlsx     导入组织网络 / import the network",
  "  3. npm run xinfang -- template users users.xlsx       填写工作人员 / fill in the staff",
  "  4. npm run xinfang -- import users users.xlsx         导入账户（初始密码另存文件）/ import the accounts (initial passwords to a file)",
  "  5. XF_DEMO=0 npm start                                 启动 / start; 三员首次登录须修改密码 / each administrator picks a new password at first login",
  "     安全管理员在「用户管理」授予业务角色（或导入用户表时确认角色）/ the security administrator grants business roles",
];

/** Runs the command; returns the exit status. */
export async function setupCommand(db: Db, from: string | undefined, io: SetupIo): Promise<number> {
  try {
    // Say so before asking anything: a set-up database is refused whatever is typed.
    if (await isSetUp(db)) throw alreadySetUp();
    let raw: unknown;
    if (from) raw = readFromFile(from);
    else if (process.stdin.isTTY) raw = await askOnTerminal(io);
    else
      throw new SetupError([
        {
          zh: "没有终端可以提问：请用 --from setup.json",
          en: "no terminal to ask on: use --from setup.json",
        },
      ]);
    const r = await setupBureau(db, raw, new Date());
    io.log("系统已初始化 / set up:");
    for (const a of r.admins)
      io.log(
        `  ${a.role.padEnd(15)} ${a.username}（首次登录须修改密码 / must change the password at first login）`,
      );
    if (from) io.log(`${from} 中有明文密码，请删除该文件 / ${from} holds passwords in clear: delete it`);
    for (const line of NEXT_STEPS) io.log(line);
    return 0;
  } catch (err) {
    if (!(err instanceof SetupError)) throw err;
    io.log("setup 未做任何修改 / setup changed nothing:");
    for (const p of err.problems) io.log(`  ${p.zh} / ${p.en}`);
    return 1;
  }
}
