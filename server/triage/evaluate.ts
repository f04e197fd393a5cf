/** The held-out evaluation of the triage models, by author and by style (bench:triage and train). */
import { predictLinear, trainLinear } from "../../domain/triage/linear.ts";
import { demoUnitFor } from "../../domain/triage/routing.ts";
import type { RouteOut } from "../../domain/triage/rules.ts";
import {
  categoryInput,
  DISCIPLINE_HIDDEN,
  DISCIPLINE_RULE,
  DISCIPLINE_RULE_WIDER,
  ROUTE_OUT,
  suggestTriage,
  type TriageModel,
} from "../../domain/triage/suggest.ts";
import {
  DEFAULT_TRAIN,
  type Prepared,
  repeatByNature,
  STYLES,
  type TrainOptions,
  trainTriageModel,
} from "./train.ts";

export const TEST_AUTHOR = "c";
export const HELD_STYLE = "phone_summary";

/** Route-out bodies take over the matter from the catalogue's unit. */
export function unitFromCatalogue(
  category: string,
  region: string | null,
  routeOut: readonly string[],
): string {
  if (routeOut.includes("discipline_inspection")) return "c.jwjw";
  if (routeOut.includes("legal_channel")) return "c.zfw";
  return demoUnitFor(category, region);
}

export interface RouteCounts {
  tp: number;
  fp: number;
  fn: number;
  notSureYes: number;
  notSureNo: number;
}

const noCounts = (): RouteCounts => ({ tp: 0, fp: 0, fn: 0, notSureYes: 0, notSureNo: 0 });

export interface Figures {
  n: number;
  top1: number;
  /** The first category is the label or one of the petition's other categories (a lenient figure, beside the strict one). */
  top1Other: number;
  top3: number;
  nature: number;
  /** Per labelled nature: how many, and how many the first nature got right (its recall). */
  natureRecall: Record<string, { n: number; right: number }>;
  legal: number;
  unitCatalogue: number;
  unitModel: number;
  /** Per route-out: flagged right (tp), flagged wrongly (fp), missed (fn); `notSureYes`/`notSureNo`:
   * of the unflagged, those the suggestion marked "cannot tell", with and without the label. */
  route: Record<string, RouteCounts>;
  notSure: number;
  sureRight: number;
  /** Mean milliseconds per suggestion (the model; jieba is timed apart). */
  ms: number;
  /** Each suggestion's milliseconds, sorted (for p50/p95). */
  times: number[];
}

export function measure(model: TriageModel, test: readonly Prepared[]): Figures {
  const f: Figures = {
    n: test.length,
    top1: 0,
    top1Other: 0,
    top3: 0,
    nature: 0,
    natureRecall: {},
    legal: 0,
    unitCatalogue: 0,
    unitModel: 0,
    route: { legal_channel: noCounts(), discipline_inspection: noCounts() },
    notSure: 0,
    sureRight: 0,
    ms: 0,
    times: [],
  };
  const LEGAL: Record<string, string> = {
    request: "appeal_request",
    appeal: "appeal_request",
    inquiry: "appeal_request",
    suggestion: "suggestion",
    accusation: "accusation",
  };
  let elapsed = 0n;
  for (const p of test) {
    const t0 = process.hrtime.bigint();
    const s = suggestTriage({ text: p.text, tokens: p.tokens }, model);
    const dt = process.hrtime.bigint() - t0;
    elapsed += dt;
    f.times.push(Number(dt) / 1e6);
    const cats = s.category.map((o) => o.value);
    if (cats[0] === p.category) f.top1++;
    if (cats[0] === p.category || (p.otherCategories ?? []).includes(cats[0] ?? "")) f.top1Other++;
    if (cats.slice(0, 3).includes(p.category)) f.top3++;
    f.natureRecall[p.nature] ??= { n: 0, right: 0 };
    const nr = f.natureRecall[p.nature]!;
    nr.n++;
    if (s.nature[0]?.value === p.nature) {
      f.nature++;
      nr.right++;
    }
    if (s.legalClass[0]?.value === LEGAL[p.nature]) f.legal++;
    const routes = s.routeOut.map((r) => r.route);
    if (unitFromCatalogue(cats[0] ?? "other", p.regionCode ?? null, routes) === p.unit) f.unitCatalogue++;
    if (s.unit[0]?.value === p.unit) f.unitModel++;
    for (const r of ["legal_channel", "discipline_inspection"] as const) {
      const want = (p.routeOut ?? []).includes(r);
      const got = routes.includes(r);
      if (want && got) f.route[r]!.tp++;
      else if (got) f.route[r]!.fp++;
      else if (want) f.route[r]!.fn++;
      if (s.routeOutNotSure.some((n) => n.route === r)) {
        if (want) f.route[r]!.notSureYes++;
        else f.route[r]!.notSureNo++;
      }
    }
    if (s.notSure) f.notSure++;
    else if (cats[0] === p.category) f.sureRight++;
  }
  // Features include jieba's words: time it too, as a suggestion pays for it.
  f.ms = Number(elapsed) / 1e6 / Math.max(1, test.length);
  f.times.sort((a, b) => a - b);
  return f;
}

