/**
 * Small-cell suppression for published counts (docs/OPENDATA.md, "Suppression"). Pure functions.
 *
 * 1. Primary: a count from 1 to min−1 is published as "<min" (zero is published: it names nobody).
 * 2. Complementary: a group of cells that add up to a published total (one month's categories,
 *    townships or channels) never has exactly one suppressed cell — otherwise the total minus the
 *    other cells gives it back. When one is suppressed, the smallest other non-zero cell (else the
 *    smallest other cell) is suppressed too and published as "*".
 * A total that is itself under the minimum is suppressed as a primary cell, and then every cell
 * of its group is under the minimum too (they are parts of it). No sum over months or over groups
 * is published, so no difference of published figures isolates a suppressed cell.
 */

export type Published = number | "<" | "*";

export function isPrimarySuppressed(n: number, min: number): boolean {
  return n > 0 && n < min;
}

/** The cells of one group, suppressed; `totalPublished` says whether their sum is published. */
export function suppressGroup(values: readonly number[], min: number, totalPublished: boolean): Published[] {
  const out: Published[] = values.map((v) => (isPrimarySuppressed(v, min) ? "<" : v));
  const hidden = out.filter((v) => v === "<").length;
  if (totalPublished && hidden === 1 && values.length > 1) {
    const candidates = values
      .map((v, i) => ({ v, i }))
      .filter(({ i }) => out[i] !== "<")
      .sort((a, b) => (a.v === 0 ? 1 : 0) - (b.v === 0 ? 1 : 0) || a.v - b.v || a.i - b.i);
    const pick = candidates[0];
    if (pick) out[pick.i] = "*";
  }
  return out;
}

export function renderPublished(v: Published, min: number): string {
  return v === "<" ? `<${min}` : v === "*" ? "*" : String(v);
}
