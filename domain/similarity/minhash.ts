import { fnv1a32, mix32 } from "./hash.ts";

/**
 * MinHash signatures: for k seeded hash functions, the smallest hash over a set's members. The
 * share of equal positions in two signatures estimates the Jaccard similarity of the sets, and
 * banding the signature (LSH) finds likely-similar sets without comparing every pair.
 */
export function minHash(members: Iterable<string>, k = 64): Uint32Array {
  const sig = new Uint32Array(k).fill(0xffffffff);
  for (const m of members) {
    const base = fnv1a32(m);
    for (let i = 0; i < k; i++) {
      const h = mix32(base ^ Math.imul(i + 1, 0x9e3779b1));
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity from two signatures of the same length. */
export function minHashSimilarity(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new Error("signatures of different lengths");
  if (a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i] && a[i] !== 0xffffffff) same++;
  return same / a.length;
}

/**
 * LSH band keys: the signature cut into `bands` rows of equal width, each hashed to one number.
 * Two sets share at least one band key with probability 1 - (1 - s^r)^b for Jaccard s.
 */
export function bandKeys(sig: Uint32Array, bands: number): number[] {
  if (sig.length % bands !== 0) throw new Error("signature length must be a multiple of bands");
  const rows = sig.length / bands;
  const keys: number[] = [];
  for (let b = 0; b < bands; b++) {
    let h = mix32(b + 1);
    for (let r = 0; r < rows; r++) h = mix32(h ^ sig[b * rows + r]!);
    // Band number in the top bits keeps keys of different bands apart.
    keys.push(((b & 0xff) << 24) | (h & 0xffffff));
  }
  return keys;
}