/** The training part of a split: its validation part is one more style, for calibration. */
export function splitFor(all: readonly Prepared[], held: string) {
  const train = all.filter((p) => p.author !== TEST_AUTHOR && p.style !== held);
  const valStyle = STYLES[(STYLES.indexOf(held as (typeof STYLES)[number]) + 1) % STYLES.length]!;
  return {
    fit: train.filter((p) => p.style !== valStyle),
    validation: train.filter((p) => p.style === valStyle),
    unseenAuthor: all.filter((p) => p.author === TEST_AUTHOR && p.style !== held),
    unseenStyle: all.filter((p) => p.author !== TEST_AUTHOR && p.style === held),
    both: all.filter((p) => p.author === TEST_AUTHOR && p.style === held),
  };
}

/** What the route-out decision needs of one petition, computed once per fold. */
interface RouteScore {
  want: Record<RouteOut, boolean>;
  p: Record<RouteOut, number>;
  officeMisconduct: boolean;
  category: string;
  categoryP: number;
}

export interface RouteOutSetting {
  flagAt: Record<RouteOut, number>;
  ruleFrom: number | null;
  categorySure: number | null;
}

/**
 * Route-out thresholds chosen inside the training part only: each style held out in turn, then
 * each author, models trained on the rest (the category's temperature fixed at `temperature`, the
 * shipped model's), and every candidate setting scored on the held-out fold. Prints precision and
 * recall for each; the held-out parts of the corpus are never read.
 */
export function crossValidateRouteOut(
  train: readonly Prepared[],
  temperature: number,
  o: TrainOptions = DEFAULT_TRAIN,
  log: (line: string) => void = console.log,
): void {
  const scored: Record<"style" | "author", RouteScore[]> = { style: [], author: [] };
  for (const key of ["style", "author"] as const) {
    for (const fold of [...new Set(train.map((p) => p[key] ?? ""))].sort()) {
      const m = trainTriageModel(
        train.filter((p) => p[key] !== fold),
        [],
        { trainedAt: "cv", confirmedChoices: 0 },
        { ...o },
      );
      const category = { ...m.category, temperature };
      for (const p of train.filter((p) => p[key] === fold)) {
        const q = p.cueFeatures;
        const yes = (r: RouteOut) =>
          predictLinear(m.routeOut[r], q, 0, 0).find((s) => s.label === "yes")?.probability ?? 0;
        const [top] = predictLinear(category, categoryInput(m, p.textFeatures, p.cueFeatures), 0, 1);
        scored[key].push({
          want: {
            legal_channel: (p.routeOut ?? []).includes("legal_channel"),
            discipline_inspection: (p.routeOut ?? []).includes("discipline_inspection"),
          },
          p: { legal_channel: yes("legal_channel"), discipline_inspection: yes("discipline_inspection") },
          officeMisconduct: DISCIPLINE_RULE.some((f) => q.includes(f)),
          category: top?.label ?? "",
          categoryP: top?.probability ?? 0,
        });
      }
    }
  }
  const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : "–");
  const settings: [string, RouteOutSetting][] = [];
  for (const di of [0.3, 0.4, 0.5])
    for (const lc of [0.4, 0.5])
      for (const rule of [null, 0.2])
        for (const cat of [null, 0.7])
          settings.push([
            `flag at discipline ${di} / legal ${lc}; office+misconduct rule ${rule ?? "off"}; legal category ${cat ?? "off"}`,
            { flagAt: { discipline_inspection: di, legal_channel: lc }, ruleFrom: rule, categorySure: cat },
          ]);
  // A missed route-out is worse than a false one (an accusation reaching the accused): settings are
  // compared by F2, recall weighted twice, averaged over the two ways of holding out.
  const best: Record<RouteOut, { f2: number; name: string }> = {
    discipline_inspection: { f2: -1, name: "" },
    legal_channel: { f2: -1, name: "" },
  };
  for (const [name, st] of settings) {
    const parts: string[] = [];
    const f2: Record<RouteOut, number> = { discipline_inspection: 0, legal_channel: 0 };
    for (const key of ["style", "author"] as const) {
      for (const r of ["discipline_inspection", "legal_channel"] as const) {
        let tp = 0;
        let fp = 0;
        let fn = 0;
        for (const x of scored[key]) {
          const byRule =
            r === "discipline_inspection"
              ? st.ruleFrom !== null && x.p[r] >= st.ruleFrom && x.officeMisconduct
              : st.categorySure !== null &&
                ROUTE_OUT.legalCategories.includes(x.category) &&
                x.categoryP >= st.categorySure;
          const got = x.p[r] >= st.flagAt[r] || byRule;
          if (got && x.want[r]) tp++;
          else if (got) fp++;
          else if (x.want[r]) fn++;
        }
        parts.push(
          `${key} ${r === "legal_channel" ? "legal" : "discipline"} P ${pct(tp, tp + fp)} R ${pct(tp, tp + fn)}`,
        );
        f2[r] += tp ? (5 * tp) / (5 * tp + 4 * fn + fp) / 2 : 0;
      }
    }
    for (const r of ["discipline_inspection", "legal_channel"] as const)
      if (f2[r] > best[r].f2 + 1e-9) best[r] = { f2: f2[r], name };
    log(`  cv route-out, ${name}: ${parts.join("; ")}`);
  }
  for (const r of ["discipline_inspection", "legal_channel"] as const)
    log(`  best F2 for ${r}: ${(100 * best[r].f2).toFixed(1)} % with ${best[r].name}`);
}

