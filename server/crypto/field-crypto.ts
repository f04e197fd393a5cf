/**
 * Encryption of sensitive fields at rest (ID numbers, phones), plus keyed blind indexes so exact
 * matches can be searched without decrypting.
 *
 * Token: v1.<keyId>.<iv>.<ciphertext>.<tag>, base64url parts, AES-256-GCM, AAD = the column's
 * context string so a token copied into another column fails to decrypt. The key id lets old
 * tokens keep working after rotation; the index key is separate so rotation never changes a
 * blind index (which would break every lookup on already-stored rows).
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { z } from "zod";

export interface DataKey {
  id: string;
  key: Buffer;
}

export interface KeyRing {
  currentId: string;
  keys: readonly DataKey[];
  indexKey: Buffer;
}

export type FieldCryptoErrorCode =
  | "malformed_token"
  | "unknown_key"
  | "auth_failed"
  | "bad_key_ring"
  | "bad_input";

/** Messages never carry plaintext or key material, so the error is safe to log. */
export class FieldCryptoError extends Error {
  readonly code: FieldCryptoErrorCode;
  constructor(code: FieldCryptoErrorCode, message: string) {
    super(message);
    this.name = "FieldCryptoError";
    this.code = code;
  }
}

const VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
// No "." in ids: the token is dot-separated.
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const B64URL = /^[A-Za-z0-9_-]*$/;
const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// Blind-index kinds may not contain ":" or kind "a:b"+"c" would collide with kind "a"+"b:c".
const KIND = /^[a-z0-9_.]{1,64}$/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function currentKey(ring: KeyRing): DataKey {
  const key = ring.keys.find((k) => k.id === ring.currentId);
  if (!key)
    throw new FieldCryptoError("bad_key_ring", `current key "${ring.currentId}" is not in the key ring`);
  return key;
}

function checkContext(context: string): void {
  if (context.length === 0) throw new FieldCryptoError("bad_input", "context must not be empty");
}

/** Encrypts with the current key and a fresh random IV; equal plaintexts give different tokens. */
export function encryptField(ring: KeyRing, plaintext: string, context: string): string {
  checkContext(context);
  // A lone surrogate would be silently replaced by U+FFFD in UTF-8 and not round-trip.
  if (LONE_SURROGATE.test(plaintext))
    throw new FieldCryptoError("bad_input", "plaintext is not valid UTF-16");
  const { id, key } = currentKey(ring);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    VERSION,
    id,
    iv.toString("base64url"),
    ciphertext.toString("base64url"),
    tag.toString("base64url"),
  ].join(".");
}

