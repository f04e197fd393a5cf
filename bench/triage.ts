/**
 * `npm run bench:triage`: the triage model measured on petitions it never saw, split by author and
 * by writing style (never at random). Train on authors a+b without the held-out style; test on
 * author c (other styles), on the held-out style (authors a+b), and on both at once (author c in
 * the held-out style). Options: `--style NAME` (the held-out style, default phone_summary),
 * `--all-styles` (each style held out in turn), `--cv` (choose hyper-parameters by leave-one-style-out
 * cross-validation inside the training part only), `--cv-routeout` (the route-out thresholds and
 * rules by leave-one-style-out and leave-one-author-out cross-validation inside the training part
 * only; prints no held-out figure), `--held-out DIR` (a fresh set by a writer nobody trained or
 * tuned on, e.g. domain/triage/corpus/heldout-e: the shipped model, as the product uses it,
 * measured on it once, in all and per style), `--cv-cues` (the nature and discipline cue models by
 * leave-one-author-out and leave-one-style-out cross-validation inside the training part, with the
 * recall of each nature and the discipline rules' precision and recall per fold; no held-out figure),
 * `--cv-author` (the whole model by leave-one-author-out inside the training part — a, b, d, e, f, g, h, i, k —
 * with the other categories as training signal or not; no held-out figure), `--cv-style` (the same
 * candidates by leave-one-style-out).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generatePetitions } from "../domain/triage/corpus/generate.ts";
import { cues } from "../domain/triage/cues.ts";
import { DEFAULT_LINEAR } from "../domain/triage/linear.ts";
import type { TriageModel } from "../domain/triage/suggest.ts";
import {
  crossValidateByAuthor,
  crossValidateCues,
  crossValidateRouteOut,
  type Figures,
  HELD_STYLE,
  measure,
  type RouteCounts,
  splitFor,
  TEST_AUTHOR,
} from "../server/triage/evaluate.ts";
import {
  DEFAULT_TRAIN,
  fromLabelled,
  fromWritten,
  loadCorpus,
  loadWritten,
  type Prepared,
  prepare,
  STYLES,
  type TrainOptions,
  trainTriageModel,
} from "../server/triage/train.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function print(label: string, f: Figures, tokenMs: number): void {
  const pr = (r: RouteCounts) =>
    `precision ${r.tp + r.fp ? pct(r.tp / (r.tp + r.fp)) : "–"}, recall ${r.tp + r.fn ? pct(r.tp / (r.tp + r.fn)) : "–"} (${r.tp + r.fn} labelled); "cannot tell" ${r.notSureYes + r.notSureNo} (${r.notSureYes} of them labelled), flagged or "cannot tell" recall ${r.tp + r.fn ? pct((r.tp + r.notSureYes) / (r.tp + r.fn)) : "–"}`;
  const sure = f.n - f.notSure;
  console.log(`\n${label}: ${f.n} petitions`);
  console.log(
    `  category (leaf) top-1 ${pct(f.top1 / f.n)} (the label or one of its other categories ${pct(f.top1Other / f.n)})   top-3 ${pct(f.top3 / f.n)}`,
  );
  console.log(`  nature top-1 ${pct(f.nature / f.n)}   legal class ${pct(f.legal / f.n)}`);
  console.log(
    `  nature recall: ${Object.entries(f.natureRecall)
      .sort()
      .map(([k, v]) => `${k} ${pct(v.right / v.n)} (${v.right} of ${v.n})`)
      .join(", ")}`,
  );
  console.log(
    `  handling unit top-1: demo catalogue ${pct(f.unitCatalogue / f.n)}   unit model ${pct(f.unitModel / f.n)}`,
  );
  console.log(`  route-out legal_channel: ${pr(f.route.legal_channel!)}`);
  console.log(`  route-out discipline_inspection: ${pr(f.route.discipline_inspection!)}`);
  console.log(
    `  not sure ${pct(f.notSure / f.n)}; accuracy when sure ${sure ? pct(f.sureRight / sure) : "–"} (${sure})`,
  );
  const at = (q: number) =>
    f.times[Math.min(f.times.length - 1, Math.floor((q / 100) * f.times.length))] ?? 0;
  console.log(
    `  time per suggestion ${(f.ms + tokenMs).toFixed(2)} ms mean (model ${f.ms.toFixed(2)} ms + jieba ${tokenMs.toFixed(2)} ms); model p50 ${at(50).toFixed(2)} ms, p95 ${at(95).toFixed(2)} ms, max ${at(100).toFixed(2)} ms`,
  );
}

/** Leave-one-style-out inside the training part: mean leaf top-1 for each candidate. */
function crossValidate(train: readonly Prepared[], candidates: Record<string, TrainOptions>): string {
  let best = "";
  let bestScore = -1;
  for (const [name, o] of Object.entries(candidates)) {
    const reprep =
      name.includes("words only") || name.includes("chars only") ? prepare(train, o.features) : train;
    let right = 0;
    let n = 0;
    for (const style of STYLES) {
      const fold = reprep.filter((p) => p.style === style);
      if (fold.length === 0) continue;
      const m = trainTriageModel(
        reprep.filter((p) => p.style !== style),
        [],
        { trainedAt: "cv", confirmedChoices: 0 },
        o,
      );
      const fig = measure(m, fold);
      right += fig.top1;
      n += fig.n;
    }
    const score = n ? right / n : 0;
    console.log(`  cv ${name}: leaf top-1 ${pct(score)} (${n} petitions, leave-one-style-out)`);
    if (score > bestScore) {
      bestScore = score;
      best = name;
    }
  }
  return best;
}

