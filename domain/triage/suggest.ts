import { LEGAL_CLASSES, type LegalClass, NATURES, type Nature } from "../workflow/statuses.ts";
import { type NaiveBayesModel, predictNaiveBayes } from "./naive-bayes.ts";
import { applyRules, CATEGORY_RULES, NATURE_RULES, type RouteOutFlag, routeOutFlags } from "./rules.ts";

/** The trained models, stored as one JSON document (file or database row). */
export interface TriageModel {
  version: 1;
  trainedAt: string;
  /** How many examples each part learned from: the labelled set plus confirmed choices. */
  examples: number;
  confirmedChoices: number;
  category: NaiveBayesModel;
  nature: NaiveBayesModel;
}

export interface Option<T extends string> {
  value: T;
  /** 0–1; from the model's posterior, or the share of rule hits on a cold start. */
  score: number;
  source: "model" | "rules";
  /** Words of the text that weighed most for this option in the model. */
  topWords: string[];
  /** Keywords of the rule that fired for this option. */
  ruleHits: string[];
}

export interface TriageSuggestion {
  nature: Option<Nature>[];
  legalClass: Option<LegalClass>[];
  category: Option<string>[];
  routeOut: RouteOutFlag[];
  /** An accusation's material must never reach the accused unit: name the unit when registering. */
  protectFromAccused: boolean;
}

function rank<T extends string>(
  model: NaiveBayesModel | null,
  rules: ReturnType<typeof applyRules<T>>,
  tokens: readonly string[],
  allowed: readonly T[] | null,
  top: number,
): Option<T>[] {
  const hitsOf = new Map(rules.map((r) => [r.label, r.hits]));
  const total = rules.reduce((a, r) => a + r.score, 0);
  const ruleShare = new Map(rules.map((r) => [r.label, r.score / total]));
  if (model && model.totalDocs > 0) {
    // The model's posterior blended with the rules' share: the rules keep a rare wording from
    // being lost when the bureau's own cases have not taught the model that word yet.
    return predictNaiveBayes(model, tokens)
      .filter((s) => !allowed || allowed.includes(s.label as T))
      .map((s) => ({
        ...s,
        blended: (1 - RULE_WEIGHT) * s.probability + RULE_WEIGHT * (ruleShare.get(s.label as T) ?? 0),
      }))
      .sort((a, b) => b.blended - a.blended || (a.label < b.label ? -1 : 1))
      .slice(0, top)
      .map((s) => ({
        value: s.label as T,
        score: Math.round(s.blended * 1000) / 1000,
        source: "model" as const,
        topWords: s.topWords,
        ruleHits: hitsOf.get(s.label as T) ?? [],
      }));
  }
  return rules.slice(0, top).map((r) => ({
    value: r.label,
    score: Math.round((r.score / total) * 1000) / 1000,
    source: "rules" as const,
    topWords: [],
    ruleHits: r.hits,
  }));
}

/** Weight of the keyword rules against the model's posterior. */
export const RULE_WEIGHT = 0.4;

const LEGAL_OF: Record<Nature, LegalClass> = {
  request: "appeal_request",
  appeal: "appeal_request",
  inquiry: "appeal_request",
  suggestion: "suggestion",
  accusation: "accusation",
};

/**
 * Suggestions for the registrar: nature, legal class, category, and matters that must leave the
 * petition route. Never a decision: the registrar chooses, and the choice trains the next model.
 */
export function suggestTriage(
  input: { text: string; tokens: readonly string[] },
  model: TriageModel | null,
  top = 3,
): TriageSuggestion {
  const nature = rank<Nature>(
    model?.nature ?? null,
    applyRules(NATURE_RULES, input.text),
    input.tokens,
    NATURES,
    top,
  );
  const category = rank<string>(
    model?.category ?? null,
    applyRules(CATEGORY_RULES, input.text),
    input.tokens,
    null,
    top,
  );
  // The legal class follows from the nature (信访工作条例 Arts. 29–31): sum the nature scores.
  const legal = new Map<LegalClass, Option<LegalClass>>();
  for (const n of nature) {
    const lc = LEGAL_OF[n.value];
    const cur = legal.get(lc);
    if (cur) cur.score = Math.round((cur.score + n.score) * 1000) / 1000;
    else legal.set(lc, { ...n, value: lc });
  }
  const legalClass = [...legal.values()]
    .filter((o) => LEGAL_CLASSES.includes(o.value))
    .sort((a, b) => b.score - a.score);
  const topCategory = category[0]?.value ?? null;
  return {
    nature,
    legalClass,
    category,
    routeOut: routeOutFlags(input.text, topCategory),
    protectFromAccused: nature[0]?.value === "accusation",
  };
}

export interface Accuracy {
  n: number;
  top1: number;
  top3: number;
}

/** Share of examples whose label is the first suggestion, and among the first three. */
export function accuracy(predicted: readonly (readonly string[])[], labels: readonly string[]): Accuracy {
  let top1 = 0;
  let top3 = 0;
  predicted.forEach((p, i) => {
    if (p[0] === labels[i]) top1++;
    if (p.slice(0, 3).includes(labels[i]!)) top3++;
  });
  const n = labels.length;
  return { n, top1: n ? top1 / n : 0, top3: n ? top3 / n : 0 };
}
