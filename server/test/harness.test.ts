import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index.ts";
import { openTestDb, TEST_SHARED_BUFFERS } from "./harness.ts";

let db: Db;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db.close());

describe("a test file's database", () => {
  it("is a copy of the migrated template, started with the small buffer pool on the embedded database", async () => {
    const migrations = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM schema_migrations");
    expect(migrations.rows[0]!.n).toBeGreaterThan(50);
    const { rows } = await db.query<{ shared_buffers: string }>("SHOW shared_buffers");
    if (db.kind === "pglite") expect(rows[0]!.shared_buffers).toBe(TEST_SHARED_BUFFERS);
    else expect(rows[0]!.shared_buffers).toMatch(/^\d+[kMG]B$/);
  });
});
