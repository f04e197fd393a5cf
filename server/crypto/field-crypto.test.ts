import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  blindIndex,
  decryptField,
  encryptField,
  FieldCryptoError,
  formatKeyRing,
  generateKeyRing,
  type KeyRing,
  needsRotation,
  parseKeyRing,
  reencrypt,
  rotateKeyRing,
} from "./field-crypto.ts";

const CTX = "case_petitioners.id_number";
const TOKEN = /^v1\.k\d+\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{22}$/;

/** The FieldCryptoError code thrown by fn, or a failure if it does not throw one. */
function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof FieldCryptoError) return e.code;
    throw e;
  }
  throw new Error("expected a FieldCryptoError");
}

/** Flips the lowest bit of byte `index` inside one base64url part of a token. */
function flipByte(token: string, part: 2 | 3 | 4, index = 0): string {
  const parts = token.split(".");
  const bytes = Buffer.from(parts[part]!, "base64url");
  bytes[index] = bytes[index]! ^ 1;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

const b64 = (n: number) => randomBytes(n).toString("base64");

describe("encryptField / decryptField", () => {
  const ring = generateKeyRing();

  it("round-trips Chinese text, emoji and the empty string", () => {
    for (const text of ["张三丰，河南省郑州市金水区", "信访人😀𠮷", ""]) {
      expect(decryptField(ring, encryptField(ring, text, CTX), CTX)).toBe(text);
    }
  });

  it("writes a v1 token naming the current key", () => {
    expect(encryptField(ring, "410105199003071234", CTX)).toMatch(TOKEN);
    expect(encryptField(ring, "x", CTX).split(".")[1]).toBe("k1");
  });

  it("gives different tokens for the same plaintext, because each has a fresh IV", () => {
    expect(encryptField(ring, "13812345678", CTX)).not.toBe(encryptField(ring, "13812345678", CTX));
  });

  it("never puts the plaintext, or its base64, into the token", () => {
    const secret = "410105199003071234";
    const token = encryptField(ring, secret, CTX);
    expect(token).not.toContain(secret);
    expect(token).not.toContain(Buffer.from(secret).toString("base64url").slice(0, 12));
  });

  it("detects a flipped byte in the ciphertext, the IV or the tag", () => {
    const token = encryptField(ring, "张三丰", CTX);
    for (const part of [2, 3, 4] as const) {
      expect(errorCode(() => decryptField(ring, flipByte(token, part), CTX))).toBe("auth_failed");
    }
  });

  it("refuses a token decrypted under another column's context", () => {
    const token = encryptField(ring, "13812345678", "case_petitioners.phone");
    expect(errorCode(() => decryptField(ring, token, CTX))).toBe("auth_failed");
  });

  it("refuses a token whose key id was switched to another key in the ring", () => {
    const rotated = rotateKeyRing(ring);
    const token = encryptField(rotated, "张三丰", CTX).replace(".k2.", ".k1.");
    expect(errorCode(() => decryptField(rotated, token, CTX))).toBe("auth_failed");
  });

  it("reports a key id that is not in the ring as unknown_key", () => {
    const token = encryptField(rotateKeyRing(ring), "张三丰", CTX);
    expect(errorCode(() => decryptField(ring, token, CTX))).toBe("unknown_key");
  });

  it("reports malformed tokens as malformed_token", () => {
    const token = encryptField(ring, "张三丰", CTX);
    const [, id, iv, ct, tag] = token.split(".");
    for (const bad of [
      "",
      "plain text",
      token.replace(/^v1/, "v2"),
      [id, iv, ct, tag].join("."),
      ["v1", id, iv?.slice(2), ct, tag].join("."),
      ["v1", id, iv, ct, `${tag}!`].join("."),
      ["v1", "k.1", iv, ct, tag].join("."),
    ]) {
      expect(errorCode(() => decryptField(ring, bad, CTX))).toBe("malformed_token");
    }
  });

  it("refuses an empty context and a plaintext with a lone surrogate", () => {
    expect(errorCode(() => encryptField(ring, "x", ""))).toBe("bad_input");
    expect(errorCode(() => encryptField(ring, "bad\ud800", CTX))).toBe("bad_input");
  });

  it("refuses to encrypt when the current key is missing from the ring", () => {
    const broken: KeyRing = { ...ring, currentId: "k9" };
    expect(errorCode(() => encryptField(broken, "x", CTX))).toBe("bad_key_ring");
  });
});

describe("key rotation", () => {
  const old = generateKeyRing();
  const ring = rotateKeyRing(old);

  it("adds k2 as current and keeps k1 and the index key", () => {
    expect(ring.currentId).toBe("k2");
    expect(ring.keys.map((k) => k.id)).toEqual(["k1", "k2"]);
    expect(ring.keys[1]!.key.equals(ring.keys[0]!.key)).toBe(false);
    expect(ring.indexKey.equals(old.indexKey)).toBe(true);
    expect(old.currentId).toBe("k1");
  });

  it("keeps tokens written before the rotation readable", () => {
    const token = encryptField(old, "张三丰", CTX);
    expect(decryptField(ring, token, CTX)).toBe("张三丰");
  });

  it("writes new tokens under the new key", () => {
    expect(encryptField(ring, "张三丰", CTX).split(".")[1]).toBe("k2");
  });

  it("flags old tokens for rotation and current ones not", () => {
    expect(needsRotation(ring, encryptField(old, "a", CTX))).toBe(true);
    expect(needsRotation(ring, encryptField(ring, "a", CTX))).toBe(false);
  });

  it("re-encrypts an old token under the current key with the same plaintext", () => {
    const moved = reencrypt(ring, encryptField(old, "13812345678", CTX), CTX);
    expect(moved.split(".")[1]).toBe("k2");
    expect(needsRotation(ring, moved)).toBe(false);
    expect(decryptField(ring, moved, CTX)).toBe("13812345678");
  });

  it("refuses to re-encrypt under the wrong context", () => {
    const token = encryptField(old, "13812345678", CTX);
    expect(errorCode(() => reencrypt(ring, token, "case_petitioners.phone"))).toBe("auth_failed");
  });

  it("skips ids already taken when naming the next key", () => {
    const custom: KeyRing = { ...old, keys: [...old.keys, { id: "k2", key: randomBytes(32) }] };
    expect(rotateKeyRing(custom).currentId).toBe("k3");
    const named: KeyRing = { ...old, currentId: "main", keys: [{ id: "main", key: randomBytes(32) }] };
    expect(rotateKeyRing(named).currentId).toBe("k1");
  });
});

describe("blindIndex", () => {
  const ring = generateKeyRing();

  it("gives the same 64-hex-digit value for the same kind and value", () => {
    const a = blindIndex(ring, "id_number", "410105199003071234");
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(blindIndex(ring, "id_number", "410105199003071234")).toBe(a);
  });

  it("differs between kinds and between values", () => {
    const a = blindIndex(ring, "id_number", "13812345678");
    expect(blindIndex(ring, "phone", "13812345678")).not.toBe(a);
    expect(blindIndex(ring, "id_number", "13812345679")).not.toBe(a);
  });

  it("stays the same across key rotation and a save/load of the ring", () => {
    const before = blindIndex(ring, "phone", "13812345678");
    const after = parseKeyRing(formatKeyRing(rotateKeyRing(rotateKeyRing(ring))));
    expect(blindIndex(after, "phone", "13812345678")).toBe(before);
  });

  it("depends on the index key, so another install's index does not match", () => {
    expect(blindIndex(generateKeyRing(), "phone", "13812345678")).not.toBe(
      blindIndex(ring, "phone", "13812345678"),
    );
  });

  it("refuses a kind containing a colon, which would make kind and value ambiguous", () => {
    expect(errorCode(() => blindIndex(ring, "id:number", "1"))).toBe("bad_input");
  });
});

describe("parseKeyRing / formatKeyRing", () => {
  it("reads back what it writes, keys and current id included", () => {
    const ring = rotateKeyRing(generateKeyRing());
    const back = parseKeyRing(formatKeyRing(ring));
    expect(back.currentId).toBe("k2");
    expect(back.keys.map((k) => [k.id, k.key.toString("hex")])).toEqual(
      ring.keys.map((k) => [k.id, k.key.toString("hex")]),
    );
    expect(back.indexKey.equals(ring.indexKey)).toBe(true);
    expect(decryptField(back, encryptField(ring, "张三", CTX), CTX)).toBe("张三");
  });

  it("refuses a key of the wrong length and says which key and how long", () => {
    const config = JSON.stringify({ current: "k1", keys: { k1: b64(16) }, index: b64(32) });
    expect(() => parseKeyRing(config)).toThrow(/keys\.k1: must decode to 32 bytes \(got 16\)/);
  });

  it("refuses an index key of the wrong length", () => {
    const config = JSON.stringify({ current: "k1", keys: { k1: b64(32) }, index: b64(31) });
    expect(() => parseKeyRing(config)).toThrow(/index: must decode to 32 bytes \(got 31\)/);
  });

  it("refuses a current id that is not one of the keys", () => {
    const config = JSON.stringify({ current: "k2", keys: { k1: b64(32) }, index: b64(32) });
    expect(() => parseKeyRing(config)).toThrow(/current: "k2" is not one of the keys/);
  });

  it("refuses an index key equal to a data key", () => {
    const key = b64(32);
    const config = JSON.stringify({ current: "k1", keys: { k1: key }, index: key });
    expect(() => parseKeyRing(config)).toThrow(/index: must differ from data key "k1"/);
  });

  it("refuses key ids with dots, non-base64 keys, unknown fields and an empty key set", () => {
    const ok = { current: "k1", keys: { k1: b64(32) }, index: b64(32) };
    for (const bad of [
      { ...ok, current: "k.1", keys: { "k.1": b64(32) } },
      { ...ok, keys: { k1: "not base64!" } },
      { ...ok, extra: true },
      { ...ok, keys: {} },
    ]) {
      expect(errorCode(() => parseKeyRing(JSON.stringify(bad)))).toBe("bad_key_ring");
    }
  });

  it("does not echo the input when it is not JSON, since the input is key material", () => {
    // Unquoted: V8's own message for this quotes the text around the bad token.
    const secret = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODk=";
    const err = (() => {
      try {
        parseKeyRing(`{"current":"k1","keys":{"k1":${secret}}}`);
      } catch (e) {
        return e as FieldCryptoError;
      }
    })();
    expect(err?.code).toBe("bad_key_ring");
    expect(err?.message).not.toContain(secret.slice(0, 8));
  });
});