/** What the cue models need of a petition: the cue features and the labels (no jieba). */
export interface CueExample {
  cueFeatures: string[];
  nature: string;
  routeOut?: string[] | null;
  author?: string;
  style?: string;
}

/**
 * The nature model and the discipline-inspection decision, cross-validated inside the training
 * part only: each author held out in turn (leave-one-author-out), then each style. Prints nature
 * top-1 with the recall of each nature, and discipline-inspection precision and recall for each
 * candidate rule; returns the mean over the two ways of holding out of nature top-1 and of the
 * discipline F2 of each rule (so a caller can compare cue sets). Only the cue models are trained.
 */
export function crossValidateCues(
  train: readonly CueExample[],
  o: TrainOptions = DEFAULT_TRAIN,
  log: (line: string) => void = console.log,
): { nature: number; f2: Record<string, number> } {
  const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : "–");
  const rules: Record<string, (p: number, q: readonly string[]) => boolean> = {
    "flag at 0.4": (p) => p >= 0.4,
    "flag at 0.4, clause rule from 0.2": (p, q) =>
      p >= 0.4 || (p >= 0.2 && DISCIPLINE_RULE.some((f) => q.includes(f))),
    "flag at 0.3, clause rule from 0.15": (p, q) =>
      p >= 0.3 || (p >= 0.15 && DISCIPLINE_RULE.some((f) => q.includes(f))),
    "flag at 0.5, clause rule from 0.2": (p, q) =>
      p >= 0.5 || (p >= 0.2 && DISCIPLINE_RULE.some((f) => q.includes(f))),
    "flag at 0.4, wider clause rule from 0.2": (p, q) =>
      p >= 0.4 || (p >= 0.2 && DISCIPLINE_RULE_WIDER.some((f) => q.includes(f))),
    "flag at 0.4, wider clause rule from 0.1": (p, q) =>
      p >= 0.4 || (p >= 0.1 && DISCIPLINE_RULE_WIDER.some((f) => q.includes(f))),
    "flag at 0.4, clause rule from 0.2, hidden-misconduct rule from 0.1": (p, q) =>
      p >= 0.4 ||
      (p >= 0.2 && DISCIPLINE_RULE.some((f) => q.includes(f))) ||
      (p >= 0.1 && DISCIPLINE_HIDDEN.some((f) => q.includes(f))),
    "flag at 0.4, clause rule from 0.2, hidden-misconduct rule always": (p, q) =>
      p >= 0.4 ||
      (p >= 0.2 && DISCIPLINE_RULE.some((f) => q.includes(f))) ||
      DISCIPLINE_HIDDEN.some((f) => q.includes(f)),
  };
  let natureSum = 0;
  const f2: Record<string, number> = Object.fromEntries(Object.keys(rules).map((k) => [k, 0]));
  for (const key of ["author", "style"] as const) {
    const natures: Record<string, { n: number; right: number }> = {};
    const counts: Record<string, { tp: number; fp: number; fn: number }> = Object.fromEntries(
      Object.keys(rules).map((k) => [k, { tp: 0, fp: 0, fn: 0 }]),
    );
    let right = 0;
    let n = 0;
    for (const fold of [...new Set(train.map((p) => p[key] ?? ""))].sort()) {
      const rest = train.filter((p) => p[key] !== fold);
      const nature = trainLinear(
        repeatByNature(
          rest.map((p) => ({ features: p.cueFeatures, label: p.nature })),
          o.natureRepeat,
        ),
        { ...o.cueLinear, learningRate: o.natureLearningRate },
      );
      const discipline = trainLinear(
        repeatByNature(
          rest
            .filter((p) => p.routeOut)
            .map((p) => ({
              features: p.cueFeatures,
              label: p.routeOut!.includes("discipline_inspection") ? "yes" : "no",
            })),
          { yes: o.disciplineRepeat },
        ),
        o.cueLinear,
      );
      const inFold = train.filter((p) => p[key] === fold);
      const foldCounts = { right: 0, acc: 0, accRight: 0 };
      const foldRoute: Record<string, { tp: number; fp: number; fn: number }> = Object.fromEntries(
        Object.keys(rules).map((k) => [k, { tp: 0, fp: 0, fn: 0 }]),
      );
      for (const p of inFold) {
        const [top] = predictLinear(nature, p.cueFeatures, 0, 1);
        if (top?.label === p.nature) foldCounts.right++;
        if (p.nature === "accusation") {
          foldCounts.acc++;
          if (top?.label === p.nature) foldCounts.accRight++;
        }
        natures[p.nature] ??= { n: 0, right: 0 };
        const r = natures[p.nature]!;
        r.n++;
        n++;
        if (top?.label === p.nature) {
          r.right++;
          right++;
        }
        const y =
          predictLinear(discipline, p.cueFeatures, 0, 0).find((s) => s.label === "yes")?.probability ?? 0;
        const want = (p.routeOut ?? []).includes("discipline_inspection");
        for (const [name, rule] of Object.entries(rules)) {
          const got = rule(y, p.cueFeatures);
          for (const c of [counts[name]!, foldRoute[name]!]) {
            if (got && want) c.tp++;
            else if (got) c.fp++;
            else if (want) c.fn++;
          }
        }
      }
      const fc = foldCounts;
      log(
        `    held out ${key} ${fold}: nature ${pct(fc.right, inFold.length)} (${inFold.length}), accusation recall ${pct(fc.accRight, fc.acc)} (${fc.acc}); discipline P/R ${Object.entries(
          foldRoute,
        )
          .map(([name, c]) => `[${name}] ${pct(c.tp, c.tp + c.fp)} / ${pct(c.tp, c.tp + c.fn)}`)
          .join(" ")} (${Object.values(foldRoute)[0]!.tp + Object.values(foldRoute)[0]!.fn} labelled)`,
      );
    }
    natureSum += n ? right / n / 2 : 0;
    log(
      `  cv by ${key}: nature top-1 ${pct(right, n)} (${n}); recall ${Object.entries(natures)
        .sort()
        .map(([k, v]) => `${k} ${pct(v.right, v.n)} (${v.n})`)
        .join(", ")}`,
    );
    for (const [name, c] of Object.entries(counts)) {
      f2[name]! += c.tp ? (5 * c.tp) / (5 * c.tp + 4 * c.fn + c.fp) / 2 : 0;
      log(
        `    discipline, ${name}: P ${pct(c.tp, c.tp + c.fp)} R ${pct(c.tp, c.tp + c.fn)} (${c.tp + c.fn} labelled)`,
      );
    }
  }
  log(
    `  mean of the two: nature ${(100 * natureSum).toFixed(1)} %; discipline F2 ${Object.entries(f2)
      .map(([k, v]) => `${k} ${(100 * v).toFixed(1)} %`)
      .join("; ")}`,
  );
  return { nature: natureSum, f2 };
}

