/**
 * `npm run train:repeats`: the learned repeat decision (domain/similarity/learned-repeat.ts)
 * trained on every development writer's written pairs, written to
 * domain/similarity/repeat-model.json. The same corpus gives the same file, byte for byte: the
 * pairs are read in file order, the weights fitted by full-batch gradient descent (no randomness)
 * and rounded before they are written or used.
 *
 * The threshold is chosen inside the training data only: each training writer is left out in
 * turn, a model is fitted on the others and scores the writer's pairs; on those out-of-writer
 * probabilities, the threshold is the one that finds the most repeats at a precision not lower than
 * the rules' on the same pairs.
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import {
  DEFAULT_LOGISTIC,
  type LogisticModel,
  type LogisticOptions,
  learnedAsks,
  logisticProbability,
  REPEAT_FEATURES,
  type RepeatModelFile,
  repeatFeatures,
  trainLogistic,
} from "../../domain/similarity/learned-repeat.ts";
import { assessRepeat } from "../../domain/similarity/repeat.ts";
import { type WrittenPair, writersPairs, writtenPairFacts } from "./written-pairs.ts";

/** One written pair as the model sees it. */
export interface PairExample {
  writer: string;
  id: string;
  isRepeat: boolean;
  /** The rules call it a repeat. */
  rulesRepeat: boolean;
  /** The rules call it the same person, and neither text says it is another matter: the model decides. */
  asked: boolean;
  features: number[];
}

export function pairExample(writer: string, p: WrittenPair): PairExample {
  const { score, evidence } = assessRepeat(...writtenPairFacts(p));
  const asked = learnedAsks(evidence);
  return {
    writer,
    id: p.id,
    isRepeat: p.isRepeat,
    rulesRepeat: score.verdict === "likely_repeat",
    asked,
    features: asked ? repeatFeatures(evidence) : [],
  };
}

/** Every development writer's pairs, in file order. */
export function corpusExamples(): PairExample[] {
  return writersPairs().flatMap(({ writer, pairs }) => pairs.map((p) => pairExample(writer, p)));
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function roundModel(m: LogisticModel): LogisticModel {
  return {
    features: m.features,
    mean: m.mean.map(round6),
    scale: m.scale.map(round6),
    weights: m.weights.map(round6),
    bias: round6(m.bias),
  };
}

function fitAsked(examples: readonly PairExample[], opts: LogisticOptions): LogisticModel {
  const asked = examples.filter((e) => e.asked);
  return roundModel(
    trainLogistic(
      asked.map((e) => e.features),
      asked.map((e) => (e.isRepeat ? 1 : 0)),
      REPEAT_FEATURES,
      opts,
    ),
  );
}

export const THRESHOLD_RULE =
  "the most repeats found, at a precision not lower than the rules' on the same pairs, on out-of-writer probabilities of the training writers (each left out in turn)";

/**
 * The threshold of `THRESHOLD_RULE` from scored pairs (the probability of each pair the model is
 * asked about, with its label and the rules' verdict). Ties go to the higher threshold.
 */
export function chooseRepeatThreshold(
  scored: readonly { p: number; isRepeat: boolean; rulesRepeat: boolean }[],
): number {
  const rulesTp = scored.filter((s) => s.rulesRepeat && s.isRepeat).length;
  const rulesCalled = scored.filter((s) => s.rulesRepeat).length;
  const rulesPrecision = rulesCalled === 0 ? 1 : rulesTp / rulesCalled;
  const sorted = [...scored].sort((a, b) => b.p - a.p);
  let best = 1;
  let bestTp = -1;
  let tp = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i]!.isRepeat) tp++;
    // A threshold only between two distinct probabilities.
    if (i + 1 < sorted.length && sorted[i + 1]!.p === sorted[i]!.p) continue;
    if (tp / (i + 1) >= rulesPrecision && tp > bestTp) {
      bestTp = tp;
      best = sorted[i]!.p;
    }
  }
  return round6(Math.floor(best * 1e6) / 1e6);
}

/** The model fitted on `examples`, with its threshold chosen on them (each writer left out in turn). */
export function fitRepeatModel(
  examples: readonly PairExample[],
  opts: LogisticOptions = DEFAULT_LOGISTIC,
): { model: LogisticModel; threshold: number } {
  const writers = [...new Set(examples.map((e) => e.writer))];
  const oof: { p: number; isRepeat: boolean; rulesRepeat: boolean }[] = [];
  for (const w of writers) {
    const inner = fitAsked(
      examples.filter((e) => e.writer !== w),
      opts,
    );
    for (const e of examples)
      if (e.writer === w && e.asked)
        oof.push({
          p: logisticProbability(inner, e.features),
          isRepeat: e.isRepeat,
          rulesRepeat: e.rulesRepeat,
        });
  }
  return { model: fitAsked(examples, opts), threshold: chooseRepeatThreshold(oof) };
}

export function buildRepeatModel(
  examples: readonly PairExample[],
  opts: LogisticOptions = DEFAULT_LOGISTIC,
): RepeatModelFile {
  const { model, threshold } = fitRepeatModel(examples, opts);
  const writers: Record<string, number> = {};
  for (const e of examples) writers[e.writer] = (writers[e.writer] ?? 0) + 1;
  const asked = examples.filter((e) => e.asked);
  return {
    kind: "repeat-logistic",
    ...model,
    threshold,
    options: opts,
    trainedOn: { writers, examples: asked.length, positives: asked.filter((e) => e.isRepeat).length },
    thresholdRule: THRESHOLD_RULE,
  };
}

/** The file's text: one field a line, arrays on one line each (readable in a diff). */
export function repeatModelJson(m: RepeatModelFile): string {
  const lines = Object.entries(m).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return `{\n${lines.join(",\n")}\n}\n`;
}

export const MODEL_FILE = new URL("../../domain/similarity/repeat-model.json", import.meta.url);

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  const t0 = performance.now();
  const examples = corpusExamples();
  const model = buildRepeatModel(examples);
  fs.writeFileSync(MODEL_FILE, repeatModelJson(model));
  console.log(
    `wrote ${fileURLToPath(MODEL_FILE)}: ${model.trainedOn.examples} same-person pairs (${model.trainedOn.positives} repeats) of ${examples.length}, threshold ${model.threshold}, ${Math.round(performance.now() - t0)} ms`,
  );
}
