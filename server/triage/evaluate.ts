/** The held-out evaluation of the triage models, by author and by style (bench:triage and train). */
import { demoUnitFor } from "../../domain/triage/routing.ts";
import { suggestTriage, type TriageModel } from "../../domain/triage/suggest.ts";
import { type Prepared, STYLES } from "./train.ts";

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

export interface Figures {
  n: number;
  top1: number;
  top3: number;
  nature: number;
  legal: number;
  unitCatalogue: number;
  unitModel: number;
  route: Record<string, { tp: number; fp: number; fn: number }>;
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
    top3: 0,
    nature: 0,
    legal: 0,
    unitCatalogue: 0,
    unitModel: 0,
    route: {
      legal_channel: { tp: 0, fp: 0, fn: 0 },
      discipline_inspection: { tp: 0, fp: 0, fn: 0 },
    },
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
    if (cats.slice(0, 3).includes(p.category)) f.top3++;
    if (s.nature[0]?.value === p.nature) f.nature++;
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