/** Adds a part's counts to a sum (the counts `crossValidateByAuthor` prints). */
function addFigures(sum: Figures, f: Figures): void {
  sum.n += f.n;
  sum.top1 += f.top1;
  sum.top1Other += f.top1Other;
  sum.top3 += f.top3;
  sum.nature += f.nature;
  sum.unitCatalogue += f.unitCatalogue;
  sum.notSure += f.notSure;
  sum.sureRight += f.sureRight;
  sum.times.push(...f.times);
  for (const [k, v] of Object.entries(f.natureRecall)) {
    sum.natureRecall[k] ??= { n: 0, right: 0 };
    sum.natureRecall[k]!.n += v.n;
    sum.natureRecall[k]!.right += v.right;
  }
  for (const r of ["discipline_inspection", "legal_channel"] as const) {
    const d = sum.route[r]!;
    const fd = f.route[r]!;
    d.tp += fd.tp;
    d.fp += fd.fp;
    d.fn += fd.fn;
    d.notSureYes += fd.notSureYes;
    d.notSureNo += fd.notSureNo;
  }
}

/**
 * Leave-one-author-out (or, with `key` "style", leave-one-style-out) inside the training part (no
 * test author, no held-out style): the whole model trained on the other authors (styles) and
 * measured on the one left out, for each candidate.
 * Prints per fold and in all: leaf top-1 (strict and "the label or one of its other categories"),
 * top-3, nature with accusation and inquiry recall, unit (catalogue), discipline inspection and
 * legal channel P / R; by author also the same sums per writing style over all folds, and the
 * model's time per suggestion. No "not sure" figure: the folds' models are trained without a
 * validation part, so they have no threshold (and temperature 1).
 */