interface ParsedToken {
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** Node's base64url decoder skips junk characters; insist on the exact canonical encoding. */
function decodeB64url(part: string): Buffer | null {
  if (!B64URL.test(part)) return null;
  const bytes = Buffer.from(part, "base64url");
  return bytes.toString("base64url") === part ? bytes : null;
}

function parseToken(token: string): ParsedToken {
  const parts = token.split(".");
  const malformed = () => new FieldCryptoError("malformed_token", "not a v1 field token");
  if (parts.length !== 5 || parts[0] !== VERSION || !KEY_ID.test(parts[1]!)) throw malformed();
  const iv = decodeB64url(parts[2]!);
  const ciphertext = decodeB64url(parts[3]!);
  const tag = decodeB64url(parts[4]!);
  if (!iv || !ciphertext || !tag || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw malformed();
  return { keyId: parts[1]!, iv, ciphertext, tag };
}

/** Decrypts with the key named in the token. Tampering and a wrong context are both auth_failed. */
export function decryptField(ring: KeyRing, token: string, context: string): string {
  checkContext(context);
  const { keyId, iv, ciphertext, tag } = parseToken(token);
  const entry = ring.keys.find((k) => k.id === keyId);
  if (!entry) throw new FieldCryptoError("unknown_key", `key "${keyId}" is not in the key ring`);
  try {
    const decipher = createDecipheriv(ALGORITHM, entry.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    // GCM cannot tell a flipped bit from a wrong AAD or key, and neither should the caller need to.
    throw new FieldCryptoError(
      "auth_failed",
      "field token failed authentication (tampered, or wrong context)",
    );
  }
}

/**
 * HMAC-SHA256 hex of kind + ":" + value under the index key. The caller normalises the value
 * first (e.g. validateIdNumber().value); differing kinds keep an ID number and a phone apart.
 */
export function blindIndex(ring: KeyRing, kind: string, normalisedValue: string): string {
  if (!KIND.test(kind))
    throw new FieldCryptoError("bad_input", "blind index kind must match [a-z0-9_.]{1,64}");
  return createHmac("sha256", ring.indexKey).update(`${kind}:${normalisedValue}`, "utf8").digest("hex");
}

/** True when the token was written under a key other than the current one. */
export function needsRotation(ring: KeyRing, token: string): boolean {
  return parseToken(token).keyId !== ring.currentId;
}

/** Decrypts under whichever key wrote the token and encrypts again under the current key. */
export function reencrypt(ring: KeyRing, token: string, context: string): string {
  return encryptField(ring, decryptField(ring, token, context), context);
}

const zKeyBytes = z
  .string()
  .regex(B64, "must be standard base64")
  .transform((s, ctx) => {
    const bytes = Buffer.from(s, "base64");
    if (bytes.length !== KEY_BYTES) {
      ctx.addIssue({ code: "custom", message: `must decode to ${KEY_BYTES} bytes (got ${bytes.length})` });
      return z.NEVER;
    }
    return bytes;
  });

const zKeyRingFile = z
  .strictObject({
    current: z.string().regex(KEY_ID, "key id must match [A-Za-z0-9_-]{1,32}"),
    keys: z.record(z.string().regex(KEY_ID, "key id must match [A-Za-z0-9_-]{1,32}"), zKeyBytes),
    index: zKeyBytes,
  })
  .superRefine((file, ctx) => {
    const ids = Object.keys(file.keys);
    if (ids.length === 0)
      ctx.addIssue({ code: "custom", path: ["keys"], message: "at least one key is required" });
    if (!ids.includes(file.current)) {
      ctx.addIssue({
        code: "custom",
        path: ["current"],
        message: `"${file.current}" is not one of the keys`,
      });
    }
    // Reusing a data key as the index key would tie blind indexes to that key's lifetime.
    // Zod still runs this after a field failed, so a key may not have become a Buffer.
    for (const [id, key] of Object.entries(file.keys)) {
      if (Buffer.isBuffer(key) && Buffer.isBuffer(file.index) && key.equals(file.index)) {
        ctx.addIssue({ code: "custom", path: ["index"], message: `must differ from data key "${id}"` });
      }
    }
  });

/**
 * Reads the key file / XF_KEY_RING text:
 * {"current":"k2","keys":{"k1":"<base64>","k2":"<base64>"},"index":"<base64>"}.
 */
export function parseKeyRing(config: string): KeyRing {
  let json: unknown;
  try {
    json = JSON.parse(config);
  } catch {
    // JSON.parse's own message quotes the input, which here is key material.
    throw new FieldCryptoError("bad_key_ring", "invalid key ring: not valid JSON");
  }
  const parsed = zKeyRingFile.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`,
    );
    throw new FieldCryptoError("bad_key_ring", `invalid key ring: ${problems.join("; ")}`);
  }
  const { current, keys, index } = parsed.data;
  return {
    currentId: current,
    keys: Object.entries(keys).map(([id, key]) => ({ id, key })),
    indexKey: index,
  };
}

/** The text form parseKeyRing reads back; it contains the keys, so treat it as a secret. */
export function formatKeyRing(ring: KeyRing): string {
  const keys: Record<string, string> = {};
  for (const k of ring.keys) keys[k.id] = k.key.toString("base64");
  return JSON.stringify({ current: ring.currentId, keys, index: ring.indexKey.toString("base64") });
}

/** A fresh ring with one data key "k1" and an index key, for an embedded install's first start. */
export function generateKeyRing(): KeyRing {
  return {
    currentId: "k1",
    keys: [{ id: "k1", key: randomBytes(KEY_BYTES) }],
    indexKey: randomBytes(KEY_BYTES),
  };
}

/**
 * Adds a new data key ("k<n+1>") and makes it current. Old keys stay so existing tokens still
 * decrypt until the rotation command has re-encrypted them; the index key is kept as is.
 */
export function rotateKeyRing(ring: KeyRing): KeyRing {
  const taken = new Set(ring.keys.map((k) => k.id));
  let n = Math.max(0, ...ring.keys.map((k) => Number(/^k(\d+)$/.exec(k.id)?.[1] ?? 0))) + 1;
  while (taken.has(`k${n}`)) n++;
  const id = `k${n}`;
  return {
    currentId: id,
    keys: [...ring.keys, { id, key: randomBytes(KEY_BYTES) }],
    indexKey: ring.indexKey,
  };
}
