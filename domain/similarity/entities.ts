import { orgCore, sameOrg } from "./signature.ts";

/**
 * Names and sums a petition is about: companies, projects, mines, schools and amounts of money.
 * Two letters in the same words about different companies or sums are different matters, and two
 * differently worded letters naming the same company and sum are likely the same one.
 */
const PATTERNS: Record<string, RegExp> = {
  org: /[\p{Script=Han}]{2,12}?(?:有限公司|公司|厂|合作社|煤矿|铁矿|石膏矿|医院|纺织|建筑|房地产|置业|物流|机械|食品|服装|劳务|园林)/gu,
  place: /[\p{Script=Han}]{2,8}?(?:小区|工程|项目|厂房|名苑|花园|小学|中学)/gu,
};

export type EntityKind = keyof typeof PATTERNS;

/**
 * The pattern cannot tell where a name begins (「我们在滨河花园小区」): the words before the last
 * preposition or particle are not part of it (→ 滨河花园小区).
 */
function trimLead(name: string): string {
  const cut = name.replace(/^.*[在为是的给到和与跟把被从向对进于]/u, "");
  return Array.from(cut).length >= 3 ? cut : name;
}

export function extractEntities(text: string): Map<EntityKind, Set<string>> {
  const out = new Map<EntityKind, Set<string>>();
  for (const [kind, re] of Object.entries(PATTERNS)) {
    const found = new Set<string>();
    for (const m of text.matchAll(re)) {
      const name = trimLead(m[0].replace(/\s+/g, ""));
      // 「有限公司」 alone (the pattern restarting after 「天成置业」) names nobody.
      if (kind === "org" && Array.from(orgCore(name)).length < 2) continue;
      found.add(name);
    }
    if (found.size > 0) out.set(kind as EntityKind, found);
  }
  return out;
}

const TYPE_WORD =
  /(?:有限公司|公司|厂|合作社|煤矿|铁矿|石膏矿|医院|小区|工程|项目|厂房|名苑|花园|小学|中学)$/u;

/**
 * The pattern cannot tell where a name begins (「我们在滨河花园小区」), so two names are the same
 * when they end alike: the type word and at least the two characters before it.
 */
/** Two character pairs of Han text in common, outside the type word: 广场硬化工程 / 石门村广场工程. */
function shareCore(x: string, y: string): boolean {
  // The pattern cannot tell where a name begins: only the end of the name before the type word.
  const core = (s: string) => Array.from(s.replace(TYPE_WORD, "")).slice(-6);
  const cx = core(x);
  const cy = core(y).join("");
  let n = 0;
  for (let i = 0; i + 1 < cx.length; i++) if (cy.includes(`${cx[i]}${cx[i + 1]}`)) n++;
  return n >= 2;
}

function sameName(x: string, y: string): boolean {
  if (x === y) return true;
  const type = TYPE_WORD.exec(x)?.[0];
  if (!type || !y.endsWith(type)) return false;
  const cx = Array.from(x.slice(0, -type.length));
  const cy = Array.from(y.slice(0, -type.length));
  let n = 0;
  while (n < cx.length && n < cy.length && cx[cx.length - 1 - n] === cy[cy.length - 1 - n]) n++;
  return n >= 2;
}

function sameAs(kind: EntityKind): (x: string, y: string) => boolean {
  // A company is the same whatever its suffix (永兴纺织有限公司 / 永兴纺织 / 永兴厂); a place
  // when the ends of the names share two pairs (广场硬化工程 / 广场硬化那个工程).
  return kind === "org"
    ? (x, y) => sameName(x, y) || sameOrg(x, y)
    : (x, y) => sameName(x, y) || shareCore(x, y);
}

export interface EntityAgreement {
  /** Kinds both texts name, and the same thing. */
  agree: EntityKind[];
  /** Kinds both texts name, but nothing in common. */
  conflict: EntityKind[];
}

export function entityAgreement(
  a: Map<EntityKind, Set<string>>,
  b: Map<EntityKind, Set<string>>,
): EntityAgreement {
  const agree: EntityKind[] = [];
  const conflict: EntityKind[] = [];
  for (const [kind, xs] of a) {
    const ys = b.get(kind);
    if (!ys) continue;
    const same = sameAs(kind);
    const matched = [...xs].some((x) => [...ys].some((y) => same(x, y)));
    // Different only when each side names something the other does not: a follow-up that adds
    // a name, or a stray match both texts share, decides nothing alone.
    const onlyA = [...xs].some((x) => ![...ys].some((y) => same(x, y)));
    const onlyB = [...ys].some((y) => ![...xs].some((x) => same(x, y)));
    if (matched) agree.push(kind);
    if (onlyA && onlyB) conflict.push(kind);
  }
  return { agree, conflict };
}