/** The shipped model (domain/triage/model.json) on a fresh held-out set: all, then each style. */
function freshHeldOut(dir: string): void {
  const fresh = loadWritten(path.resolve(dir));
  if (fresh.length === 0) throw new Error(`no author-x-NNN.json files in ${dir}`);
  const model = JSON.parse(
    fs.readFileSync(path.join(root, "domain/triage/model.json"), "utf8"),
  ) as TriageModel;
  const t0 = process.hrtime.bigint();
  const all = prepare(fresh.map(fromWritten));
  const tokenMs = Number(process.hrtime.bigint() - t0) / 1e6 / all.length;
  const authors = [...new Set(fresh.map((p) => p.author))].join(", ");
  const trained = new Set(
    loadCorpus(path.join(root, "domain/triage/corpus"))
      .filter((p) => p.author !== TEST_AUTHOR && p.style !== HELD_STYLE)
      .map((p) => p.id),
  );
  const seen = fresh.filter((p) => trained.has(p.id)).length;
  if (seen > 0)
    console.log(
      `NOTE: ${seen} of these ${fresh.length} petitions are training data of the shipped model: the figures below are its fit, not a held-out measure.`,
    );
  print(
    `FRESH HELD-OUT SET (${dir}, author ${authors}), the shipped model — the figures that count`,
    measure(model, all),
    tokenMs,
  );
  for (const style of [...new Set(all.map((p) => p.style))].sort())
    print(
      `  style ${style}`,
      measure(
        model,
        all.filter((p) => p.style === style),
      ),
      tokenMs,
    );
}

/** `--cv-cues`: the nature and discipline cue models by leave-one-author-out and leave-one-style-out. */
function cvCues(): void {
  const corpus = loadCorpus(path.join(root, "domain/triage/corpus"))
    .map(fromWritten)
    .filter((p) => p.author !== TEST_AUTHOR && p.style !== HELD_STYLE);
  console.log(
    `training part: ${corpus.length} petitions, authors ${[...new Set(corpus.map((p) => p.author))].join(", ")}`,
  );
  const prepared = corpus.map((p) => ({ ...p, cueFeatures: cues(p.text).features }));
  const candidates: Record<string, TrainOptions> = {
    "shipped: nature learning rate 0.5, accusations and inquiries twice; route-out learning rate 1":
      DEFAULT_TRAIN,
    "every nature once (before)": { ...DEFAULT_TRAIN, natureRepeat: {} },
    // The others: accusations and inquiries twice unless they say otherwise.
    "nature and route-out learning rate 1": {
      ...DEFAULT_TRAIN,
      natureLearningRate: 1,
    },
    "nature and route-out learning rate 0.5": {
      ...DEFAULT_TRAIN,
      cueLinear: { ...DEFAULT_TRAIN.cueLinear, learningRate: 0.5 },
    },
    "nature learning rate 2": { ...DEFAULT_TRAIN, natureLearningRate: 2 },
    "30 epochs": { ...DEFAULT_TRAIN, cueLinear: { ...DEFAULT_TRAIN.cueLinear, epochs: 30 } },
    "discipline: its petitions twice": { ...DEFAULT_TRAIN, disciplineRepeat: 2 },
    "discipline: its petitions three times": { ...DEFAULT_TRAIN, disciplineRepeat: 3 },
    "nature: accusations twice": { ...DEFAULT_TRAIN, natureRepeat: { accusation: 2 } },
    "nature: accusations, inquiries, appeals, suggestions twice": {
      ...DEFAULT_TRAIN,
      natureRepeat: { accusation: 2, inquiry: 2, appeal: 2, suggestion: 2 },
    },
  };
  const only = args[args.indexOf("--cv-cues") + 1];
  for (const [name, o] of Object.entries(candidates)) {
    if (only && candidates[only] && name !== only) continue;
    console.log(`\n${name}`);
    crossValidateCues(prepared, o);
  }
}

