/**
 * Percentages as the seed report prints them: one decimal, rounded half up, computed in integers so
 * 3/16 is 18.8 and 1/16 is 6.3 (binary floating point would give 18.7 and 6.2 for some ratios).
 *
 * Rule for the shares of a breakdown (documented in docs/STATISTICS.md): every share is its own
 * count divided by the same total and rounded half up on its own; the counts are the record and add
 * up exactly, the printed shares may add up to 99.9–100.1 (the seed's 62.5 + 18.8 + 6.3 + 12.5 = 100.1).
 * Shares are never adjusted to force 100.0, so the same count over the same total always prints
 * the same percentage, in every table, sentence and export.
 */

/** A ratio with what it was computed from; `percent` is null when the denominator is 0. */
export interface Rate {
  numerator: number;
  denominator: number;
  /** Percent with one decimal (62.5 means 62.5 %), or null when there is nothing to divide by. */
  percent: number | null;
}

function assertCount(name: string, v: number): void {
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${name} must be a non-negative integer: ${v}`);
}

/** Tenths of a percent, rounded half up: floor((2·n·1000 + d) / (2·d)). */
export function percentTenths(numerator: number, denominator: number): number | null {
  assertCount("numerator", numerator);
  assertCount("denominator", denominator);
  if (denominator === 0) return null;
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  return Number((2n * n * 1000n + d) / (2n * d));
}

export function rate(numerator: number, denominator: number): Rate {
  if (numerator > denominator) throw new RangeError(`rate ${numerator}/${denominator} exceeds 1`);
  const t = percentTenths(numerator, denominator);
  return { numerator, denominator, percent: t === null ? null : t / 10 };
}

/** "62.5%"; "—" when undefined. Always one decimal ("100.0%"). */
export function formatPercent(percent: number | null): string {
  if (percent === null) return "—";
  return `${percent.toFixed(1)}%`;
}

/** The share of each part in the sum of all parts, each rounded on its own (see the rule above). */
export function shares<T extends { items: number }>(parts: readonly T[]): (T & { share: number | null })[] {
  const total = parts.reduce((s, p) => s + p.items, 0);
  return parts.map((p) => ({ ...p, share: rate(p.items, total).percent }));
}

/**
 * The note a table of shares carries when its printed shares do not add up to 100.0 (the rule
 * above: each share is rounded on its own), e.g. 62.5 + 18.8 + 6.3 + 12.5 = 100.1; null when they do
 * or when there is nothing to share.
 */
export function roundingNote(sharesPrinted: readonly (number | null)[]): string | null {
  if (sharesPrinted.length === 0 || sharesPrinted.some((x) => x === null)) return null;
  const tenths = sharesPrinted.reduce<number>((sum, x) => sum + Math.round((x ?? 0) * 10), 0);
  if (tenths === 1000) return null;
  return `注：各项占比按四舍五入分别保留一位小数，合计为${(tenths / 10).toFixed(1)}%，与100%的差额系舍入所致，件次、批次、人次为实数。`;
}
