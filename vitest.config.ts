import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

/**
 * `npm test`, in two projects. "node": the server, domain and plain web files, which share their
 * workers (`isolate: false`): each server file builds its own app on its own database
 * (server/test/harness.ts), so a fresh module graph per file would only cost it the seconds of
 * importing the app again. "dom": the React component files in jsdom, each isolated, after them.
 */
const node: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: "node",
    include: ["server/**/*.test.ts", "domain/**/*.test.ts", "web/**/*.test.ts"],
    globalSetup: ["server/test/global-setup.ts"],
    isolate: false,
    sequence: { groupOrder: 0 },
  },
};

const dom: TestProjectInlineConfiguration = {
  extends: true,
  test: { name: "dom", include: ["web/**/*.test.tsx"], sequence: { groupOrder: 1 } },
};

export default defineConfig({
  test: {
    pool: "forks",
    maxWorkers: 2,
    // Generous: the fuzz and matrix suites run thousands of requests, and CI machines are shared.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    env: { TZ: "Asia/Shanghai" },
    projects: [node, dom],
  },
});
