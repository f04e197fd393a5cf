import type { LegalClass, Nature } from "../../workflow/statuses.ts";
import { type PetitionTemplate, SLOTS, type SlotName, TEMPLATES } from "./templates.ts";

/**
 * Builds the labelled petition set and the labelled repeat pairs from the templates, with a seeded
 * generator so the same files come out every time (`npm run train -- --regenerate` rewrites them).
 */

export interface LabelledPetition {
  id: string;
  category: string;
  nature: Nature;
  legalClass: LegalClass;
  /** Index of the template in TEMPLATES, so a split can hold whole templates out. */
  template: number;
  title: string;
  text: string;
}

export interface PairSide {
  title: string;
  text: string;
  category: string;
  regionCode: string;
  /** Stand-ins for blind indexes: equal strings mean the same ID number / phone. */
  idIndexes: string[];
  phoneIndexes: string[];
  nameAddresses: { name: string; address: string | null }[];
}

export type PairKind =
  | "same_matter_reworded"
  | "same_matter_resent"
  | "different_matter_same_person"
  | "same_template_other_matter_same_person"
  | "same_matter_different_person";

export interface LabelledPair {
  kind: PairKind;
  /** Same person and same matter: what the registrar should treat as a repeat (重复件). */
  isRepeat: boolean;
  /** Same matter, whoever brought it. */
  isSameMatter: boolean;
  a: PairSide;
  b: PairSide;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OPENINGS = ["", "", "尊敬的领导：", "县信访局：", "您好！", "各位领导好，"];
const CLOSINGS = ["", "", "望领导重视！", "谢谢！", "盼复。", "恳请尽快答复。"];
const INTROS = ["", "", "我是{town}{village}村民{person}，", "本人{person}，家住{town}{village}，"];

export type Fill = Record<SlotName, string>;

export function randomFill(rand: () => number): Fill {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const out = {} as Fill;
  for (const k of Object.keys(SLOTS) as SlotName[]) out[k] = pick(SLOTS[k]);
  return out;
}

export function fillText(template: string, fill: Fill): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => fill[k as SlotName] ?? "");
}

export function render(t: PetitionTemplate, fill: Fill, rand: () => number): { title: string; text: string } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const body = fillText(t.text, fill);
  const intro = body.startsWith("我") || body.startsWith("本人") ? "" : fillText(pick(INTROS), fill);
  return { title: fillText(t.title, fill), text: `${pick(OPENINGS)}${intro}${body}${pick(CLOSINGS)}` };
}

export function legalClassOf(nature: Nature): LegalClass {
  if (nature === "accusation") return "accusation";
  if (nature === "suggestion") return "suggestion";
  return "appeal_request";
}

/** Five filled variants of every template: about 400 petitions across all categories. */
export function generatePetitions(seed = 20261125, perTemplate = 5): LabelledPetition[] {
  const rand = mulberry32(seed);
  const out: LabelledPetition[] = [];
  TEMPLATES.forEach((t, template) => {
    for (let i = 0; i < perTemplate; i++) {
      const { title, text } = render(t, randomFill(rand), rand);
      out.push({
        id: `p${String(out.length + 1).padStart(4, "0")}`,
        category: t.category,
        nature: t.nature,
        legalClass: legalClassOf(t.nature),
        template,
        title,
        text,
      });
    }
  });
  return out;
}

const REGIONS = ["990001001001", "990001001002", "990001002001", "990001002002", "990001003001"];

function person(
  rand: () => number,
  n: number,
  fill: Fill,
): Omit<PairSide, "title" | "text" | "category" | "regionCode"> {
  const key = `P${n}-${Math.floor(rand() * 1e9)}`;
  return {
    idIndexes: rand() < 0.85 ? [`id:${key}`] : [],
    phoneIndexes: [`ph:${key}`],
    nameAddresses: [{ name: fill.person, address: `${fill.town}${fill.village}` }],
  };
}

/** Labelled pairs for the repeat check, of the five kinds a registrar meets. */
export function generatePairs(seed = 7, rounds = 60): LabelledPair[] {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const byMatter = new Map<string, number[]>();
  TEMPLATES.forEach((t, i) => {
    const key = `${t.category}/${t.matter}`;
    byMatter.set(key, [...(byMatter.get(key) ?? []), i]);
  });
  const reworded = [...byMatter.values()].filter((v) => v.length >= 2);
  const pairs: LabelledPair[] = [];
  const side = (ti: number, fill: Fill, who: ReturnType<typeof person>, regionCode: string): PairSide => ({
    ...render(TEMPLATES[ti]!, fill, rand),
    category: TEMPLATES[ti]!.category,
    regionCode,
    ...who,
  });
  for (let r = 0; r < rounds; r++) {
    const fill = randomFill(rand);
    const region = pick(REGIONS);
    const who = person(rand, r, fill);
    // The same matter told again in other words, by the same person.
    const [x, y] = pick(reworded);
    pairs.push({
      kind: "same_matter_reworded",
      isRepeat: true,
      isSameMatter: true,
      a: side(x!, fill, who, region),
      b: side(y!, fill, who, region),
    });
    // The same letter sent again (other greeting, other closing).
    const t = Math.floor(rand() * TEMPLATES.length);
    pairs.push({
      kind: "same_matter_resent",
      isRepeat: true,
      isSameMatter: true,
      a: side(t, fill, who, region),
      b: side(t, fill, who, region),
    });
    // The same person, another matter of another category.
    let u = Math.floor(rand() * TEMPLATES.length);
    while (TEMPLATES[u]!.category === TEMPLATES[t]!.category) u = Math.floor(rand() * TEMPLATES.length);
    pairs.push({
      kind: "different_matter_same_person",
      isRepeat: false,
      isSameMatter: false,
      a: side(t, fill, who, region),
      b: side(
        u,
        { ...randomFill(rand), person: fill.person, town: fill.town, village: fill.village },
        who,
        pick(REGIONS),
      ),
    });
    // The hard one: the same person, a similar complaint about another company, project and sum.
    if (r % 2 === 0) {
      const other = randomFill(rand);
      if (other.company !== fill.company && other.project !== fill.project && other.amount !== fill.amount) {
        pairs.push({
          kind: "same_template_other_matter_same_person",
          isRepeat: false,
          isSameMatter: false,
          a: side(t, fill, who, region),
          b: side(t, { ...other, person: fill.person, town: fill.town, village: fill.village }, who, region),
        });
      }
    }
    // The same matter brought by someone else (a collective matter forming, or a neighbour).
    const otherFill = { ...fill, person: pick(SLOTS.person.filter((p) => p !== fill.person)) };
    pairs.push({
      kind: "same_matter_different_person",
      isRepeat: false,
      isSameMatter: true,
      a: side(x!, fill, who, region),
      b: side(y!, otherFill, person(rand, 1000 + r, otherFill), region),
    });
  }
  return pairs;
}
