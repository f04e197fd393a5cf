/**
 * The same person's pair decided by a model learned from the written pairs (issue #18, seventh
 * round): a logistic regression over what the rules already read of the pair (`RepeatEvidence`,
 * repeat.ts) — the text similarity and the rules' matter score, the category and place, names that
 * agree or differ, the grievance kinds, the cues (上回反映, 催办, 至今没), the rules' own reasons,
 * the days apart and the lengths. It answers "the same matter?" only for pairs the rules call the
 * same person; who is the same person stays with the rules (a shared phone under another name is
 * never the same person), and a petitioner who says it is another matter is not overruled.
 *
 * The weights are in `repeat-model.json`, written by `npm run train:repeats`
 * (server/search/train-repeats.ts), which reproduces the file byte for byte.
 */
import { grievanceRelation } from "./grievance.ts";
import type { RepeatEvidence, SameMatterDecision } from "./repeat.ts";
import modelFile from "./repeat-model.json" with { type: "json" };

/** The features, in the model file's order; each is 0/1 unless said otherwise. */
export const REPEAT_FEATURES = [
  /** 0–1 */
  "text_similarity",
  /** 0–1: the rules' matter score. */
  "matter_score",
  "rules_repeat",
  "same_id_number",
  "same_name_phone",
  "same_phone_unnamed",
  "same_name_address",
  "same_category",
  "related_category",
  "same_region",
  "nearby_region",
  "region_unknown",
  "names_agree",
  "names_conflict",
  "kinds_shared",
  "kinds_disjoint",
  "cites_earlier",
  "still_unsolved",
  "differs",
  "reminder",
  "recent_follow_up",
  "same_sum",
  "follow_up_bar",
  "cited_bar",
  "different_demands",
  "days_le_30",
  "days_31_90",
  "days_91_365",
  "days_over_365",
  /** log(1 + the shorter text's characters) / 8 */
  "short_length",
  /** |log(length a / length b)| / 4 */
  "length_ratio",
  /** The newer letter has a word of going on with a matter told before (还是, 至今, 上回, …的事). */
  "newer_continues",
] as const;
export type RepeatFeature = (typeof REPEAT_FEATURES)[number];

const bit = (x: boolean) => (x ? 1 : 0);

/** The features of the same person's pair, in `REPEAT_FEATURES` order. */
export function repeatFeatures(e: RepeatEvidence): number[] {
  const [pa, pb] = e.profiles;
  const kinds = grievanceRelation(pa.grievances, pb.grievances);
  const d = e.daysApart;
  const [la, lb] = [Math.max(1, e.lengths[0]), Math.max(1, e.lengths[1])];
  const f: Record<RepeatFeature, number> = {
    text_similarity: e.textSimilarity,
    matter_score: e.matterScore,
    rules_repeat: bit(e.rulesVerdict === "likely_repeat"),
    same_id_number: bit(e.persons.includes("same_id_number")),
    same_name_phone: bit(e.persons.includes("same_name_phone")),
    same_phone_unnamed: bit(e.persons.includes("same_phone_unnamed")),
    same_name_address: bit(e.persons.includes("same_name_address")),
    same_category: bit(e.sameCategory),
    related_category: bit(e.relatedCategory),
    same_region: bit(e.region === "same"),
    nearby_region: bit(e.region === "nearby"),
    region_unknown: bit(e.region === "unknown"),
    names_agree: bit(e.namesAgree > 0),
    names_conflict: bit(e.namesConflict > 0),
    kinds_shared: bit(kinds === "shared"),
    kinds_disjoint: bit(kinds === "disjoint"),
    cites_earlier: bit(e.citesEarlier),
    still_unsolved: bit(e.stillUnsolved),
    differs: bit(e.differs),
    reminder: bit(e.reminder),
    recent_follow_up: bit(e.recent),
    same_sum: bit(e.sameSum),
    follow_up_bar: bit(e.followUp),
    cited_bar: bit(e.cited),
    different_demands: bit(e.otherDemand),
    days_le_30: bit(d !== null && d <= 30),
    days_31_90: bit(d !== null && d > 30 && d <= 90),
    days_91_365: bit(d !== null && d > 90 && d <= 365),
    days_over_365: bit(d !== null && d > 365),
    short_length: Math.log1p(Math.min(la, lb)) / 8,
    length_ratio: Math.abs(Math.log(la / lb)) / 4,
    newer_continues: bit(e.newerContinues),
  };
  return REPEAT_FEATURES.map((k) => f[k]);
}

/** A binary logistic regression on standardised features. */
export interface LogisticModel {
  features: readonly string[];
  mean: readonly number[];
  scale: readonly number[];
  weights: readonly number[];
  bias: number;
}

export interface LogisticOptions {
  /** L2 penalty on the weights (not the bias), per example. */
  l2: number;
  /** Newton steps, a fixed number (no stopping test): the same data give the same weights. */
  iterations: number;
}

export const DEFAULT_LOGISTIC: LogisticOptions = { l2: 0.01, iterations: 12 };

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Solves a · x = b for a symmetric positive definite a (Cholesky); a and b are left as they were. */
function solveSpd(a: readonly number[][], b: readonly number[]): number[] {
  const n = b.length;
  const l = a.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      l[i]![j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / l[j]![j]!;
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i]![k]! * y[k]!;
    y[i] = s / l[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k]![i]! * x[k]!;
    x[i] = s / l[i]![i]!;
  }
  return x;
}

