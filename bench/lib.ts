/**
 * Shared helpers for the benchmarks and the crash test: fresh PostgreSQL databases, a Xinfang
 * server as a child process on a free loopback port, health polling, login, realistic Chinese
 * petition bodies. Everything talks to 127.0.0.1 only.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { generateIdNumber } from "../domain/identity/id-card.ts";
import type { Actor } from "../server/auth/actor.ts";
import type { Db } from "../server/db/index.ts";
import { DEMO_PASSWORD, DEMO_UNITS } from "../server/seed/demo-network.ts";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/**
 * Where the server's code is run from: this checkout, or BENCH_SERVER_ROOT (e.g. a `git worktree`
 * of another commit, to compare two versions with the same benchmark).
 */
export const SERVER_ROOT = path.resolve(process.env.BENCH_SERVER_ROOT ?? REPO_ROOT);
export const execFileAsync = promisify(execFile);

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/** Admin connection (a role with CREATEDB) to the maintenance database; override with BENCH_PG_ADMIN_URL. */
export const PG_ADMIN_URL =
  process.env.BENCH_PG_ADMIN_URL ?? "postgres://xinfang:xinfang@127.0.0.1:5432/postgres";

/** The admin URL with another database name. */
export function pgUrl(database: string): string {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Connection pieces for command-line tools (pgbench, psql). */
export function pgCliEnv(): { host: string; port: string; user: string; env: NodeJS.ProcessEnv } {
  const u = new URL(PG_ADMIN_URL);
  return {
    host: u.hostname,
    port: u.port || "5432",
    user: decodeURIComponent(u.username),
    env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) },
  };
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

const DB_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * DROP DATABASE … WITH (FORCE) ends our own sessions on it, but it may not end an autovacuum worker
 * (a superuser process) that happens to be there; a plain DROP DATABASE cancels those itself, and
 * "in use" goes away once our sessions have ended. So: force, then plain, retried for a while.
 */
async function dropWithRetry(c: pg.Client, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return;
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (code !== "42501" && code !== "55006") throw err;
    }
    try {
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (code !== "55006" || attempt >= 20) throw err;
    }
    await sleep(500);
  }
}

/** Creates an empty UTF-8 database (C.UTF-8 collation, from template0) and returns its URL. */
export async function createDatabase(name: string): Promise<string> {
  if (!DB_NAME.test(name)) throw new Error(`bad database name: ${name}`);
  await withAdmin(async (c) => {
    await dropWithRetry(c, name);
    await c.query(
      `CREATE DATABASE ${name} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0`,
    );
  });
  return pgUrl(name);
}

export async function dropDatabase(name: string): Promise<void> {
  if (!DB_NAME.test(name)) throw new Error(`bad database name: ${name}`);
  await withAdmin((c) => dropWithRetry(c, name));
}

/** Runs one function with a short-lived client on a database. */
export async function withDb<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function countRows(url: string, sql: string, params: unknown[] = []): Promise<number> {
  return withDb(url, async (c) => {
    const r = await c.query<{ n: string }>(sql, params);
    return Number(r.rows[0]?.n ?? 0);
  });
}

// ---------------------------------------------------------------------------------------------
// The server as a child process

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      if (addr === null || typeof addr === "string") {
        srv.close();
        reject(new Error("no port"));
        return;
      }
      srv.close(() => resolve(addr.port));
    });
  });
}

export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface ServerOptions {
  port: number;
  /** XF_DATA_DIR (files, key ring; the embedded database when databaseUrl is unset). */
  dataDir: string;
  databaseUrl?: string;
  /** Extra or overriding environment variables. */
  env?: Record<string, string>;
  /** How long to wait for /api/health to answer 200. */
  readyTimeoutMs?: number;
  /** Echo the server's output to this process's stderr (default: keep it in memory only). */
  echo?: boolean;
  /** Extra node flags, e.g. ["--cpu-prof", "--cpu-prof-dir=…"]. */
  nodeArgs?: string[];
}

export interface ServerHandle {
  readonly port: number;
  readonly baseUrl: string;
  readonly child: ChildProcess;
  /** PID of the server process (node itself, not a wrapper). */
  readonly pid: number;
  /** Resolves with the exit code / signal once the process is gone. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  isAlive(): boolean;
  /** The last lines the server wrote (up to 200 are kept), for failure reports. */
  recentOutput(lines?: number): string;
  /** SIGTERM (graceful: closes the app and the database), SIGKILL after timeoutMs. */
  stop(timeoutMs?: number): Promise<void>;
  /** SIGKILL and wait for the process to be gone. */
  kill(): Promise<void>;
}

