import {
  partyNames,
  quotedNamedIn,
  quotedNames,
  referenceNumbers,
  routeNames,
  sameQuoted,
  sameRoute,
} from "./names.ts";
import { orgDistinct, sameOrg } from "./signature.ts";

/**
 * Names and sums a petition is about: companies, projects, mines, schools and amounts of money.
 * Two letters in the same words about different companies or sums are different matters, and two
 * differently worded letters naming the same company and sum are likely the same one.
 */
const PATTERNS: Record<string, RegExp> = {
  org: /[\p{Script=Han}]{2,12}?(?:有限公司|公司|厂|合作社|煤矿|铁矿|石膏矿|医院|纺织|建筑|房地产|置业|物流|机械|食品|服装|劳务|园林)/gu,
  // 工程款, 项目部, 工程队: money or people of a works, not its name.
  place: /[\p{Script=Han}]{2,8}?(?:小区|工程|项目|厂房|名苑|花园|小学|中学)(?![款费队部师量])/gu,
};

/**
 * `quoted`: a name in quotes; `route`: a road by its ends; `party`: the other party by surname
 * (刘某); `refno`: a reference number (names.ts, issue #18's fourth round).
 */
export type EntityKind = keyof typeof PATTERNS | "quoted" | "route" | "party" | "refno";

/** Kinds whose difference decides nothing: a second call gets another reference number. */
const NEVER_CONFLICT: ReadonlySet<EntityKind> = new Set(["refno"]);

/**
 * The pattern cannot tell where a name begins (「我们在滨河花园小区」, 「此前来电反映顺风公司」,
 * 「开发商金鼎置业」): the words before the last preposition, particle, verb of telling or role word
 * are not part of it (→ 滨河花园小区, 顺风公司, 金鼎置业); nor are the words that tell when
 * (监察大队来人以后厂里 → 厂: no name).
 */
const LEAD =
  /^.*(?:[在为是的给到和与跟把被从向对进于往着了说叫但就过让]|反映|举报|投诉|控告|来电|来信|来访|此前|上回|上次|以后|之后|然后|后来|现在|如今|目前|当年|那年|去年|今年|前年|开发商|施工方|承包方|用人单位|老板)/u;
/** 那个合作社, 一家家政公司, 该项目: a reference to something, not its name. */
const POINTING = /^.*(?:[那这一该某哪](?:个|家|间|座|所|处|块))/u;

function trimLead(name: string): string {
  const cut = name.replace(LEAD, "");
  return cut.length > 0 ? cut : name;
}

/** 河口乡中心小学 → 中心; 石门镇石门村文化广场 → 文化广场: the township or village is where, not which. */
const ADMIN_PREFIX = /^[\p{Script=Han}]{1,3}?[县乡镇村](?=[\p{Script=Han}]{2,})/u;

function placeCore(name: string): string {
  let n = name.replace(TYPE_WORD, "");
  for (let i = 0; i < 3; i++) {
    const next = n.replace(ADMIN_PREFIX, "");
    if (next === n) break;
    n = next;
  }
  return n;
}

/**
 * A mention that names nothing in particular: 那个茶叶公司, 自来水公司, 原件在厂, 现在项目 — a trade
 * or a pointer where the name should be. It neither agrees nor disagrees with a name.
 */
/**
 * Words the patterns take for names and are none (sixth round): 违法建筑 (a building without a
 * permit, not a 建筑 company), 要报项目 / 申报项目 (to put in for a project, not a project's name).
 */
const NOT_A_NAME = /(?:违法|违章|临时|私搭)建筑$|(?:要|报|申报|立|上|跑|搞|争取)项目$/u;

function isVague(kind: EntityKind, mention: string): boolean {
  if (POINTING.test(mention) || NOT_A_NAME.test(mention)) return true;
  const core = kind === "org" ? orgDistinct(mention) : placeCore(mention);
  return Array.from(core).length < 2;
}

/** A quote, 至 or 那条/这条 (a road), 借 (a borrower), 号 (a reference number). */
const NAME_MARKS = /[“「『"至条借号]/u;

function addFound(out: Map<EntityKind, Set<string>>, kind: EntityKind, found: Set<string>): void {
  if (found.size > 0) out.set(kind, found);
}

/**
 * Each pattern's type words alone: a text without any of them cannot match, and testing them once
 * is cheaper than trying the lazy name pattern at every character (the same answers).
 */
const TYPE_WORDS: Record<string, RegExp> = Object.fromEntries(
  Object.entries(PATTERNS).map(([kind, re]) => [
    kind,
    new RegExp(/\(\?:([^)]*)\)/u.exec(re.source)![1]!, "u"),
  ]),
);

