import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

/**
 * `npm test`, in two projects. "node": the server, domain and plain web files, which share their
 * workers (`isolate: false`): each server file builds its own app on its own database
 * (server/test/harness.ts), so a fresh module graph per file would only cost it the seconds of
 * importing the app again. "dom": the React component files in jsdom, after them, also sharing
 * their workers (importing antd and React again per file cost more than the tests themselves);
 * web/test/dom-setup.ts unmounts what each test rendered.
 *
 * `npm run test:deep` (`XF_TEST_DEPTH=deep`, server/test/depth.ts) runs only the files it changes:
 * the property, matrix and fuzz runs sized by depth at full size, and every fast-check property
 * with a new seed.
 */
const DEEP = process.env.XF_TEST_DEPTH === "deep";
const NODE_TESTS = ["server/**/*.test.ts", "domain/**/*.test.ts", "web/**/*.test.ts"];

const ROOT = path.dirname(fileURLToPath(import.meta.url));

/** The test files that import fast-check or server/test/depth.ts. */
function filesTheDeepRunChanges(): string[] {
  return ["server", "domain", "web"]
    .flatMap((dir) =>
      fs
        .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
        .map((f) => path.join(dir, f)),
    )
    .filter((f) => f.endsWith(".test.ts") && !f.includes("node_modules"))
    .filter((f) => /from "(fast-check|[^"]*\/depth\.ts)"/.test(fs.readFileSync(path.join(ROOT, f), "utf8")))
    .sort();
}

const node: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: "node",
    include: DEEP ? filesTheDeepRunChanges() : NODE_TESTS,
    globalSetup: ["server/test/global-setup.ts"],
    isolate: false,
    sequence: { groupOrder: 0 },
  },
};

const dom: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: "dom",
    include: ["web/**/*.test.tsx"],
    isolate: false,
    setupFiles: ["web/test/dom-setup.ts"],
    sequence: { groupOrder: 1 },
  },
};

export default defineConfig({
  test: {
    setupFiles: ["server/test/setup-fast-check.ts"],
    pool: "forks",
    maxWorkers: 2,
    // Generous: the deep run's fuzz and matrix suites send thousands of requests, and CI machines are shared.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    env: { TZ: "Asia/Shanghai" },
    projects: DEEP ? [node] : [node, dom],
  },
});