/**
 * Starts `server/main.ts serve` under node with the tsx loader, so the PID is the server itself
 * (the tsx CLI would put a wrapper process in between, which SIGKILL cannot see through).
 */
export async function startServer(opts: ServerOptions): Promise<ServerHandle> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(opts.port),
    XF_DATA_DIR: opts.dataDir,
    XF_DEMO: "1",
    LOG_LEVEL: "warn",
    XF_RATE_LIMIT_ALLOW_LOOPBACK: "1",
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
    ...opts.env,
  };
  const child = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), "--import", "tsx", "server/main.ts", "serve"],
    {
      cwd: SERVER_ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  if (child.pid === undefined) throw new Error("could not spawn the server");
  const pid = child.pid;
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    if (opts.echo) process.stderr.write(text);
    for (const line of text.split("\n")) if (line) lines.push(line);
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let alive = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => {
      alive = false;
      resolve({ code, signal });
    });
  });
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  const handle: ServerHandle = {
    port: opts.port,
    baseUrl,
    child,
    pid,
    exited,
    isAlive: () => alive,
    recentOutput: (n = 40) => lines.slice(-n).join("\n"),
    async stop(timeoutMs = 15_000) {
      if (!alive) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => {
        if (alive) child.kill("SIGKILL");
      }, timeoutMs);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (!alive) return;
      child.kill("SIGKILL");
      await exited;
    },
  };
  try {
    await waitForHealth(baseUrl, opts.readyTimeoutMs ?? 120_000, () => alive);
  } catch (err) {
    await handle.kill();
    throw new Error(
      `${err instanceof Error ? err.message : String(err)}\n--- server output ---\n${handle.recentOutput()}`,
    );
  }
  return handle;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls GET /api/health until it answers 200. */
export async function waitForHealth(
  baseUrl: string,
  timeoutMs: number,
  stillRunning: () => boolean = () => true,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (!stillRunning()) throw new Error("the server exited before it became healthy");
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
      await res.body?.cancel();
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await sleep(100);
  }
  throw new Error(`server at ${baseUrl} not healthy after ${timeoutMs} ms (${last})`);
}

export interface Session {
  cookie: string;
  csrfToken: string;
}

/** POST /api/auth/login; returns the session cookie and the CSRF token for mutating requests. */
export async function login(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`login as ${username} failed: HTTP ${res.status} ${text}`);
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("xf_session="));
  if (!setCookie) throw new Error("login answered without a session cookie");
  const body = JSON.parse(text) as { csrfToken?: unknown };
  if (typeof body.csrfToken !== "string") throw new Error("login answered without a csrfToken");
  return { cookie: setCookie.split(";")[0]!, csrfToken: body.csrfToken };
}

// ---------------------------------------------------------------------------------------------
// Machine and statistics

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpuCount: os.availableParallelism(),
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

// ---------------------------------------------------------------------------------------------
// Realistic petition data

const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN =
  "建国秀英桂兰志强海燕玉珍德明春梅小红永福丽华文军淑芬国庆金凤学军红霞晓东雪梅长青振华宝山翠花光明立新爱民彩云家豪子涵思远雨欣浩然梓萱";