export function crossValidateByAuthor(
  train: readonly Prepared[],
  candidates: Record<string, TrainOptions>,
  log: (line: string) => void = console.log,
  key: "author" | "style" = "author",
): void {
  const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : "–");
  const line = (f: Figures) => {
    const acc = f.natureRecall.accusation ?? { n: 0, right: 0 };
    const inq = f.natureRecall.inquiry ?? { n: 0, right: 0 };
    const d = f.route.discipline_inspection!;
    const l = f.route.legal_channel!;
    return `leaf top-1 ${pct(f.top1, f.n)} (or other ${pct(f.top1Other, f.n)}), top-3 ${pct(f.top3, f.n)}, nature ${pct(f.nature, f.n)} (accusation ${pct(acc.right, acc.n)}, inquiry ${pct(inq.right, inq.n)}), unit ${pct(f.unitCatalogue, f.n)}, discipline P ${pct(d.tp, d.tp + d.fp)} R ${pct(d.tp, d.tp + d.fn)} (${d.tp + d.fn}), legal P ${pct(l.tp, l.tp + l.fp)} R ${pct(l.tp, l.tp + l.fn)} (${l.tp + l.fn})`;
  };
  const authors = [...new Set(train.map((p) => p[key] ?? ""))].sort();
  const styles = [...new Set(train.map((p) => p.style ?? ""))].sort();
  for (const [name, o] of Object.entries(candidates)) {
    log(`\n${name}`);
    const sum: Figures = measure({} as TriageModel, []);
    // The same sums per writing style, over every fold (each petition once, when its fold held it out).
    const perStyle = new Map(styles.map((s) => [s, measure({} as TriageModel, [])]));
    for (const a of authors) {
      const m = trainTriageModel(
        train.filter((p) => p[key] !== a),
        [],
        { trainedAt: "cv", confirmedChoices: 0 },
        o,
      );
      const held = train.filter((p) => p[key] === a);
      const f = measure({} as TriageModel, []);
      for (const s of styles) {
        const part = held.filter((p) => (p.style ?? "") === s);
        if (!part.length) continue;
        const fs = measure(m, part);
        addFigures(f, fs);
        addFigures(perStyle.get(s)!, fs);
      }
      log(`    held out ${key} ${a} (${f.n}): ${line(f)}`);
      addFigures(sum, f);
    }
    log(`  cv by ${key}, all (${sum.n}): ${line(sum)}`);
    if (key === "author") {
      for (const [s, f] of perStyle) if (f.n) log(`    style ${s} (${f.n}): ${line(f)}`);
    }
    sum.times.sort((x, y) => x - y);
    const q = (x: number) => sum.times[Math.min(sum.times.length - 1, Math.floor(x * sum.times.length))] ?? 0;
    log(
      `  time per suggestion (model, without jieba): p50 ${q(0.5).toFixed(2)} ms, p95 ${q(0.95).toFixed(2)} ms`,
    );
  }
}
