/**
 * P(X ≥ k) for X ~ Poisson(λ): the one-sided p-value of seeing k or more events when λ are expected.
 * Summed as 1 − P(X ≤ k − 1), each term e^(−λ) λ^i / i! taken from its logarithm so that a large λ
 * (where e^(−λ) alone underflows) still gives the right answer.
 */
export function poissonUpperTail(k: number, lambda: number): number {
  if (!Number.isInteger(k) || k < 0) throw new RangeError("k must be a whole number ≥ 0");
  if (!(lambda > 0) || !Number.isFinite(lambda)) throw new RangeError("λ must be > 0");
  if (k === 0) return 1;
  const logLambda = Math.log(lambda);
  let logTerm = -lambda; // log of the i = 0 term
  let below = Math.exp(logTerm);
  for (let i = 1; i < k; i++) {
    logTerm += logLambda - Math.log(i);
    below += Math.exp(logTerm);
  }
  return Math.min(1, Math.max(0, 1 - below));
}
