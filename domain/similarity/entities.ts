/**
 * Names and sums a petition is about: companies, projects, mines, schools and amounts of money.
 * Two letters in the same words about different companies or sums are different matters, and two
 * differently worded letters naming the same company and sum are likely the same one.
 */
const PATTERNS: Record<string, RegExp> = {
  org: /[\p{Script=Han}]{2,12}?(?:有限公司|公司|厂|合作社|煤矿|铁矿|石膏矿|医院)/gu,
  place: /[\p{Script=Han}]{2,8}?(?:小区|工程|项目|厂房|名苑|花园|小学|中学)/gu,
  money: /\d+(?:\.\d+)?\s*(?:万元|元|万)/g,
};

export type EntityKind = keyof typeof PATTERNS;

export function extractEntities(text: string): Map<EntityKind, Set<string>> {
  const out = new Map<EntityKind, Set<string>>();
  for (const [kind, re] of Object.entries(PATTERNS)) {
    const found = new Set<string>();
    for (const m of text.matchAll(re)) found.add(m[0].replace(/\s+/g, ""));
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

function shares(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) for (const y of b) if (sameName(x, y)) return true;
  return false;
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
    (shares(xs, ys) ? agree : conflict).push(kind);
  }
  return { agree, conflict };
}