/**
 * Fits the weights by Newton's method on the mean log-loss plus l2/2 · |w|² (the bias not
 * penalised), the examples in their order: deterministic, no randomness, and — the loss being
 * convex — the same optimum whatever the start.
 */
export function trainLogistic(
  x: readonly (readonly number[])[],
  y: readonly number[],
  features: readonly string[],
  opts: LogisticOptions = DEFAULT_LOGISTIC,
): LogisticModel {
  const n = x.length;
  const m = features.length;
  if (n === 0) throw new Error("no examples");
  const mean = new Array<number>(m).fill(0);
  const scale = new Array<number>(m).fill(0);
  for (const row of x) for (let j = 0; j < m; j++) mean[j]! += row[j]! / n;
  for (const row of x) for (let j = 0; j < m; j++) scale[j]! += (row[j]! - mean[j]!) ** 2 / n;
  for (let j = 0; j < m; j++) scale[j] = Math.sqrt(scale[j]!) || 1;
  // Standardised rows with the bias as a last column of ones.
  const z = x.map((row) => [...row.map((v, j) => (v - mean[j]!) / scale[j]!), 1]);
  const d = m + 1;
  const w = new Array<number>(d).fill(0);
  for (let it = 0; it < opts.iterations; it++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < n; i++) {
      const row = z[i]!;
      let s = 0;
      for (let j = 0; j < d; j++) s += w[j]! * row[j]!;
      const p = sigmoid(s);
      const r = (p - y[i]!) / n;
      const h = (p * (1 - p)) / n;
      for (let j = 0; j < d; j++) {
        grad[j]! += r * row[j]!;
        const hj = h * row[j]!;
        const hr = hess[j]!;
        for (let k = 0; k <= j; k++) hr[k]! += hj * row[k]!;
      }
    }
    for (let j = 0; j < d; j++) {
      for (let k = 0; k < j; k++) hess[k]![j] = hess[j]![k]!;
      if (j < m) {
        grad[j]! += opts.l2 * w[j]!;
        hess[j]![j]! += opts.l2;
      }
    }
    hess[m]![m]! += 1e-9;
    const step = solveSpd(hess, grad);
    for (let j = 0; j < d; j++) w[j]! -= step[j]!;
  }
  return { features: [...features], mean, scale, weights: w.slice(0, m), bias: w[m]! };
}

/** The model's probability that the pair is the same matter. */
export function logisticProbability(model: LogisticModel, row: readonly number[]): number {
  let s = model.bias;
  for (let j = 0; j < model.weights.length; j++)
    s += (model.weights[j]! * (row[j]! - model.mean[j]!)) / model.scale[j]!;
  return sigmoid(s);
}

/** The model file: the weights, the decision threshold, and how they were made. */
export interface RepeatModelFile extends LogisticModel {
  kind: "repeat-logistic";
  /** The probability at or above which the same person's pair is the same matter. */
  threshold: number;
  options: LogisticOptions;
  /** What it was trained on (writers and their pairs) and how the threshold was chosen. */
  trainedOn: { writers: Record<string, number>; examples: number; positives: number };
  thresholdRule: string;
}

/**
 * Which pairs the model decides: the same person as the rules read it (a shared phone under
 * another name never is, nor one linked only by a form of the name), when neither text says it is
 * another matter (这回说的是…, 另一件: the
 * petitioner's word is kept, however alike the texts). A version that also left to the rules two
 * names that differ, another township and the rules' reminder, recent follow-up and same sum was
 * measured and found worse (docs/SEARCH.md, seventh round).
 */
export function learnedAsks(e: RepeatEvidence): boolean {
  return e.samePerson && !e.byFormOnly && !e.saysOther;
}

/** The learned decision for `scoreRepeat`: the same matter when the probability reaches the threshold. */
export function learnedDecision(model: RepeatModelFile): SameMatterDecision {
  return (e) => (learnedAsks(e) ? logisticProbability(model, repeatFeatures(e)) >= model.threshold : null);
}

/** The shipped model (`repeat-model.json`). */
export const REPEAT_MODEL: RepeatModelFile = modelFile as RepeatModelFile;

/** The learned decision of the shipped model; `npm run bench:repeats` prints it next to the rules. */
export const LEARNED_SAME_MATTER: SameMatterDecision = learnedDecision(REPEAT_MODEL);

/**
 * Whether the repeat check and the first-petition flag decide the same person's matter by the
 * model. **On** since session 14, by a rule fixed before three fresh writers existed (on if, pooled
 * over them, its F1 beat the rules' with precision no more than a point below): v13–v15 measured
 * once, rules 91.0 / 81.9 % against the model's 91.8 / 84.4 % (precision / recall); on six of the
 * seven fresh writers since the seventh round the model's F1 was the higher. It still overrules
 * four of the rule rounds' own sentences (a letter under another category that names the earlier
 * matter, its count or its sum: the rules join them, the model does not); see docs/SEARCH.md,
 * "The learned decision switched on". The one switch.
 */
export const USE_LEARNED_DECISION = true;

/** What `scoreRepeat` decides with when not told: the model while `USE_LEARNED_DECISION` is on, else the rules alone. */
export const DEFAULT_SAME_MATTER: SameMatterDecision | null = USE_LEARNED_DECISION
  ? LEARNED_SAME_MATTER
  : null;
