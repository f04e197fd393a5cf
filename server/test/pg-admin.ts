import type pg from "pg";

/**
 * Drops a test database. An autovacuum worker may still be attached for a moment, and a
 * non-superuser may not terminate it (WITH (FORCE) fails), so wait for it to leave instead.
 */
export async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch (err) {
      if (attempt >= 40) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
