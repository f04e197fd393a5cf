/**
 * Multinomial logistic regression over sparse binary features (L2-normalised per text), trained by
 * stochastic gradient descent in a seeded order, pruned to its strongest weights and calibrated by a
 * temperature. Pure and deterministic: the same examples in the same order give the same JSON.
 */
import { mulberry32 } from "./corpus/generate.ts";

export interface LinearModel {
  kind: "linear-softmax";
  classes: string[];
  /** Feature names, sorted; only those that kept a weight after pruning. */
  features: string[];
  /** Per class: its bias, in thousandths. */
  bias: number[];
  /** Per class: [feature index, weight in thousandths, …] flattened. */
  weights: number[][];
  /** Scores are divided by it before the softmax (fitted on a validation split). */
  temperature: number;
}

export interface LinearOptions {
  l2: number;
  epochs: number;
  learningRate: number;
  seed: number;
  /** A feature must occur in this many training texts. */
  minDf: number;
  /** Weights kept after training (the largest by magnitude): the model file's size. */
  maxWeights: number;
  /** The share of the target given to an example's `also` labels (0 or absent: the label alone). */
  alsoShare?: number;
  /**
   * Tail averaging (fifth round): the weights kept are the mean of the weights at the end of each
   * epoch from this one (0-based) to the last, not the last epoch's alone — the noise of the
   * stochastic order averaged out. Absent: the last epoch's weights, as before.
   */
  averageFrom?: number;
  /**
   * Class weights (sixth round): an example's loss is weighed by (the mean class size / its label's
   * class size) to this power, scaled so that the weights average 1 over the examples — rarer
   * categories count more. 0 or absent: every example alike, as before.
   */
  classWeightPower?: number;
}

export const DEFAULT_LINEAR: LinearOptions = {
  l2: 1e-4,
  epochs: 15,
  learningRate: 5,
  seed: 7,
  minDf: 2,
  maxWeights: 150_000,
};

