import { LEGAL_CLASSES, type LegalClass, NATURES, type Nature } from "../workflow/statuses.ts";
import { cues } from "./cues.ts";
import { type FeatureOptions, textFeatures } from "./features.ts";
import { type LinearModel, predictLinear } from "./linear.ts";
import {
  applyRules,
  CATEGORY_RULES,
  NATURE_RULES,
  type RouteOut,
  type RouteOutFlag,
  routeOutFlags,
} from "./rules.ts";

/** The trained models, stored as one JSON document (file or database row). */
export interface TriageModel {
  version: 2;
  trainedAt: string;
  /** How many examples each part learned from: the labelled set plus confirmed choices. */
  examples: number;
  confirmedChoices: number;
  features: FeatureOptions;
  /** Leaf category over words and character 1–3-grams. */
  category: LinearModel;
  /**
   * What the category model reads: the text's words and grams, and (fifth round, `"text+cues"`)
   * the meaning cues' groups and combinations too — who is accused of what, what is asked. Absent:
   * the text alone (models trained before).
   */
  categoryFeatures?: "text" | "text+cues";
  /** Nature over the meaning cues (and, if cross-validation chose so, the text's own features). */
  nature: LinearModel;
  natureFeatures: "cues" | "cues+text";
  /** Handling unit learned from labelled examples (a second opinion next to the catalogue). */
  unit: LinearModel | null;
  /** Each route-out flag: a yes/no model over the cues. */
  routeOut: Record<RouteOut, LinearModel>;
  /** Below this calibrated probability of the first category the answer is 不确定，请人工判断. */
  notSureBelow: number;
}

export interface Option<T extends string> {
  value: T;
  /** 0–1; the model's calibrated probability, or the share of rule hits on a cold start. */
  score: number;
  source: "model" | "rules";
  /** Words of the text that weighed most for this option in the model. */
  topWords: string[];
  /** Keywords or cues that fired for this option. */
  ruleHits: string[];
}

export interface TriageSuggestion {
  nature: Option<Nature>[];
  legalClass: Option<LegalClass>[];
  category: Option<string>[];
  /** The first category is below the model's threshold: say so rather than guess. */
  notSure: boolean;
  /** The handling unit the trained model would pick, if it has one (the catalogue decides first). */
  unit: Option<string>[];
  routeOut: RouteOutFlag[];
  /**
   * Route-outs the model cannot tell (its probability between ROUTE_OUT.notSureFrom and the flag's
   * threshold): 「可能应移交…，请人工判断」 — shown to the registrar, never routed by themselves.
   */
  routeOutNotSure: RouteOutFlag[];
  /** An accusation's material must never reach the accused unit: name the unit when registering. */
  protectFromAccused: boolean;
}

export const NOT_SURE_ZH = "不确定，请人工判断";

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The cue features the category model reads beside the text (`"text+cues"`): the groups and their
 * combinations (q:officeHolder, q:clause_office+graft, q:ask_only …), not the single cue words, which
 * the text's own words and grams already carry, nor the constant q:bias.
 */
export function categoryCueFeatures(cueFeatures: readonly string[]): string[] {
  return cueFeatures.filter((f) => !f.includes("=") && f !== "q:bias");
}

/** The features the category model reads, by the model's `categoryFeatures`. */
export function categoryInput(
  model: Pick<TriageModel, "categoryFeatures">,
  text: readonly string[],
  cueFeatures: readonly string[],
): readonly string[] {
  return model.categoryFeatures === "text+cues" ? [...text, ...categoryCueFeatures(cueFeatures)] : text;
}

/** A model's feature name as a reason a registrar can read: the word or the characters. */
const readable = (f: string) => f.replace(/^[wcqt]:/, "");

function fromRules<T extends string>(rules: ReturnType<typeof applyRules<T>>, top: number): Option<T>[] {
  const total = rules.reduce((a, r) => a + r.score, 0);
  return rules.slice(0, top).map((r) => ({
    value: r.label,
    score: round3(r.score / total),
    source: "rules" as const,
    topWords: [],
    ruleHits: r.hits,
  }));
}

function fromModel<T extends string>(
  model: LinearModel,
  features: readonly string[],
  hitsOf: (label: T) => string[],
  top: number,
): Option<T>[] {
  return predictLinear(model, features, 8, top)
    .slice(0, top)
    .map((s) => ({
      value: s.label as T,
      score: round3(s.probability),
      source: "model" as const,
      // Once each: the title's grams (t:) and the text's (c:) read the same.
      topWords: [
        ...new Set(
          s.reasons
            .filter((r) => !r.startsWith("q:") || r.includes("="))
            .map((r) => readable(r).replace(/^[a-z_]+=/, "")),
        ),
      ].slice(0, 3),
      ruleHits: hitsOf(s.label as T),
    }));
}

