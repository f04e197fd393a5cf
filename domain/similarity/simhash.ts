import { fnv1a32 } from "./hash.ts";

/**
 * 64-bit SimHash as two 32-bit halves: each feature votes, weighted, on every bit; near-duplicate
 * texts end up a few bits apart. Returned as a 16-digit hex string so it survives JSON and SQL.
 */
export function simHash(features: Iterable<string> | Map<string, number>): string {
  const votes = new Float64Array(64);
  const entries: Iterable<[string, number]> =
    features instanceof Map ? features.entries() : Array.from(features, (f): [string, number] => [f, 1]);
  for (const [f, w] of entries) {
    const lo = fnv1a32(f, 0x5bd1e995);
    const hi = fnv1a32(f, 0x1b873593);
    for (let i = 0; i < 32; i++) {
      votes[i]! += (lo >>> i) & 1 ? w : -w;
      votes[32 + i]! += (hi >>> i) & 1 ? w : -w;
    }
  }
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < 32; i++) {
    if (votes[i]! > 0) lo |= 1 << i;
    if (votes[32 + i]! > 0) hi |= 1 << i;
  }
  return (hi >>> 0).toString(16).padStart(8, "0") + (lo >>> 0).toString(16).padStart(8, "0");
}

function popcount32(x: number): number {
  let v = x >>> 0;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Number of differing bits between two SimHash values (0 = same, 64 = opposite). */
export function hammingDistance(a: string, b: string): number {
  if (!/^[0-9a-f]{16}$/.test(a) || !/^[0-9a-f]{16}$/.test(b)) throw new Error("not a 64-bit simhash");
  return (
    popcount32(Number.parseInt(a.slice(0, 8), 16) ^ Number.parseInt(b.slice(0, 8), 16)) +
    popcount32(Number.parseInt(a.slice(8), 16) ^ Number.parseInt(b.slice(8), 16))
  );
}

/** 1 − distance/64: a similarity in [0, 1]. */
export function simHashSimilarity(a: string, b: string): number {
  return 1 - hammingDistance(a, b) / 64;
}
