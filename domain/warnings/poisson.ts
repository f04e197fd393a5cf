/**
 * P(X ≥ k) for X ~ Poisson(λ): the one-sided p-value of seeing k or more events when λ are expected.
 * Summed as 1 − P(X ≤ k − 1) with the terms built by recurrence (λ^i / i! = previous · λ / i), which is
 * exact enough for the small counts of one category in one township in one week.
 */
export function poissonUpperTail(k: number, lambda: number): number {
  if (!Number.isInteger(k) || k < 0) throw new RangeError("k must be a whole number ≥ 0");
  if (!(lambda > 0)) throw new RangeError("λ must be > 0");
  if (k === 0) return 1;
  let term = Math.exp(-lambda);
  let below = term;
  for (let i = 1; i < k; i++) {
    term = (term * lambda) / i;
    below += term;
  }
  return Math.max(0, 1 - below);
}