const LEGAL_OF: Record<Nature, LegalClass> = {
  request: "appeal_request",
  appeal: "appeal_request",
  inquiry: "appeal_request",
  suggestion: "suggestion",
  accusation: "accusation",
};

/** The cue groups that speak for each nature, for its reason. */
const NATURE_CUES: Record<Nature, (keyof ReturnType<typeof cues>["hits"])[]> = {
  accusation: ["accuse", "official", "officeHolder", "misconduct", "graft", "officeAct", "investigate"],
  appeal: ["contest", "decision"],
  suggestion: ["propose"],
  inquiry: ["ask"],
  request: ["demand"],
};

const ROUTE_BODY: Record<RouteOut, string> = {
  legal_channel: "政法部门（法院、检察院、公安）",
  discipline_inspection: "纪检监察机关",
};

/**
 * When a route-out is flagged, chosen by cross-validation inside the training part only (leave one
 * style out, and leave one author out, of authors a, b, d without phone_summary; `npm run
 * bench:triage -- --cv-routeout`), by F2 (recall weighted twice: a missed accusation of an official
 * reaches an ordinary department, perhaps the accused; a false flag costs a registrar's look):
 * - `flagAt`: the cue model's probability that flags it;
 * - `ruleFrom`: discipline inspection is also flagged from this probability when one clause names an
 *   office-holder together with what they took or whom they favoured (the explicit rule);
 * - `categorySure`: a court matter is also flagged when the first category is a legal one (诉讼,
 *   执行) at this calibrated probability or more;
 * - `legalRuleFrom` (eighth round): the legal channel is also flagged from this probability when the
 *   writer names the legal step as done, told or due (`LEGAL_RULE`);
 * - `notSureFrom`: between it and `flagAt` the suggestion says it cannot tell (routeOutNotSure).
 */
export const ROUTE_OUT = {
  flagAt: { discipline_inspection: 0.4, legal_channel: 0.4 } as Record<RouteOut, number>,
  ruleFrom: 0.2,
  categorySure: 0.7,
  legalCategories: ["legal.enforcement", "legal.litigation"] as readonly string[],
  legalRuleFrom: 0.25,
  notSureFrom: 0.2,
} as const;

/** The explicit discipline-inspection rule: an office-holder and a misconduct or a relative in one clause. */
export const DISCIPLINE_RULE: readonly string[] = ["q:clause_office+graft", "q:clause_office+kin"];
/** Rejected by cross-validation (precision fell 3 points for 1–3 points of recall): the rule also on these. */
export const DISCIPLINE_RULE_WIDER: readonly string[] = [
  ...DISCIPLINE_RULE,
  "q:clause_office+act",
  "q:office+officeAct+investigate",
  "q:investigate_office_person",
];

/**
 * Fourth round (`bench:triage -- --cv-cues`, leave-one-author-out over a, b, d, e, f): discipline
 * inspection is also flagged, whatever the cue model's probability, when the text names an
 * office-holder with a hinted misconduct or with the writer's fear of them (`q:hidden_misconduct`,
 * cues.ts: 不敢署名 / 你懂的 / 走动走动 …). The cue model learns weights only for the words its
 * training writers used; this rule carries the shape to a writer who uses other words. By author
 * P 79.5 → 81.1 %, R 72.9 → 83.3 %; by style P 73.7 → 75.3 %, R 77.8 → 86.8 %.
 */
export const DISCIPLINE_HIDDEN: readonly string[] = ["q:hidden_misconduct"];

/**
 * Eighth round: the legal channel is also flagged from `ROUTE_OUT.legalRuleFrom` when the writer names
 * the legal step as what they did, were told or must do (告知可申请仲裁, 只能起诉, 我已经起诉了:
 * `q:court_step`, cues.ts). Leave-one-author-out of the cue models over a, b, d–k: legal-channel
 * P 85.9 → 85.8 %, R 83.6 → 85.2 % (the cue alone, without the rule: 86.3 / 84.0 %).
 */
export const LEGAL_RULE: readonly string[] = ["q:court_step"];

/**
 * Fifth round: a petitioner who says they do not want to go to court (不想打官司，请村里调解) is
 * never routed to the legal channel by the model or the category rule; the suggestion says it
 * cannot tell instead, and the registrar judges. Four of four such petitions in the training part,
 * by four writers, are labelled to stay in the petition route; leave-one-author-out over the cue
 * model (a, b, d, e, f, g): legal-channel precision 88.2 → 89.3 %, recall unchanged (86.2 %).
 */
export const LEGAL_AVOIDED: readonly string[] = ["q:avoid_court"];

