import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["server/**/*.test.ts", "domain/**/*.test.ts", "web/**/*.test.ts", "web/**/*.test.tsx"],
    globalSetup: ["server/test/global-setup.ts"],
    pool: "forks",
    maxWorkers: 2,
    // Generous: the fuzz and matrix suites run thousands of requests, and CI machines are shared.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    env: { TZ: "Asia/Shanghai" },
  },
});
