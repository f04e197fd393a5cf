import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    screenshotDir: string;
  }
}

const root = fileURLToPath(new URL("..", import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, server: ChildProcess, log: () => string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}):\n${log()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server did not answer ${url} within ${ms} ms:\n${log()}`);
}

let server: ChildProcess | undefined;
let dataDir: string | undefined;

/**
 * Builds the web app if it is stale, then starts `xinfang serve` exactly as `npm start` does, on a
 * free port with a new embedded database and the demo county in a temporary data folder.
 */
export async function setup(project: TestProject): Promise<void> {
  const tsx = path.join(root, "node_modules", ".bin", "tsx");
  const built = spawn(tsx, [path.join(root, "web", "build-if-stale.ts")], { cwd: root, stdio: "inherit" });
  const code = await new Promise<number | null>((resolve) => built.on("exit", resolve));
  if (code !== 0) throw new Error("building the web app failed");

  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xf-e2e-data-"));
  // Kept after the run for people to look at: git-ignored, replaced screen by screen by the next run.
  const screenshotDir = process.env.XF_E2E_SCREENSHOTS ?? path.join(root, "e2e", "out", "screenshots");
  fs.mkdirSync(screenshotDir, { recursive: true });
  const port = await freePort();
  let output = "";
  server = spawn(tsx, [path.join(root, "server", "main.ts"), "serve"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      XF_DATA_DIR: dataDir,
      XF_DEMO: "1",
      DATABASE_URL: "",
      XF_KEY_RING: "",
      LOG_LEVEL: "warn",
      // Every test logs in several people from one address: the login rate limit is not under test.
      XF_RATE_LIMIT_ALLOW_LOOPBACK: "1",
      TZ: "Asia/Shanghai",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  server.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(`${baseUrl}/api/health`, server, () => output, 150_000);
  process.stdout.write(
    `[e2e] server at ${baseUrl}, data in ${dataDir}; screenshots go to ${screenshotDir}\n`,
  );
  project.provide("baseUrl", baseUrl);
  project.provide("screenshotDir", screenshotDir);
}

export async function teardown(): Promise<void> {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once("exit", resolve));
    server.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (server.exitCode === null) server.kill("SIGKILL");
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
