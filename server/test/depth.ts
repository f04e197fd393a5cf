/**
 * How big the long property, matrix and fuzz runs are.
 *
 * `npm test` runs them small, and every fast-check property with a fixed seed, so the suite stays
 * quick and a failure reproduces as it is. `npm run test:deep` (`XF_TEST_DEPTH=deep`) runs them at
 * full size with a new seed each time (CI gives it the commit's: `.ci/run`); fast-check prints the
 * seed of a failure, and `XF_TEST_SEED=<seed>` replays it in either depth.
 */

const depth = process.env.XF_TEST_DEPTH ?? "";
if (depth !== "" && depth !== "quick" && depth !== "deep") {
  throw new Error(`XF_TEST_DEPTH must be "quick" or "deep", not ${JSON.stringify(depth)}`);
}

export const DEEP = depth === "deep";

/** The fixed seed of the quick run. */
const QUICK_SEED = 20260302;

function seedFromEnv(): number | undefined {
  const raw = process.env.XF_TEST_SEED;
  if (raw === undefined || raw === "") return DEEP ? undefined : QUICK_SEED;
  const seed = Number(raw);
  if (!Number.isInteger(seed)) throw new Error(`XF_TEST_SEED must be an integer, not ${JSON.stringify(raw)}`);
  return seed;
}

/** The fast-check seed: fixed in the quick run, fast-check's own (random) in the deep one. */
export const SEED = seedFromEnv();

/** The deep size in `test:deep`, the quick one otherwise. */
export function sized(deep: number, quick: number): number {
  return DEEP ? deep : quick;
}

/** For logs: which run this is. */
export function depthLabel(): string {
  return `${DEEP ? "deep" : "quick"} run, seed ${SEED ?? "random"}`;
}
