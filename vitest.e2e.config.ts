import { defineConfig } from "vitest/config";

/** Browser tests: the real server on a fresh embedded database, driven through Debian's chromium. */
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts", "e2e/**/*.e2e.test.ts"],
    globalSetup: ["e2e/global-setup.ts"],
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    env: { TZ: "Asia/Shanghai" },
    // A page answers within seconds, not the default one second of expect.poll.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
