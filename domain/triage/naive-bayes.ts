/**
 * Multinomial naive Bayes over word tokens, with Laplace smoothing. Pure: training takes labelled
 * token lists, the model is plain JSON, prediction explains itself with the words that weighed most.
 */

export interface NaiveBayesModel {
  kind: "multinomial-nb";
  /** Smoothing added to every word count. */
  alpha: number;
  vocabularySize: number;
  classes: Record<string, { docs: number; tokens: number; counts: Record<string, number> }>;
  totalDocs: number;
}

export interface LabelledTokens {
  tokens: readonly string[];
  label: string;
}

export function trainNaiveBayes(examples: readonly LabelledTokens[], alpha = 0.5): NaiveBayesModel {
  const classes: NaiveBayesModel["classes"] = {};
  const vocabulary = new Set<string>();
  // Sorted labels and tokens make the JSON identical from run to run.
  const sorted = [...examples].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  for (const ex of sorted) {
    classes[ex.label] ??= { docs: 0, tokens: 0, counts: {} };
    const c = classes[ex.label]!;
    c.docs++;
    for (const t of ex.tokens) {
      c.counts[t] = (c.counts[t] ?? 0) + 1;
      c.tokens++;
      vocabulary.add(t);
    }
  }
  for (const c of Object.values(classes)) {
    c.counts = Object.fromEntries(Object.entries(c.counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return {
    kind: "multinomial-nb",
    alpha,
    vocabularySize: vocabulary.size,
    classes,
    totalDocs: examples.length,
  };
}

export interface ClassScore {
  label: string;
  /** Posterior probability among the model's classes. */
  probability: number;
  /** Words of the text that speak most for this class against the others. */
  topWords: string[];
}

/** Classes ranked by posterior probability; words unknown to the model are ignored. */
export function predictNaiveBayes(
  model: NaiveBayesModel,
  tokens: readonly string[],
  topWords = 3,
): ClassScore[] {
  const labels = Object.keys(model.classes);
  if (labels.length === 0) return [];
  const v = model.vocabularySize + 1;
  const known = tokens.filter((t) => labels.some((l) => model.classes[l]!.counts[t] !== undefined));
  const logLik = (l: string, t: string) => {
    const c = model.classes[l]!;
    return Math.log(((c.counts[t] ?? 0) + model.alpha) / (c.tokens + model.alpha * v));
  };
  const scores = labels.map((l) => {
    const c = model.classes[l]!;
    let s = Math.log(c.docs / model.totalDocs);
    for (const t of known) s += logLik(l, t);
    return s;
  });
  // Naive Bayes counts every word as independent evidence, so its posterior is far too sure of
  // itself on long texts; dividing by √(words) keeps the order and gives usable probabilities.
  const temper = Math.sqrt(Math.max(1, known.length));
  const max = Math.max(...scores);
  const exp = scores.map((s) => Math.exp((s - max) / temper));
  const sum = exp.reduce((a, b) => a + b, 0);
  return labels
    .map((label, i) => {
      // A word's weight for a class: its log-likelihood there minus its mean over all classes.
      const weights = new Map<string, number>();
      for (const t of new Set(known)) {
        const mean = labels.reduce((acc, l) => acc + logLik(l, t), 0) / labels.length;
        weights.set(t, logLik(label, t) - mean);
      }
      const words = [...weights.entries()]
        .filter(([, w]) => w > 0)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, topWords)
        .map(([t]) => t);
      return { label, probability: exp[i]! / sum, topWords: words };
    })
    .sort((a, b) => b.probability - a.probability || (a.label < b.label ? -1 : 1));
}
