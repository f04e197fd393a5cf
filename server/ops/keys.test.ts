import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { receptionThroughApi } from "../bureau/reception/test-data.ts";
import type { Config } from "../config/index.ts";
import {
  decryptField,
  encryptField,
  FieldCryptoError,
  formatKeyRing,
  type KeyRing,
  parseKeyRing,
  rotateKeyRing,
} from "../crypto/field-crypto.ts";
import { keyFilePath, saveKeyRing } from "../crypto/key-file.ts";
import type { Db } from "../db/index.ts";
import { makeNetwork } from "../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../test/harness.ts";
import { reencryptTokens, tokenKeyUsage, withoutKey } from "./key-rotation.ts";
import { type CommandIo, keysDrop, keysRotate } from "./keys-command.ts";
import { person, registerThroughApi, submitOnlineThroughApi } from "./test-support.ts";
import { findUnlistedTokens, TOKEN_COLUMNS } from "./token-columns.ts";

let t: TestContext;
let reg: Session;

interface TokenRow {
  column: string;
  row: string;
  token: string;
}

/** Every stored token with the column and row it sits in. */
async function allTokens(db: Db): Promise<TokenRow[]> {
  const out: TokenRow[] = [];
  for (const col of TOKEN_COLUMNS) {
    const key = col.key.map((k) => `${k.name}::text`).join(" || '/' || ");
    const { rows } = await db.query<{ row: string; token: string }>(
      `SELECT ${key} AS row, ${col.tokenSql} AS token FROM ${col.table} WHERE ${col.tokenSql} IS NOT NULL ORDER BY 1`,
    );
    for (const r of rows) out.push({ column: col.label, row: r.row, token: r.token });
  }
  return out;
}

function contextOf(label: string): string {
  return TOKEN_COLUMNS.find((c) => c.label === label)!.context;
}

async function plaintexts(db: Db, ring: KeyRing): Promise<Record<string, string>> {
  return Object.fromEntries(
    (await allTokens(db)).map((r) => [
      `${r.column}:${r.row}`,
      decryptField(ring, r.token, contextOf(r.column)),
    ]),
  );
}

async function blindIndexes(db: Db) {
  return (
    await db.query(
      `SELECT case_id, position, id_number_bidx, phone_bidx FROM case_petitioners ORDER BY case_id, position`,
    )
  ).rows;
}

function silentIo(): CommandIo & { printed: string[]; logged: string[] } {
  const printed: string[] = [];
  const logged: string[] = [];
  return { printed, logged, log: (m) => logged.push(m), print: (x) => printed.push(x) };
}

beforeAll(async () => {
  t = await startTestApp({ publicRateLimitPerMinute: 1000 });
  await makeNetwork(t.db);
  reg = await login(t.app, "reg");
  for (let i = 0; i < 4; i++) await registerThroughApi(t, reg, [person(`赵${i}`), person(`钱${i}`)]);
  await registerThroughApi(t, reg, [{ name: "孙七", idNumber: person("孙七").idNumber }]);
  await submitOnlineThroughApi(t, person("周八"), "keys-test-key-0001");
  await submitOnlineThroughApi(t, person("吴九"), "keys-test-key-0002");
  await receptionThroughApi(t);
  const totp = await as(t.app, reg).post("/api/auth/totp/setup");
  expect(totp.statusCode).toBe(200);
});
afterAll(() => t.close());