/** Fewer letters or digits than this and the suggestion is "not sure" whatever the model says. */
export const MIN_CONTENT_CHARS = 6;

/** The cue words shown as the reason of each route-out. */
const ROUTE_HITS: Record<RouteOut, (keyof ReturnType<typeof cues>["hits"])[]> = {
  legal_channel: ["court", "loan", "adminDecision"],
  discipline_inspection: ["accuse", "official", "officeHolder", "misconduct", "graft", "kin", "officeAct"],
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
  const categoryRules = applyRules(CATEGORY_RULES, input.text);
  if (model?.version !== 2) return coldStart(input.text, categoryRules, top);
  const q = cues(input.text);
  const categoryHits = new Map(categoryRules.map((r) => [r.label, r.hits]));
  // The text's features once, for the category, the nature (if it reads them) and the unit.
  const text = textFeatures(input.text, input.tokens, model.features);
  const category = fromModel<string>(
    model.category,
    categoryInput(model, text, q.features),
    (l) => categoryHits.get(l) ?? [],
    top,
  );
  const nature = fromModel<Nature>(
    model.nature,
    model.natureFeatures === "cues" ? q.features : [...q.features, ...text],
    (l) => NATURE_CUES[l].flatMap((g) => q.hits[g]),
    NATURES.length,
  ).filter((o) => NATURES.includes(o.value));
  const unit = model.unit ? fromModel<string>(model.unit, text, () => [], top) : [];
  const routeOut: RouteOutFlag[] = [];
  const routeOutNotSure: RouteOutFlag[] = [];
  for (const route of ["legal_channel", "discipline_inspection"] as const) {
    const p =
      predictLinear(model.routeOut[route], q.features, 0, 0).find((s) => s.label === "yes")?.probability ?? 0;
    const byRule =
      route === "discipline_inspection"
        ? (p >= ROUTE_OUT.ruleFrom && DISCIPLINE_RULE.some((f) => q.features.includes(f))) ||
          DISCIPLINE_HIDDEN.some((f) => q.features.includes(f))
        : (ROUTE_OUT.legalCategories.includes(category[0]?.value ?? "") &&
            (category[0]?.score ?? 0) >= ROUTE_OUT.categorySure) ||
          (p >= ROUTE_OUT.legalRuleFrom && LEGAL_RULE.some((f) => q.features.includes(f)));
    const flag: RouteOutFlag = {
      route,
      bodyZh: ROUTE_BODY[route],
      hits: [...new Set(ROUTE_HITS[route].flatMap((g) => q.hits[g]))],
      score: round3(p),
    };
    const avoided = route === "legal_channel" && LEGAL_AVOIDED.some((f) => q.features.includes(f));
    if ((p >= ROUTE_OUT.flagAt[route] || byRule) && !avoided) routeOut.push(flag);
    else if (p >= ROUTE_OUT.notSureFrom || (avoided && byRule)) routeOutNotSure.push(flag);
  }
  return {
    nature: nature.slice(0, top),
    legalClass: legalClasses(nature),
    category,
    // Too little text to say what it is about (你好。, 喂): not sure, however high the score.
    notSure:
      (category[0]?.score ?? 0) < model.notSureBelow ||
      (input.text.match(/[\p{L}\p{N}]/gu) ?? []).length < MIN_CONTENT_CHARS,
    unit,
    routeOut,
    routeOutNotSure,
    // An official accused of misconduct is an accusation to protect even when told as a request.
    protectFromAccused:
      nature[0]?.value === "accusation" || routeOut.some((r) => r.route === "discipline_inspection"),
  };
}

/** The legal class follows from the nature (信访工作条例 Arts. 29–31): sum the nature scores. */
function legalClasses(nature: readonly Option<Nature>[]): Option<LegalClass>[] {
  const legal = new Map<LegalClass, Option<LegalClass>>();
  for (const n of nature) {
    const lc = LEGAL_OF[n.value];
    const cur = legal.get(lc);
    if (cur) cur.score = round3(cur.score + n.score);
    else legal.set(lc, { ...n, value: lc });
  }
  return [...legal.values()].filter((o) => LEGAL_CLASSES.includes(o.value)).sort((a, b) => b.score - a.score);
}

/** Before any model: the keyword rules, which always say why. */
function coldStart(
  text: string,
  categoryRules: ReturnType<typeof applyRules<string>>,
  top: number,
): TriageSuggestion {
  const nature = fromRules(applyRules(NATURE_RULES, text), top);
  const category = fromRules(categoryRules, top);
  return {
    nature,
    legalClass: legalClasses(nature),
    category,
    notSure: category.length === 0 || (category[0]?.score ?? 0) < 0.5,
    unit: [],
    routeOut: routeOutFlags(text, category[0]?.value ?? null),
    routeOutNotSure: [],
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
