/**
 * `npm start` runs this first: builds the web app when web/dist is missing or older than any
 * source it is built from (web/ and the shared domain/ code), so one command works on a fresh clone.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = path.join(root, "web", "dist", "index.html");
/** Written after a production build: a web/dist without it (or from another mode) is rebuilt. */
const stamp = path.join(root, "web", "dist", ".build-mode");
const SKIP = new Set(["dist", "node_modules"]);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (!entry.name.endsWith(".test.ts")) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function isWebStale(): boolean {
  const built = fs.statSync(dist, { throwIfNoEntry: false });
  if (!built) return true;
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, "utf8").trim() !== "production") return true;
  const sources = Math.max(newestMtime(path.join(root, "web")), newestMtime(path.join(root, "domain")));
  return sources > built.mtimeMs;
}

if (process.argv.includes("--force") || isWebStale()) {
  const started = Date.now();
  process.stdout.write("[xinfang] building the web app (web/dist) …\n");
  // Always the production build that people get. Run from vitest (the browser tests, NODE_ENV=test)
  // or with NODE_ENV=development, Vite would otherwise bundle React's and antd's development code,
  // so the browser tests would drive a different program from the one `npm start` serves.
  process.env.NODE_ENV = "production";
  const { build } = await import("vite");
  await build({ configFile: path.join(root, "web", "vite.config.ts"), logLevel: "warn", mode: "production" });
  fs.writeFileSync(stamp, "production\n");
  process.stdout.write(`[xinfang] web app built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
