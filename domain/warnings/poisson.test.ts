import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { poissonUpperTail } from "./poisson.ts";

describe("the Poisson tail as a function", () => {
  it("falls with k, rises with λ, and steps down by exactly P(X = k)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.double({ min: 0.05, max: 30, noNaN: true }),
        (k, lambda) => {
          const here = poissonUpperTail(k, lambda);
          const next = poissonUpperTail(k + 1, lambda);
          expect(here).toBeGreaterThanOrEqual(next);
          expect(poissonUpperTail(k, lambda * 1.5)).toBeGreaterThanOrEqual(here - 1e-12);
          let pk = Math.exp(-lambda);
          for (let i = 1; i <= k; i++) pk = (pk * lambda) / i;
          expect(here - next).toBeCloseTo(pk, 9);
          expect(here).toBeGreaterThanOrEqual(0);
          expect(here).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("stays right for a large λ, where e^(−λ) alone underflows to zero", () => {
    expect(Math.exp(-800)).toBe(0);
    // Poisson(800) has mean 800 and standard deviation ≈ 28.3: 900 is 3.5 deviations above.
    const p = poissonUpperTail(900, 800);
    expect(p).toBeGreaterThan(1e-5);
    expect(p).toBeLessThan(1e-3);
    expect(poissonUpperTail(700, 800)).toBeGreaterThan(0.99);
  });
});