export interface Example {
  features: readonly string[];
  label: string;
  /**
   * Other labels the example also fits (a petition's other categories): with `alsoShare` > 0 they
   * take that share of the target between them, the label the rest.
   */
  also?: readonly string[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function trainLinear(examples: readonly Example[], opts: LinearOptions = DEFAULT_LINEAR): LinearModel {
  const share = opts.alsoShare ?? 0;
  const alsoOf = (e: Example) => (share > 0 ? (e.also ?? []).filter((l) => l !== e.label) : []);
  const classes = [...new Set(examples.flatMap((e) => [e.label, ...alsoOf(e)]))].sort(cmp);
  const K = classes.length;
  const df = new Map<string, number>();
  for (const e of examples) for (const f of new Set(e.features)) df.set(f, (df.get(f) ?? 0) + 1);
  const vocab = [...df.entries()]
    .filter(([, n]) => n >= opts.minDf)
    .map(([f]) => f)
    .sort(cmp);
  const index = new Map(vocab.map((f, i) => [f, i]));
  const F = vocab.length;
  const docs = examples.map((e) => {
    const idx = [...new Set(e.features)].map((f) => index.get(f)).filter((i): i is number => i !== undefined);
    idx.sort((a, b) => a - b);
    return {
      idx: Int32Array.from(idx),
      v: idx.length ? 1 / Math.sqrt(idx.length) : 0,
      y: classes.indexOf(e.label),
      also: Int32Array.from(new Set(alsoOf(e).map((l) => classes.indexOf(l)))),
    };
  });
  const power = opts.classWeightPower ?? 0;
  const weightOf = new Float64Array(K).fill(1);
  if (power > 0 && docs.length > 0) {
    const size = new Float64Array(K);
    for (const d of docs) size[d.y]! += 1;
    const present = size.filter((n) => n > 0).length;
    for (let k = 0; k < K; k++) weightOf[k] = size[k]! > 0 ? (docs.length / present / size[k]!) ** power : 0;
    let mean = 0;
    for (const d of docs) mean += weightOf[d.y]!;
    mean /= docs.length;
    for (let k = 0; k < K; k++) weightOf[k] = weightOf[k]! / mean;
  }
  const W = new Float64Array(F * K);
  const b = new Float64Array(K);
  const s = new Float64Array(K);
  const rand = mulberry32(opts.seed);
  const order = docs.map((_, i) => i);
  let t = 0;
  const from = opts.averageFrom ?? opts.epochs;
  const avgW = from < opts.epochs ? new Float64Array(F * K) : null;
  const avgB = from < opts.epochs ? new Float64Array(K) : null;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const di of order) {
      const d = docs[di]!;
      const eta = opts.learningRate / (1 + t / docs.length);
      t++;
      for (let k = 0; k < K; k++) s[k] = b[k]!;
      for (const f of d.idx) {
        const base = f * K;
        for (let k = 0; k < K; k++) s[k]! += W[base + k]! * d.v;
      }
      let max = -Infinity;
      for (let k = 0; k < K; k++) if (s[k]! > max) max = s[k]!;
      let sum = 0;
      for (let k = 0; k < K; k++) {
        s[k] = Math.exp(s[k]! - max);
        sum += s[k]!;
      }
      const mainTarget = d.also.length > 0 ? 1 - share : 1;
      const cw = weightOf[d.y]!;
      for (let k = 0; k < K; k++) {
        const g = cw * (s[k]! / sum - (k === d.y ? mainTarget : 0));
        b[k]! -= eta * g;
        s[k] = g;
      }
      for (const k of d.also) {
        const g = (cw * -share) / d.also.length;
        b[k]! -= eta * g;
        s[k] = s[k]! + g;
      }
      for (const f of d.idx) {
        const base = f * K;
        for (let k = 0; k < K; k++) W[base + k]! -= eta * (s[k]! * d.v + opts.l2 * W[base + k]!);
      }
    }
    if (avgW && avgB && epoch >= from) {
      for (let i = 0; i < W.length; i++) avgW[i]! += W[i]!;
      for (let k = 0; k < K; k++) avgB[k]! += b[k]!;
    }
  }
  if (avgW && avgB) {
    const n = opts.epochs - from;
    for (let i = 0; i < W.length; i++) W[i] = avgW[i]! / n;
    for (let k = 0; k < K; k++) b[k] = avgB[k]! / n;
  }
  // Keep the strongest weights: a small file and a fast suggestion, nearly the same ranking.
  const mags: number[] = [];
  for (let i = 0; i < W.length; i++) if (Math.round(W[i]! * 1000) !== 0) mags.push(Math.abs(W[i]!));
  mags.sort((x, y) => y - x);
  const cut = mags.length > opts.maxWeights ? mags[opts.maxWeights - 1]! : 0;
  const keptFeatures: number[] = [];
  for (let f = 0; f < F; f++) {
    for (let k = 0; k < K; k++) {
      const w = W[f * K + k]!;
      if (Math.abs(w) >= cut && Math.round(w * 1000) !== 0) {
        keptFeatures.push(f);
        break;
      }
    }
  }
  const weights: number[][] = classes.map(() => []);
  keptFeatures.forEach((f, newIndex) => {
    for (let k = 0; k < K; k++) {
      const w = W[f * K + k]!;
      if (Math.abs(w) >= cut && Math.round(w * 1000) !== 0) weights[k]!.push(newIndex, Math.round(w * 1000));
    }
  });
  return {
    kind: "linear-softmax",
    classes,
    features: keptFeatures.map((f) => vocab[f]!),
    bias: Array.from(b, (x) => Math.round(x * 1000)),
    weights,
    temperature: 1,
  };
}

interface Compiled {
  index: Map<string, number>;
  /** Per feature index: [class, weight, class, weight, …], weights already divided by 1000. */
  byFeature: Float64Array[];
  bias: Float64Array;
}

const compiled = new WeakMap<LinearModel, Compiled>();