export function extractEntities(text: string): Map<EntityKind, Set<string>> {
  const out = new Map<EntityKind, Set<string>>();
  for (const [kind, re] of Object.entries(PATTERNS)) {
    if (!TYPE_WORDS[kind]!.test(text)) continue;
    const found = new Set<string>();
    for (const m of text.matchAll(re)) {
      const raw = m[0].replace(/\s+/g, "");
      const name = trimLead(raw);
      if (isVague(kind as EntityKind, name)) continue;
      found.add(name);
    }
    if (found.size > 0) out.set(kind as EntityKind, found);
  }
  // Most texts hold none of the characters these names need: one test, then nothing more.
  if (!NAME_MARKS.test(text)) return out;
  addFound(out, "quoted", quotedNames(text));
  addFound(out, "route", routeNames(text));
  addFound(out, "party", partyNames(text));
  addFound(out, "refno", referenceNumbers(text));
  return out;
}

const TYPE_WORD =
  /(?:有限公司|公司|厂|合作社|煤矿|铁矿|石膏矿|医院|小区|工程|项目|厂房|名苑|花园|小学|中学)$/u;

/** Two character pairs of Han text in common, outside the type word: 广场硬化工程 / 石门村广场工程. */
function shareCore(x: string, y: string): boolean {
  // The pattern cannot tell where a name begins: only the end of the name before the type word.
  const core = (s: string) => Array.from(placeCore(s)).slice(-6);
  const cx = core(x);
  const cy = core(y).join("");
  let n = 0;
  for (let i = 0; i + 1 < cx.length; i++) if (cy.includes(`${cx[i]}${cx[i + 1]}`)) n++;
  return n >= 2;
}

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

/** 河口小学 / 河口乡中心小学: one place's core inside the other's, the township left out. */
function samePlace(x: string, y: string): boolean {
  if (sameName(x, y) || shareCore(x, y)) return true;
  const cx = placeCore(x);
  const cy = placeCore(y);
  const full = (s: string) => s.replace(TYPE_WORD, "");
  return (
    (Array.from(cx).length >= 2 && full(y).includes(cx)) ||
    (Array.from(cy).length >= 2 && full(x).includes(cy))
  );
}

function sameAs(kind: EntityKind): (x: string, y: string) => boolean {
  // A company is the same whatever its suffix (永兴纺织有限公司 / 永兴纺织 / 永兴厂), by its core
  // only (恒泰建材 and 宏达建材 end alike and are two companies); a place when the ends of the
  // names share two pairs (广场硬化工程 / 广场硬化那个工程) or one core holds the other.
  if (kind === "quoted") return (x, y) => x === y || sameQuoted(x, y);
  if (kind === "route") return (x, y) => x === y || sameRoute(x, y);
  if (kind === "party" || kind === "refno") return (x, y) => x === y;
  return kind === "org" ? (x, y) => x === y || sameOrg(x, y) : samePlace;
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
  /** The two texts, so a name quoted in one and written plainly in the other agrees. */
  texts?: [string, string],
): EntityAgreement {
  const agree: EntityKind[] = [];
  const conflict: EntityKind[] = [];
  for (const [kind, xs] of a) {
    const ys = b.get(kind);
    if (!ys) {
      if (kind === "quoted" && texts && [...xs].some((x) => quotedNamedIn(x, texts[1]))) agree.push(kind);
      continue;
    }
    const same = sameAs(kind);
    const matched = [...xs].some((x) => [...ys].some((y) => same(x, y)));
    // Different only when each side names something the other does not: a follow-up that adds
    // a name, or a stray match both texts share, decides nothing alone.
    const onlyA = [...xs].some((x) => ![...ys].some((y) => same(x, y)));
    const onlyB = [...ys].some((y) => ![...xs].some((x) => same(x, y)));
    if (matched) agree.push(kind);
    if (onlyA && onlyB && !NEVER_CONFLICT.has(kind)) conflict.push(kind);
  }
  const quotedB = b.get("quoted");
  if (texts && quotedB && !a.has("quoted") && [...quotedB].some((y) => quotedNamedIn(y, texts[0])))
    agree.push("quoted");
  // A quoted company the company pattern also found is one name, not two agreements.
  if (agree.includes("quoted") && (agree.includes("org") || agree.includes("place")))
    agree.splice(agree.indexOf("quoted"), 1);
  return { agree, conflict };
}
