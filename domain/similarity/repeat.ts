import { type EntityKind, entityAgreement, extractEntities } from "./entities.ts";
import { charBigramKeys, jaccard, overlap, tokenSet } from "./shingles.ts";

/** What the repeat check knows of one petition: who, which category, where, and the text. */
export interface MatterFacts {
  /** Blind indexes of the petitioners' ID numbers and phones; names with addresses. */
  idIndexes: readonly string[];
  phoneIndexes: readonly string[];
  nameAddresses: readonly { name: string; address: string | null }[];
  categoryId: string | null;
  /** Parent category, so 拖欠工程款 and 拖欠农民工工资 count as related. */
  categoryParentId: string | null;
  problemRegionCode: string;
  text: string;
  /** jieba tokens of the text (search mode). */
  tokens: readonly string[];
}

export type PersonReason = "same_id_number" | "same_phone" | "same_name_address";
export type MatterReason =
  | "same_category"
  | "related_category"
  | "same_region"
  | "nearby_region"
  | "similar_text"
  | "same_names"
  | "different_names";

export type RepeatVerdict =
  | "likely_repeat"
  | "same_person_other_matter"
  | "same_matter_other_person"
  | "unrelated";

export interface RepeatScore {
  /** 0–1: how likely the two are the same matter. */
  matterScore: number;
  textSimilarity: number;
  personReasons: PersonReason[];
  matterReasons: MatterReason[];
  verdict: RepeatVerdict;
  /** 0–1 ordering key for the list shown to the registrar. */
  score: number;
}

/** Tuned on the labelled pairs in domain/triage/corpus (see `npm run bench:repeats`). */
export const REPEAT_THRESHOLDS = { matter: 0.42, textFloor: 0.12 } as const;

function normName(s: string): string {
  return s.replace(/\s+/g, "");
}

function normAddress(s: string | null): string {
  return (s ?? "").replace(/[\s，,。.、]/g, "");
}

export function personReasons(a: MatterFacts, b: MatterFacts): PersonReason[] {
  const out: PersonReason[] = [];
  if (a.idIndexes.some((x) => b.idIndexes.includes(x))) out.push("same_id_number");
  if (a.phoneIndexes.some((x) => b.phoneIndexes.includes(x))) out.push("same_phone");
  const keys = new Set(
    b.nameAddresses
      .filter((p) => normAddress(p.address))
      .map((p) => `${normName(p.name)}|${normAddress(p.address)}`),
  );
  if (
    a.nameAddresses.some(
      (p) => normAddress(p.address) && keys.has(`${normName(p.name)}|${normAddress(p.address)}`),
    )
  ) {
    out.push("same_name_address");
  }
  return out;
}

/**
 * Prepared shingle sets, so one draft is compared with many candidates without re-shingling.
 * The names and sums are found only when asked for (the patterns are the costliest part, and a
 * candidate whose text is too different is dropped before they matter).
 */
export interface TextProfile {
  chars: Set<number>;
  tokens: Set<string>;
  readonly entities: Map<EntityKind, Set<string>>;
}

export function textProfile(text: string, tokens: readonly string[]): TextProfile {
  let entities: Map<EntityKind, Set<string>> | undefined;
  return {
    chars: charBigramKeys(text),
    tokens: tokenSet(tokens),
    get entities() {
      entities ??= extractEntities(text);
      return entities;
    },
  };
}

/**
 * Similarity of two texts about a matter: character bigrams catch reworded sentences that keep
 * names, places and sums; content-word overlap catches a short complaint repeated inside a long one.
 */
export function textSimilarity(a: TextProfile, b: TextProfile): number {
  return Math.max(jaccard(a.chars, b.chars), jaccard(a.tokens, b.tokens), 0.7 * overlap(a.tokens, b.tokens));
}

/** The same region, or two regions in the same township (first 9 digits of a 12-digit code). */
function regionRelation(a: string, b: string): "same" | "nearby" | null {
  if (a === b) return "same";
  if (a.length >= 9 && b.length >= 9 && a.slice(0, 9) === b.slice(0, 9)) return "nearby";
  return null;
}

/**
 * True when `scoreRepeat` can only answer "unrelated": no shared person and a text similarity
 * under the floor (below it the matter score is the text similarity itself, far under the
 * threshold). The repeat check drops such candidates without finding names and sums.
 */
export function isSurelyUnrelated(hasSamePerson: boolean, text: number): boolean {
  return !hasSamePerson && text < REPEAT_THRESHOLDS.textFloor;
}

export function scoreRepeat(
  draft: MatterFacts,
  earlier: MatterFacts,
  profiles?: [TextProfile, TextProfile],
): RepeatScore {
  const [pa, pb] = profiles ?? [
    textProfile(draft.text, draft.tokens),
    textProfile(earlier.text, earlier.tokens),
  ];
  const text = textSimilarity(pa, pb);
  const persons = personReasons(draft, earlier);
  const matterReasons: MatterReason[] = [];
  let bonus = 0;
  if (draft.categoryId && draft.categoryId === earlier.categoryId) {
    matterReasons.push("same_category");
    bonus += 0.15;
  } else if (
    draft.categoryId &&
    earlier.categoryId &&
    (draft.categoryParentId ?? draft.categoryId) === (earlier.categoryParentId ?? earlier.categoryId)
  ) {
    matterReasons.push("related_category");
    bonus += 0.08;
  }
  const region = regionRelation(draft.problemRegionCode, earlier.problemRegionCode);
  if (region === "same") {
    matterReasons.push("same_region");
    bonus += 0.1;
  } else if (region === "nearby") {
    matterReasons.push("nearby_region");
    bonus += 0.05;
  }
  // The same company, project or sum speaks for the same matter; other ones, against it.
  const names = entityAgreement(pa.entities, pb.entities);
  let factor = 1;
  if (names.conflict.length > 0) {
    matterReasons.push("different_names");
    factor = names.agree.length > 0 ? 0.75 : 0.45;
  } else if (names.agree.length > 0) {
    matterReasons.push("same_names");
    bonus += 0.05 * names.agree.length;
  }
  // Category and place alone never make the same matter: the text has to agree a little too.
  const matterScore = text < REPEAT_THRESHOLDS.textFloor ? text : Math.min(1, (text + bonus) * factor);
  if (text >= REPEAT_THRESHOLDS.textFloor) matterReasons.push("similar_text");
  const sameMatter = matterScore >= REPEAT_THRESHOLDS.matter;
  const samePerson = persons.length > 0;
  const verdict: RepeatVerdict =
    samePerson && sameMatter
      ? "likely_repeat"
      : samePerson
        ? "same_person_other_matter"
        : sameMatter
          ? "same_matter_other_person"
          : "unrelated";
  const score = Math.min(1, matterScore * 0.7 + (samePerson ? 0.3 : 0));
  return { matterScore, textSimilarity: text, personReasons: persons, matterReasons, verdict, score };
}