async function main() {
  if (args.includes("--cv-cues")) {
    cvCues();
    return;
  }
  if (args.includes("--cv-author") || args.includes("--cv-style")) {
    const byStyle = args.includes("--cv-style");
    const corpus = loadCorpus(path.join(root, "domain/triage/corpus"))
      .map(fromWritten)
      .filter((p) => p.author !== TEST_AUTHOR && p.style !== HELD_STYLE);
    console.log(
      `training part: ${corpus.length} petitions, authors ${[...new Set(corpus.map((p) => p.author))].join(", ")}`,
    );
    // Without the title's grams unless a candidate says so (the fourth round's features).
    const share = (x: number): TrainOptions => ({
      ...DEFAULT_TRAIN,
      categoryAlsoShare: x,
      features: { words: true, charN: 3 },
    });
    // The shipped setting with other features or other linear options.
    const shippedWith = (features: Partial<TrainOptions["features"]>): TrainOptions => ({
      ...DEFAULT_TRAIN,
      features: { ...DEFAULT_TRAIN.features, ...features },
    });
    const shippedLinear = (linear: Partial<TrainOptions["linear"]>): TrainOptions => ({
      ...DEFAULT_TRAIN,
      linear: { ...DEFAULT_TRAIN.linear, ...linear },
    });
    const only = args[args.indexOf(byStyle ? "--cv-style" : "--cv-author") + 1];
    const candidates: Record<string, TrainOptions> = {
      "category alone (share 0)": share(0),
      "other categories share 0.3": share(0.3),
      "other categories share 0.5": share(0.5),
      // Fifth round: the category model also reads the cues' groups and combinations.
      "share 0.3, cues in the category model": { ...share(0.3), categoryCues: true },
      "share 0.5, cues in the category model": { ...share(0.5), categoryCues: true },
      "share 0.3, fifth-round cues (avoid court, police case)": {
        ...share(0.3),
        features: { words: true, charN: 3 },
      },
      "share 0.3, category averaged over epochs 8-15": {
        ...share(0.3),
        linear: { ...DEFAULT_TRAIN.linear, averageFrom: 7 },
      },
      "share 0.3, 30 epochs, category averaged over epochs 16-30": {
        ...share(0.3),
        linear: { ...DEFAULT_TRAIN.linear, epochs: 30, averageFrom: 15 },
      },
      "share 0.3, the title's grams 1-3 apart": {
        ...share(0.3),
        features: { ...DEFAULT_TRAIN.features, titleN: 3 },
      },
      "share 0.3, the title's grams 1-2 apart": {
        ...share(0.3),
        features: { ...DEFAULT_TRAIN.features, titleN: 2 },
      },
      // The shipped setting (the title's grams since the fifth round) with another L2 or share.
      // Sixth round: the shipped setting, and the ask (the last asking sentence) apart.
      shipped: DEFAULT_TRAIN,
      "shipped + the ask's grams 1-3": shippedWith({ askN: 3 }),
      "shipped + the first sentence's grams 1-3": shippedWith({ leadN: 3 }),
      "shipped + the ask's and the first sentence's grams 1-3": shippedWith({ askN: 3, leadN: 3 }),
      "shipped + the ask's grams 1-2": shippedWith({ askN: 2 }),
      "shipped, class weights (size ratio)^0.5": shippedLinear({ classWeightPower: 0.5 }),
      "shipped, class weights (size ratio)^1": shippedLinear({ classWeightPower: 1 }),
      "shipped, L2 3e-5": shippedLinear({ l2: 3e-5 }),
      "shipped, L2 3e-4": shippedLinear({ l2: 3e-4 }),
      "shipped, other categories share 0.5": { ...DEFAULT_TRAIN, categoryAlsoShare: 0.5 },
      "share 0.3, L2 3e-4": { ...share(0.3), linear: { ...DEFAULT_TRAIN.linear, l2: 3e-4 } },
      "share 0.3, L2 3e-5": { ...share(0.3), linear: { ...DEFAULT_TRAIN.linear, l2: 3e-5 } },
      "share 0.3, cues in the category model, L2 3e-4": {
        ...share(0.3),
        categoryCues: true,
        linear: { ...DEFAULT_TRAIN.linear, l2: 3e-4 },
      },
      "share 0.3, cues in the category model, L2 3e-5": {
        ...share(0.3),
        categoryCues: true,
        linear: { ...DEFAULT_TRAIN.linear, l2: 3e-5 },
      },
    };
    const picked = only && candidates[only] ? { [only]: candidates[only]! } : candidates;
    const features = Object.values(picked)[0]?.features ?? DEFAULT_TRAIN.features;
    crossValidateByAuthor(prepare(corpus, features), picked, console.log, byStyle ? "style" : "author");
    return;
  }
  const heldOutAt = args.indexOf("--held-out");
  if (heldOutAt >= 0) {
    const dir = args[heldOutAt + 1];
    if (!dir) throw new Error("--held-out needs a folder");
    freshHeldOut(dir);
    return;
  }
  const written = loadCorpus(path.join(root, "domain/triage/corpus"));
  console.log(
    `written corpus: ${written.length} petitions; authors ${[...new Set(written.map((p) => p.author))].join(", ")}`,
  );
  const t0 = process.hrtime.bigint();
  const all = prepare(written.map(fromWritten));
  const tokenMs = Number(process.hrtime.bigint() - t0) / 1e6 / Math.max(1, all.length);
  const withOld = args.includes("--with-generated");
  const old = withOld ? prepare(generatePetitions().map(fromLabelled)) : [];
  const styles = args.includes("--all-styles")
    ? [...STYLES]
    : [
        args[args.indexOf("--style") + 1] && args.includes("--style")
          ? args[args.indexOf("--style") + 1]!
          : HELD_STYLE,
      ];
  let options = DEFAULT_TRAIN;
  for (const held of styles) {
    const s = splitFor(all, held);
    console.log(
      `\n=== held-out style ${held}, test author ${TEST_AUTHOR}: train ${s.fit.length} + validation ${s.validation.length}${withOld ? ` + ${old.length} generated` : ""}`,
    );
    if (args.includes("--cv-routeout")) {
      // Route-out thresholds and rules: chosen inside the training part only (see evaluate.ts).
      crossValidateRouteOut([...s.fit, ...s.validation], 0.355);
      continue;
    }
    if (args.includes("--cv")) {
      const candidates: Record<string, TrainOptions> = {
        "words + chars 1–3, learning rate 5": DEFAULT_TRAIN,
        "words + chars 1–3, learning rate 2": {
          ...DEFAULT_TRAIN,
          linear: { ...DEFAULT_LINEAR, learningRate: 2 },
        },
        "words + chars 1–3, learning rate 10": {
          ...DEFAULT_TRAIN,
          linear: { ...DEFAULT_LINEAR, learningRate: 10 },
        },
        "words only": { ...DEFAULT_TRAIN, features: { words: true, charN: 0 } },
        "chars only 1–3": { ...DEFAULT_TRAIN, features: { words: false, charN: 3 } },
      };
      const chosen = crossValidate([...s.fit, ...s.validation], candidates);
      options = candidates[chosen]!;
      console.log(`  chosen by cross-validation: ${chosen}`);
    }
    const t1 = process.hrtime.bigint();
    const model = trainTriageModel(
      [...s.fit, ...old],
      s.validation,
      { trainedAt: "bench", confirmedChoices: 0 },
      options,
    );
    console.log(
      `  trained in ${(Number(process.hrtime.bigint() - t1) / 1e9).toFixed(1)} s; temperature ${model.category.temperature}, not sure below ${model.notSureBelow}; ${JSON.stringify(model).length} bytes`,
    );
    print(
      `unseen author (${TEST_AUTHOR}, styles other than ${held})`,
      measure(model, s.unseenAuthor),
      tokenMs,
    );
    print(
      `unseen style (${held}, authors other than ${TEST_AUTHOR})`,
      measure(model, s.unseenStyle),
      tokenMs,
    );
    print(`unseen author and style (${TEST_AUTHOR}, ${held})`, measure(model, s.both), tokenMs);
  }
  if (args.includes("--generated")) {
    const s = splitFor(all, HELD_STYLE);
    const model = trainTriageModel(s.fit, s.validation, { trainedAt: "bench", confirmedChoices: 0 });
    print(
      "smoke test: the old generated corpus",
      measure(model, prepare(generatePetitions().map(fromLabelled))),
      tokenMs,
    );
  }
}

await main();
