/** A piece of text with the character ranges ([start, end), UTF-16 offsets) that matched the query. */
export interface Highlighted {
  text: string;
  ranges: [number, number][];
}

/** Every occurrence of the terms in the text, longest term first, overlaps merged. */
export function findRanges(text: string, terms: readonly string[]): [number, number][] {
  const lower = text.toLowerCase();
  const sorted = [...new Set(terms.map((t) => t.toLowerCase()).filter((t) => t.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  const ranges: [number, number][] = [];
  for (const term of sorted) {
    let from = 0;
    for (;;) {
      const at = lower.indexOf(term, from);
      if (at < 0) break;
      ranges.push([at, at + term.length]);
      from = at + term.length;
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/**
 * A window of the text around its densest cluster of hits, about `width` characters long, with an
 * ellipsis where it was cut, and the hit ranges relative to the window.
 */
export function snippet(text: string, terms: readonly string[], width = 80): Highlighted {
  const flat = text.replace(/\s+/g, " ").trim();
  const all = findRanges(flat, terms);
  if (flat.length <= width) return { text: flat, ranges: all };
  if (all.length === 0) return { text: `${flat.slice(0, width)}…`, ranges: [] };
  // The window start that covers the most hits, starting a little before a hit.
  let best = 0;
  let bestCount = -1;
  for (const [s] of all) {
    const start = Math.max(0, s - 10);
    const count = all.filter(([a, b]) => a >= start && b <= start + width).length;
    if (count > bestCount) {
      best = start;
      bestCount = count;
    }
  }
  const start = Math.min(best, Math.max(0, flat.length - width));
  const end = Math.min(flat.length, start + width);
  const prefix = start > 0 ? "…" : "";
  const body = flat.slice(start, end);
  const ranges = all
    .filter(([a, b]) => a >= start && b <= end)
    .map(([a, b]): [number, number] => [a - start + prefix.length, b - start + prefix.length]);
  return { text: `${prefix}${body}${end < flat.length ? "…" : ""}`, ranges };
}