describe("re-encrypting stored tokens under a new key", () => {
  it("moves every token to the new key in resumable batches, same plaintext, same blind indexes", async () => {
    const old = t.keyRing;
    const before = await plaintexts(t.db, old);
    const indexesBefore = await blindIndexes(t.db);
    const labels = new Set((await allTokens(t.db)).map((r) => r.column));
    expect(labels).toEqual(new Set(TOKEN_COLUMNS.map((c) => c.label)));
    expect(await findUnlistedTokens(t.db)).toEqual([]);

    const rotated = rotateKeyRing(old);
    const auditBefore = await t.db.query("SELECT 1 FROM audit_log WHERE action = 'keys_reencrypt'");
    const partial = await reencryptTokens(t.db, rotated, { batchSize: 3, maxBatches: 2 });
    expect(partial).toMatchObject({ complete: false, batches: 2 });
    const halfway = await allTokens(t.db);
    expect(halfway.filter((r) => r.token.startsWith(`v1.${rotated.currentId}.`))).toHaveLength(6);

    const rest = await reencryptTokens(t.db, rotated, { batchSize: 3 });
    expect(rest.complete).toBe(true);
    const after = await allTokens(t.db);
    expect(after.length).toBe(Object.keys(before).length);
    for (const r of after) expect(r.token.split(".")[1], `${r.column} ${r.row}`).toBe(rotated.currentId);

    const newOnly = withoutKey(rotated, old.currentId);
    expect(newOnly.keys.map((k) => k.id)).toEqual([rotated.currentId]);
    expect(await plaintexts(t.db, newOnly)).toEqual(before);
    expect(await blindIndexes(t.db)).toEqual(indexesBefore);
    const auditAfter = await t.db.query("SELECT 1 FROM audit_log WHERE action = 'keys_reencrypt'");
    expect(auditAfter.rows.length - auditBefore.rows.length).toBe(partial.batches + rest.batches);

    // A second run finds nothing left to do.
    expect(await reencryptTokens(t.db, rotated)).toMatchObject({ batches: 0, complete: true });
    t.keyRing = newOnly;
  });

  it("stops at a token no key in the ring can read, naming its row and not its content, and keeps the batch", async () => {
    const ring = t.keyRing;
    const stranger = rotateKeyRing(rotateKeyRing(ring));
    const foreignRing: KeyRing = {
      ...stranger,
      keys: stranger.keys.filter((k) => k.id === stranger.currentId),
    };
    const { rows } = await t.db.query<{ case_id: string; position: number }>(
      "SELECT case_id, position FROM case_petitioners WHERE phone_enc IS NOT NULL ORDER BY case_id, position LIMIT 1",
    );
    const target = rows[0]!;
    const foreignToken = encryptField(foreignRing, "13700000000", "case_petitioners.phone");
    await t.db.query("UPDATE case_petitioners SET phone_enc = $3 WHERE case_id = $1 AND position = $2", [
      target.case_id,
      target.position,
      foreignToken,
    ]);
    const next = rotateKeyRing(ring);
    const before = await allTokens(t.db);
    const err = await reencryptTokens(t.db, next, { batchSize: 100 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(FieldCryptoError);
    expect((err as FieldCryptoError).code).toBe("unknown_key");
    expect((err as Error).message).toContain(
      `case_petitioners.phone_enc of row (${target.case_id}, ${target.position})`,
    );
    expect((err as Error).message).not.toContain("13700000000");
    // The ID-number column went through; the failing phone batch was rolled back as a whole.
    const after = await allTokens(t.db);
    const phones = (rows: TokenRow[]) => rows.filter((r) => r.column === "case_petitioners.phone_enc");
    expect(phones(after)).toEqual(phones(before));
    await t.db.query(
      "UPDATE case_petitioners SET phone_enc = NULL, phone_bidx = NULL WHERE case_id = $1 AND position = $2",
      [target.case_id, target.position],
    );
    expect((await reencryptTokens(t.db, next)).complete).toBe(true);
    t.keyRing = withoutKey(next, ring.currentId);
  });

  it("notices token-shaped values in a column key rotation does not know", async () => {
    await t.db.query("INSERT INTO settings (key, value) VALUES ('ops.secret', $1)", [
      JSON.stringify({ enc: encryptField(t.keyRing, "x", "settings.secret") }),
    ]);
    expect(await findUnlistedTokens(t.db)).toEqual([{ column: "settings.value", rows: 1 }]);
    await t.db.query("DELETE FROM settings WHERE key = 'ops.secret'");
  });
});

describe("the keys commands", () => {
  it("rotates the key file, re-encrypts, refuses to drop a key still in use, then drops it", async () => {
    saveKeyRing(t.config, t.keyRing);
    const oldId = t.keyRing.currentId;
    const io = silentIo();
    expect(await keysRotate(t.db, t.config, io, 2)).toBe(0);
    const saved = parseKeyRing(fs.readFileSync(keyFilePath(t.config), "utf8"));
    expect(saved.keys.map((k) => k.id)).toEqual([oldId, saved.currentId]);
    expect(new Set((await tokenKeyUsage(t.db)).map((u) => u.keyId))).toEqual(new Set([saved.currentId]));
    expect(io.printed).toEqual([]);

    // A server that still holds the old ring writes under the old key.
    const stale = encryptField({ ...saved, currentId: oldId }, "13500000000", "case_petitioners.phone");
    await t.db.query(
      `UPDATE case_petitioners SET phone_enc = $1
        WHERE (case_id, position) = (SELECT case_id, position FROM case_petitioners WHERE phone_enc IS NOT NULL LIMIT 1)`,
      [stale],
    );
    const refused = silentIo();
    expect(await keysDrop(t.db, t.config, refused, oldId)).toBe(1);
    expect(refused.logged.join("\n")).toContain(`still under ${oldId}`);
    expect(parseKeyRing(fs.readFileSync(keyFilePath(t.config), "utf8")).keys).toHaveLength(2);

    const before = await plaintexts(t.db, saved);
    await reencryptTokens(t.db, saved);
    expect(await keysDrop(t.db, t.config, silentIo(), oldId)).toBe(0);
    const dropped = parseKeyRing(fs.readFileSync(keyFilePath(t.config), "utf8"));
    expect(dropped.keys.map((k) => k.id)).toEqual([saved.currentId]);
    expect(await plaintexts(t.db, dropped)).toEqual(before);
    const audit = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE action IN ('keys_rotate', 'keys_drop') ORDER BY id",
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["keys_rotate", "keys_drop"]);
    t.keyRing = dropped;
  });

  it("with XF_KEY_RING prints the new ring to store and re-encrypts nothing until servers have it", async () => {
    const config: Config = { ...t.config, keyRing: formatKeyRing(t.keyRing) };
    fs.rmSync(keyFilePath(t.config), { force: true });
    const before = await allTokens(t.db);
    const io = silentIo();
    expect(await keysRotate(t.db, config, io)).toBe(0);
    expect(io.printed).toHaveLength(1);
    const printed = parseKeyRing(io.printed[0]!);
    expect(printed.currentId).not.toBe(t.keyRing.currentId);
    expect(printed.keys.map((k) => k.id)).toEqual([t.keyRing.currentId, printed.currentId]);
    expect(printed.indexKey.equals(t.keyRing.indexKey)).toBe(true);
    expect(io.logged.join("\n")).toContain("keys reencrypt");
    expect(fs.existsSync(keyFilePath(t.config))).toBe(false);
    expect(await allTokens(t.db)).toEqual(before);
  });

  it("refuses to rotate when there is no key ring to start from", async () => {
    fs.rmSync(keyFilePath(t.config), { force: true });
    const io = silentIo();
    await expect(keysRotate(t.db, { ...t.config, keyRing: null }, io)).rejects.toThrow(/no key ring/);
    expect(fs.existsSync(keyFilePath(t.config))).toBe(false);
  });
});
