/** Splits text at the server's `[start, end)` ranges (UTF-16 units) into plain and marked pieces; no HTML. */
export function highlightPieces(text: string, ranges: [number, number][]): { text: string; mark: boolean }[] {
  const sorted = [...ranges]
    .map(([a, b]) => [Math.max(0, a), Math.min(text.length, b)] as [number, number])
    .filter(([a, b]) => a < b)
    .sort((x, y) => x[0] - y[0]);
  const out: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const [a, b] of sorted) {
    const start = Math.max(a, at);
    if (start >= b) continue;
    if (start > at) out.push({ text: text.slice(at, start), mark: false });
    out.push({ text: text.slice(start, b), mark: true });
    at = b;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}