/** The model's weights grouped per feature, once per model object (a suggestion reads them by feature). */
function compile(model: LinearModel): Compiled {
  let c = compiled.get(model);
  if (!c) {
    const lists: number[][] = model.features.map(() => []);
    model.weights.forEach((list, k) => {
      for (let i = 0; i < list.length; i += 2) lists[list[i]!]!.push(k, list[i + 1]! / 1000);
    });
    c = {
      index: new Map(model.features.map((f, i) => [f, i])),
      byFeature: lists.map((l) => Float64Array.from(l)),
      bias: Float64Array.from(model.bias, (x) => x / 1000),
    };
    compiled.set(model, c);
  }
  return c;
}

export interface LinearScore {
  label: string;
  probability: number;
  /** Features that pushed this class up most, strongest first (only for the first `top` classes). */
  reasons: string[];
}

/** Raw scores (before the temperature) for the classes, in the model's class order. */
export function linearScores(
  model: LinearModel,
  features: readonly string[],
): { scores: number[]; known: number[] } {
  const c = compile(model);
  const distinct = new Set(features);
  const known: number[] = [];
  for (const f of distinct) {
    const i = c.index.get(f);
    if (i !== undefined) known.push(i);
  }
  // Normalised by the text's whole feature count, as in training (unknown features still dilute).
  const n = distinct.size;
  const v = n ? 1 / Math.sqrt(n) : 0;
  const scores = Array.from(c.bias);
  for (const f of known) {
    const arr = c.byFeature[f]!;
    for (let i = 0; i < arr.length; i += 2) scores[arr[i]!]! += arr[i + 1]! * v;
  }
  return { scores, known };
}

export function softmax(scores: readonly number[], temperature = 1): number[] {
  const max = Math.max(...scores);
  const e = scores.map((s) => Math.exp((s - max) / temperature));
  const sum = e.reduce((a, x) => a + x, 0);
  return e.map((x) => x / sum);
}

/**
 * Classes ranked by calibrated probability. The features that spoke for a class (its reasons)
 * are looked up only for the first `top` classes: the others are never shown, and finding them
 * for every class was most of a suggestion's time.
 */
export function predictLinear(
  model: LinearModel,
  features: readonly string[],
  reasons = 3,
  top = Number.POSITIVE_INFINITY,
): LinearScore[] {
  const c = compile(model);
  const { scores, known } = linearScores(model, features);
  const p = softmax(scores, model.temperature);
  const order = model.classes.map((_, k) => k);
  order.sort((a, b) => p[b]! - p[a]! || cmp(model.classes[a]!, model.classes[b]!));
  return order.map((k, rank) => {
    if (rank >= top) return { label: model.classes[k]!, probability: p[k]!, reasons: [] };
    const contrib: [string, number][] = [];
    for (const f of known) {
      const arr = c.byFeature[f]!;
      for (let i = 0; i < arr.length; i += 2)
        if (arr[i] === k && arr[i + 1]! > 0) contrib.push([model.features[f]!, arr[i + 1]!]);
    }
    contrib.sort((x, y) => y[1] - x[1] || cmp(x[0], y[0]));
    return {
      label: model.classes[k]!,
      probability: p[k]!,
      reasons: contrib.slice(0, reasons).map(([f]) => f),
    };
  });
}

/** The temperature that minimises the log-loss of held-out examples (a grid, so it is reproducible). */
export function fitTemperature(model: LinearModel, held: readonly Example[]): number {
  const raw = held
    .map((e) => ({ s: linearScores(model, e.features).scores, y: model.classes.indexOf(e.label) }))
    .filter((r) => r.y >= 0);
  if (raw.length === 0) return 1;
  let best = 1;
  let bestLoss = Infinity;
  for (let i = -30; i <= 30; i++) {
    const T = Math.round(10 ** (i / 20) * 1000) / 1000;
    let loss = 0;
    for (const r of raw) loss -= Math.log(Math.max(1e-12, softmax(r.s, T)[r.y]!));
    if (loss < bestLoss - 1e-9) {
      bestLoss = loss;
      best = T;
    }
  }
  return best;
}
