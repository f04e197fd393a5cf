import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  type AuditEntry,
  type ChainedAuditEntry,
  canonicalJson,
  chainEntry,
  entryHash,
  GENESIS_HASH,
  verifyChain,
} from "./hash-chain.ts";

function entry(seq: number | string, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    seq,
    at: `2024-06-15T08:00:0${Number(seq) % 10}.000Z`,
    actorId: "9b2f6c1e-0000-4000-8000-000000000001",
    actorRole: "registrar",
    ip: "10.0.0.7",
    action: "case_register",
    objectType: "case",
    objectId: `case-${seq}`,
    detail: { caseNumber: `XF-2024-${seq}`, channel: "visit" },
    ...overrides,
  };
}

/** A correctly sealed chain of entries 1..n. */
function chain(n: number, firstSeq = 1): ChainedAuditEntry[] {
  const out: ChainedAuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 0; i < n; i++) {
    const sealed = chainEntry(prev, entry(firstSeq + i));
    out.push(sealed);
    prev = sealed.hash;
  }
  return out;
}

describe("canonicalJson", () => {
  it("sorts keys at every level so key order does not change the text", () => {
    const a = canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: "x" } });
    const b = canonicalJson({ a: { c: "x", d: [3, { y: 2, z: 1 }] }, b: 1 });
    expect(a).toBe(b);
    expect(a).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it("keeps array order, because order in an array is meaningful", () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it("writes what a JSON round trip would store: undefined properties dropped, Dates as ISO strings", () => {
    const value = { a: undefined, b: [undefined], at: new Date("2024-06-15T08:00:00Z"), s: "信访\n" };
    expect(canonicalJson(value)).toBe(canonicalJson(JSON.parse(JSON.stringify(value))));
    expect(canonicalJson(value)).toBe('{"at":"2024-06-15T08:00:00.000Z","b":[null],"s":"信访\\n"}');
  });

  it("refuses values JSON cannot carry faithfully", () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ n: Number.POSITIVE_INFINITY })).toThrow(TypeError);
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
    expect(() => canonicalJson({ m: new Map([["a", 1]]) })).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });

  it("refuses a circular structure but accepts the same object twice side by side", () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => canonicalJson(loop)).toThrow(/circular/);
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
});

describe("entryHash", () => {
  it("is sha256 of prevHash, a newline and the canonical entry", () => {
    const e = entry(1);
    const expected = createHash("sha256")
      .update(`${GENESIS_HASH}\n${canonicalJson({ ...e, seq: "1" })}`)
      .digest("hex");
    expect(entryHash(GENESIS_HASH, e)).toBe(expected);
  });

  it('hashes seq 7 and seq "7" alike, since pg returns bigint as a string', () => {
    expect(entryHash(GENESIS_HASH, entry("7"))).toBe(entryHash(GENESIS_HASH, entry(7)));
  });

  it("changes with the previous hash and with any field", () => {
    const base = entryHash(GENESIS_HASH, entry(1));
    expect(entryHash("1".repeat(64), entry(1))).not.toBe(base);
    expect(entryHash(GENESIS_HASH, entry(1, { ip: null }))).not.toBe(base);
    expect(
      entryHash(GENESIS_HASH, entry(1, { detail: { caseNumber: "XF-2024-2", channel: "visit" } })),
    ).not.toBe(base);
  });

  it("ignores a row's own prevHash and hash fields", () => {
    const sealed = chainEntry(GENESIS_HASH, entry(1));
    const row: ChainedAuditEntry = { ...sealed, prevHash: "1".repeat(64), hash: "f".repeat(64) };
    expect(entryHash(GENESIS_HASH, row)).toBe(sealed.hash);
  });

  it("refuses a malformed previous hash or seq", () => {
    expect(() => entryHash("abc", entry(1))).toThrow(TypeError);
    expect(() => entryHash(GENESIS_HASH, entry(-1))).toThrow(TypeError);
    expect(() => entryHash(GENESIS_HASH, entry("01"))).toThrow(TypeError);
  });
});

describe("verifyChain", () => {
  it("accepts an intact chain and counts its rows", () => {
    expect(verifyChain(chain(5))).toEqual({ ok: true, count: 5 });
    expect(verifyChain([])).toEqual({ ok: true, count: 0 });
  });

  it("accepts seqs beyond 2^53 given as strings", () => {
    const rows = chain(1);
    const big = chainEntry(rows[0]!.hash, entry("9007199254740993"));
    const next = chainEntry(big.hash, entry("9007199254740994"));
    expect(verifyChain([big, next], rows[0]!.hash)).toEqual({ ok: true, count: 2 });
  });

  it("reports an altered row as hash_mismatch at that row", () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, detail: { ...rows[2]!.detail, channel: "letter" } };
    expect(verifyChain(rows)).toEqual({ ok: false, badSeq: 3, reason: "hash_mismatch" });
  });

  it("reports an altered row whose hash was recomputed as broken_link at the next row", () => {
    const rows = chain(5);
    rows[2] = chainEntry(rows[2]!.prevHash, entry(3, { actorId: null }));
    expect(verifyChain(rows)).toEqual({ ok: false, badSeq: 4, reason: "broken_link" });
  });

  it("reports a deleted row as a gap at the row after it", () => {
    const rows = chain(5);
    rows.splice(2, 1);
    expect(verifyChain(rows)).toEqual({ ok: false, badSeq: 4, reason: "gap" });
  });

  it("reports a deleted row hidden by renumbering the later seqs as broken_link", () => {
    const rows = chain(5);
    rows.splice(2, 1);
    const renumbered = rows.map((r, i) => ({ ...r, seq: i + 1 }));
    expect(verifyChain(renumbered)).toEqual({ ok: false, badSeq: 3, reason: "broken_link" });
  });

  it("reports a deleted first row as broken_link", () => {
    expect(verifyChain(chain(3).slice(1))).toEqual({ ok: false, badSeq: 2, reason: "broken_link" });
  });

  it("reports rows given out of order as a gap", () => {
    const rows = chain(4);
    [rows[1], rows[2]] = [rows[2]!, rows[1]!];
    expect(verifyChain(rows)).toEqual({ ok: false, badSeq: 3, reason: "gap" });
  });

  it("reports two rows swapped with their seqs renumbered as broken_link", () => {
    const rows = chain(4);
    const swapped = [rows[0]!, { ...rows[2]!, seq: 2 }, { ...rows[1]!, seq: 3 }, rows[3]!];
    expect(verifyChain(swapped)).toEqual({ ok: false, badSeq: 2, reason: "broken_link" });
  });

  it("reports a row with an invalid seq as a gap", () => {
    const rows = chain(2);
    rows[1] = { ...rows[1]!, seq: "two" };
    expect(verifyChain(rows)).toEqual({ ok: false, badSeq: "two", reason: "gap" });
  });

  it("resumes from a known-good hash and refuses the wrong one", () => {
    const rows = chain(5);
    const tail = rows.slice(3);
    expect(verifyChain(tail, rows[2]!.hash)).toEqual({ ok: true, count: 2 });
    expect(verifyChain(tail, rows[1]!.hash)).toEqual({ ok: false, badSeq: 4, reason: "broken_link" });
  });
});