const PROBLEMS = [
  {
    title: "关于{place}拖欠农民工工资的问题",
    body: "我们一行{n}人于去年三月至十二月在{place}承包的工地务工，负责钢筋绑扎和模板安装。工程已于年底完工验收，但包工头以甲方未结算为由，至今拖欠我们工资共计{money}元。我们多次到项目部讨要，对方一直推诿，电话也不接。请求县人社局督促施工单位依法支付拖欠的工资。",
  },
  {
    title: "反映{place}征地补偿款未足额发放",
    body: "{place}在修建县道拓宽工程时征收了我家承包地{mu}亩，当时公示的补偿标准为每亩{money}元，但实际到账金额明显少于公示标准，村委会也没有公开补偿款的分配明细。我们要求公开征地补偿安置方案，并足额发放青苗补偿费和地上附着物补偿费。",
  },
  {
    title: "{place}小区物业乱收费及电梯长期停运",
    body: "我是{place}某小区业主。小区两部电梯自今年五月起长期停运，物业公司以维修资金不足为由拒绝维修，却仍按原标准收取物业费，并额外收取所谓二次供水费。老人上下楼十分困难，曾有老人在楼道摔伤。请求住建局责令物业公司尽快修复电梯并退还不合理收费。",
  },
  {
    title: "建议在{place}增设公交站点",
    body: "{place}周边有三所学校和一家乡镇卫生院，每天上下学时段学生和就医群众很多，但最近的公交站点距离约{mu}公里，群众出行很不方便。建议县交通部门在{place}路口增设公交站点，并在早晚高峰加密班次。以上建议请予研究。",
  },
  {
    title: "{place}养殖场污染水源的问题",
    body: "{place}附近新建的生猪养殖场未建设粪污处理设施，粪水直接排入村边的小河，下游{n}户村民饮用的井水出现异味，夏天蚊蝇滋生。我们向村里反映过多次没有结果。请求生态环境部门依法查处，责令养殖场整改，保障群众饮水安全。",
  },
  {
    title: "咨询{place}危房改造补助政策",
    body: "我家住在{place}，房屋是上世纪八十年代建的土坯房，墙体开裂严重，雨季漏水。家中有残疾人一名，属于低保户。想咨询农村危房改造的申请条件、补助标准和办理流程，需要提交哪些材料，向哪个部门申请。",
  },
  {
    title: "对{place}低保资格认定结果不服",
    body: "我母亲今年{age}岁，患有慢性病常年服药，家中无固定收入。今年低保复核时{place}取消了我家的低保资格，理由是家中有机动车，但该车辆早已报废注销。我们认为认定依据有误，请求重新核查并恢复低保待遇。",
  },
];

const MOBILE_PREFIXES = [
  "130",
  "133",
  "135",
  "138",
  "139",
  "150",
  "152",
  "158",
  "166",
  "177",
  "181",
  "186",
  "189",
  "199",
];
const BIRTH_REGIONS = ["419001", "410102", "410303", "411302", "130102", "320106", "510104", "440305"];

export const REGION_CODES: readonly string[] = [
  ...new Set(
    DEMO_UNITS.filter((u) => u.kind === "village" || u.kind === "township" || u.kind === "group").map(
      (u) => u.regionCode,
    ),
  ),
];
const PLACE_NAMES = DEMO_UNITS.filter((u) => u.kind === "village" || u.kind === "township").map(
  (u) => u.name,
);

function pick<T>(list: readonly T[], n: number): T {
  return list[((n % list.length) + list.length) % list.length]!;
}

/** A deterministic pseudo-random sequence from one number (xorshift-ish; not for security). */
function mix(n: number, salt: number): number {
  let x = (n * 2654435761 + salt * 40503) >>> 0;
  x ^= x >>> 13;
  x = Math.imul(x, 0x5bd1e995) >>> 0;
  x ^= x >>> 15;
  return x >>> 0;
}

export interface PetitionFields {
  title: string;
  content: string;
  problemRegionCode: string;
  name: string;
  idNumber: string;
  phone: string;
  address: string;
}

/** Petition number n, different for every n (name, ID number with a valid check digit, phone, text). */
export function petitionFields(n: number, tag: string): PetitionFields {
  const problem = pick(PROBLEMS, mix(n, 1));
  const place = pick(PLACE_NAMES, mix(n, 2));
  const fill = (s: string) =>
    s
      .replaceAll("{place}", place)
      .replaceAll("{n}", String(2 + (mix(n, 3) % 30)))
      .replaceAll("{money}", String(3000 + (mix(n, 4) % 200) * 500))
      .replaceAll("{mu}", String(1 + (mix(n, 5) % 9)))
      .replaceAll("{age}", String(60 + (mix(n, 6) % 30)));
  const surname = pick([...SURNAMES], mix(n, 7));
  const g = [...GIVEN];
  const given = pick(g, mix(n, 8)) + (mix(n, 9) % 2 === 0 ? pick(g, mix(n, 10)) : "");
  const year = 1945 + (mix(n, 11) % 60);
  const month = 1 + (mix(n, 12) % 12);
  const day = 1 + (mix(n, 13) % 28);
  const birth = `${year}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}`;
  const idNumber = generateIdNumber(
    pick(BIRTH_REGIONS, mix(n, 14)),
    birth,
    String(n % 1000).padStart(3, "0"),
  );
  const phone = pick(MOBILE_PREFIXES, mix(n, 15)) + String(n % 100_000_000).padStart(8, "0");
  return {
    title: `${fill(problem.title)}（${tag}-${n}）`,
    content: `${fill(problem.body)}\n\n反映人：${surname}${given}，联系电话见登记信息。`,
    problemRegionCode: pick(REGION_CODES, mix(n, 16)),
    name: surname + given,
    idNumber,
    phone,
    address: `${place}${1 + (mix(n, 17) % 40)}号`,
  };
}

