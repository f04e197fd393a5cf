/**
 * `xinfang keys …`: rotate the data key, finish (or resume) re-encryption, show which keys are in
 * use, and drop a key nothing uses any more.
 */
import fs from "node:fs";
import type { Config } from "../config/index.ts";
import { formatKeyRing, type KeyRing, rotateKeyRing } from "../crypto/field-crypto.ts";
import { keyFilePath, loadKeyRing, saveKeyRing } from "../crypto/key-file.ts";
import type { Db } from "../db/index.ts";
import { reencryptTokens, tokenKeyUsage, withoutKey } from "./key-rotation.ts";
import { recordOpsAudit } from "./ops-audit.ts";
import { findUnlistedTokens } from "./token-columns.ts";

export interface CommandIo {
  /** Messages for the operator (stderr, so stdout can carry a key ring JSON). */
  log(msg: string): void;
  /** Machine-readable output on stdout. */
  print(text: string): void;
}

/** Rotation must never invent a ring: a fresh one could not read a single stored token. */
function existingKeyRing(config: Config): KeyRing {
  if (!config.keyRing && !fs.existsSync(keyFilePath(config))) {
    throw new Error(`no key ring: XF_KEY_RING is not set and ${keyFilePath(config)} does not exist`);
  }
  return loadKeyRing(config);
}

function ringStorage(config: Config): "env" | "file" {
  return config.keyRing ? "env" : "file";
}

/** Hands a changed ring to its storage: the key file is replaced; XF_KEY_RING is printed to be stored. */
function storeRing(config: Config, ring: KeyRing, io: CommandIo): void {
  if (ringStorage(config) === "file") {
    saveKeyRing(config, ring);
    io.log(
      `key ring saved to ${keyFilePath(config)} — back up this file now; older backups of it lack the new key`,
    );
    return;
  }
  io.print(formatKeyRing(ring));
  io.log(
    "XF_KEY_RING is set, so the new key ring was printed on stdout instead of saved. It is a secret:\n" +
      "  1. store it in your secret store as XF_KEY_RING for every Xinfang process and keep a backup of it;\n" +
      "  2. restart every server so all of them use the new ring;\n" +
      "  3. run `xinfang keys reencrypt` with the new XF_KEY_RING to re-encrypt the stored tokens.",
  );
}

async function reportUsage(db: Db, ring: KeyRing, io: CommandIo): Promise<number> {
  const usage = await tokenKeyUsage(db);
  let old = 0;
  for (const u of usage) {
    io.log(`  ${u.column.padEnd(32)} key ${u.keyId.padEnd(6)} ${u.rows} tokens`);
    if (u.keyId !== ring.currentId) old += u.rows;
  }
  const unlisted = await findUnlistedTokens(db);
  for (const u of unlisted) {
    io.log(`  WARNING: ${u.column} holds ${u.rows} token-like values that key rotation does not know about`);
  }
  return old + unlisted.reduce((n, u) => n + u.rows, 0);
}

export async function keysRotate(db: Db, config: Config, io: CommandIo, batchSize?: number): Promise<number> {
  const ring = existingKeyRing(config);
  const rotated = rotateKeyRing(ring);
  storeRing(config, rotated, io);
  await db.transaction((tx) =>
    recordOpsAudit(
      tx,
      "keys_rotate",
      { type: "key_ring", id: rotated.currentId },
      { previousKeyId: ring.currentId, newKeyId: rotated.currentId, storage: ringStorage(config) },
    ),
  );
  io.log(`new data key ${rotated.currentId} is current (was ${ring.currentId})`);
  if (ringStorage(config) === "file") {
    io.log("restart every server that reads this key file: until then it cannot read re-encrypted fields");
  }
  // Servers holding the old ring could not read tokens under a key they have never seen.
  if (ringStorage(config) === "env") return 0;
  return keysReencrypt(db, config, io, batchSize, rotated);
}

export async function keysReencrypt(
  db: Db,
  config: Config,
  io: CommandIo,
  batchSize?: number,
  ring: KeyRing = existingKeyRing(config),
): Promise<number> {
  io.log(`re-encrypting stored tokens under key ${ring.currentId} …`);
  const result = await reencryptTokens(db, ring, {
    batchSize,
    onBatch: (column, rows) => io.log(`  ${column}: ${rows} re-encrypted`),
  });
  for (const [column, n] of Object.entries(result.reencrypted)) io.log(`${column}: ${n} tokens re-encrypted`);
  const left = await reportUsage(db, ring, io);
  if (left > 0) {
    io.log(`${left} tokens are still not under ${ring.currentId}; run \`xinfang keys reencrypt\` again`);
    return 1;
  }
  io.log(`every token is under ${ring.currentId}; older keys can be dropped with \`xinfang keys drop <id>\``);
  return 0;
}

export async function keysStatus(db: Db, config: Config, io: CommandIo): Promise<number> {
  const ring = existingKeyRing(config);
  io.log(
    `key ring (${ringStorage(config)}): current ${ring.currentId}; keys ${ring.keys.map((k) => k.id).join(", ")}`,
  );
  const left = await reportUsage(db, ring, io);
  io.log(
    left === 0 ? "every token is under the current key" : `${left} tokens are not under the current key`,
  );
  return 0;
}

export async function keysDrop(db: Db, config: Config, io: CommandIo, keyId: string): Promise<number> {
  const ring = existingKeyRing(config);
  const next = withoutKey(ring, keyId);
  const inUse = (await tokenKeyUsage(db)).filter((u) => u.keyId === keyId);
  const unlisted = await findUnlistedTokens(db);
  if (inUse.length > 0 || unlisted.length > 0) {
    for (const u of inUse) io.log(`  ${u.column}: ${u.rows} tokens still under ${keyId}`);
    for (const u of unlisted) io.log(`  ${u.column}: ${u.rows} token-like values of unknown key`);
    io.log(`refused: key ${keyId} may still be needed; run \`xinfang keys reencrypt\` first`);
    return 1;
  }
  storeRing(config, next, io);
  await db.transaction((tx) =>
    recordOpsAudit(
      tx,
      "keys_drop",
      { type: "key_ring", id: keyId },
      { droppedKeyId: keyId, currentKeyId: next.currentId, storage: ringStorage(config) },
    ),
  );
  io.log(`key ${keyId} dropped; the ring now holds ${next.keys.map((k) => k.id).join(", ")}`);
  io.log(
    `backups made before the re-encryption still hold tokens under ${keyId}: keep the old key ring ` +
      "with them for as long as you keep those backups",
  );
  return 0;
}