// ---------------------------------------------------------------------------------------------
// V8 CPU profiles (node --cpu-prof)

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/**
 * Where a .cpuprofile's busy time went: self time by package (or by app file), and inclusive time
 * of the app's own functions (server/, domain/). Percentages are of busy (non-idle) time.
 */
export function summarizeCpuProfile(file: string, top = 12): string[] {
  const prof = JSON.parse(fs.readFileSync(file, "utf8")) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfTime = new Map<number, number>();
  prof.samples.forEach((id, i) => {
    selfTime.set(id, (selfTime.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0));
  });
  const where = (n: ProfileNode) => {
    const url = n.callFrame.url;
    if (!url) {
      const fn = n.callFrame.functionName;
      return fn.startsWith("(") ? fn : `(native) ${fn || "anonymous"}`;
    }
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
    if (pkg) return pkg;
    if (url.startsWith("node:")) return `node:${url.slice(5).split("/")[0]}`;
    return url.replace(/^file:\/\//, "").replace(`${SERVER_ROOT}/`, "");
  };
  const byPlace = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  for (const [id, t] of selfTime) {
    const n = byId.get(id)!;
    const place = where(n);
    if (place === "(idle)") continue;
    busy += t;
    byPlace.set(place, (byPlace.get(place) ?? 0) + t);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const c = byId.get(cur)!;
      const p = where(c);
      if (!/^(server|domain)\//.test(p)) continue;
      const label = `${c.callFrame.functionName || "(anonymous)"} ${p}`;
      if (seen.has(label)) continue;
      seen.add(label);
      inclusive.set(label, (inclusive.get(label) ?? 0) + t);
    }
  }
  const pct = (t: number) => `${((t / Math.max(1, busy)) * 100).toFixed(1).padStart(5)}%`;
  const lines = [`busy ${Math.round(busy / 1000)} ms sampled`, "self time by package / file:"];
  for (const [k, t] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(t)} ${k}`);
  lines.push("inclusive time of app functions:");
  for (const [k, t] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`  ${pct(t)} ${k}`);
  return lines;
}

/** A demo user as the server would see them after login (for calling server functions directly). */
export async function benchActor(db: Db, username: string): Promise<Actor> {
  const { rows } = await db.query<{
    id: string;
    roles: string[];
    unit_id: string;
    name: string;
    kind: string;
    path: string;
  }>(
    `SELECT u.id, u.roles, u.unit_id, o.name, o.kind, o.path FROM users u JOIN org_units o ON o.id = u.unit_id
      WHERE u.username = $1`,
    [username],
  );
  const r = rows[0]!;
  const areaPath = r.kind === "township" || r.kind === "village" ? r.path : r.path.split(".")[0]!;
  return {
    id: r.id,
    username,
    displayName: username,
    roles: r.roles as Actor["roles"],
    unitId: r.unit_id,
    unitName: r.name,
    unitKind: r.kind,
    unitPath: r.path,
    areaPath,
  };
}

/**
 * Runs a bulk load with the statistics triggers off, then derives the statistics rows of the new
 * cases in one statement (rows already there are kept: `case_stats_keep_derived`). Statement by
 * statement the triggers cost minutes for a few thousand synthetic cases.
 */
export async function withoutStatsTriggers<T>(db: Db, load: () => Promise<T>): Promise<T> {
  const { rows: triggers } = await db.query<{ tgname: string; relname: string }>(
    `SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE t.tgname LIKE 'case_stats_%' AND t.tgname <> 'case_stats_keep_derived' AND NOT t.tgisinternal`,
  );
  const toggle = async (on: boolean) => {
    for (const t of triggers)
      await db.exec(`ALTER TABLE ${t.relname} ${on ? "ENABLE" : "DISABLE"} TRIGGER ${t.tgname}`);
  };
  await toggle(false);
  try {
    return await load();
  } finally {
    await toggle(true);
    await db.exec("INSERT INTO case_stats SELECT * FROM case_stats_source");
  }
}

/**
 * CPU milliseconds a process has used so far (user + system, fields 14 and 15 of /proc/PID/stat,
 * in clock ticks of 100 a second); null when there is no pid or the file cannot be read.
 */
export function processCpuMs(pid: number | null): number | null {
  if (pid === null) return null;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}
