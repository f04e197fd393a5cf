/**
 * The independently written repeat pairs (domain/similarity/corpus) as the check sees them: each
 * side's person turned into blind indexes the way registration does (validated, normalised, HMAC
 * under a key made for the run: only equality matters), its text cut by jieba, its letters dated
 * `daysApart` apart. Read by `npm run bench:repeats` and `npm run train:repeats`.
 */
import fs from "node:fs";
import { validateIdNumber, validatePhone } from "../../domain/identity/id-card.ts";
import type { MatterFacts } from "../../domain/similarity/repeat.ts";
import { blindIndex, generateKeyRing } from "../crypto/field-crypto.ts";
import { searchTokens } from "./segment.ts";

/** One side of an independently written pair: the person as a clerk would type it. */
export interface WrittenSide {
  title: string | null;
  text: string;
  category: string | null;
  regionCode: string | null;
  person: { name: string; idNumber: string | null; phone: string | null; address: string | null };
}
export interface WrittenPair {
  id: string;
  kind: string;
  isSamePerson: boolean;
  isSameMatter: boolean;
  isRepeat: boolean;
  /** Days from the first letter (a) to the second (b), as the writer dated them. */
  daysApart?: number;
  a: WrittenSide;
  b: WrittenSide;
}

export const CORPUS_DIR = new URL("../../domain/similarity/corpus/", import.meta.url);

/**
 * The writers whose pairs are development data, by file prefix: the first writer wrote
 * written-repeats-001…009 (pairs r-0001…r-0350, one writer, one style), each later writer one
 * heldout-vN set. No other file is read here (a fresh set is the lead's, read once by the bench's
 * `--held-out`).
 */
export const REPEAT_WRITERS = [
  { writer: "w1", prefix: "written-repeats-" },
  { writer: "v2", prefix: "heldout-v2-" },
  { writer: "v3", prefix: "heldout-v3-" },
  { writer: "v4", prefix: "heldout-v4-" },
  { writer: "v5", prefix: "heldout-v5-" },
  { writer: "v6", prefix: "heldout-v6-" },
  { writer: "v7", prefix: "heldout-v7-" },
  { writer: "v8", prefix: "heldout-v8-" },
  { writer: "v9", prefix: "heldout-v9-" },
  { writer: "v10", prefix: "heldout-v10-" },
  { writer: "v11", prefix: "heldout-v11-" },
  { writer: "v12", prefix: "heldout-v12-" },
  { writer: "v13", prefix: "heldout-v13-" },
  { writer: "v14", prefix: "heldout-v14-" },
  { writer: "v15", prefix: "heldout-v15-" },
] as const;

export function readPairFile(file: string): WrittenPair[] {
  return JSON.parse(fs.readFileSync(new URL(file, CORPUS_DIR), "utf8")) as WrittenPair[];
}

/** Every development writer's pairs, in file and pair order. */
export function writersPairs(): { writer: string; pairs: WrittenPair[] }[] {
  const files = fs
    .readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort();
  return REPEAT_WRITERS.map(({ writer, prefix }) => ({
    writer,
    pairs: files.filter((f) => f.startsWith(prefix)).flatMap(readPairFile),
  }));
}

const ring = generateKeyRing();

/** The first letter of every pair is dated here; the second `daysApart` days later. */
const FIRST_LETTER = Date.UTC(2026, 0, 5, 1);

/** Blind indexes the way registration computes them: validated, normalised, then HMAC. */
export function writtenFacts(s: WrittenSide, receivedAt: Date | null = null): MatterFacts {
  const text = `${s.title ?? ""}\n${s.text}`;
  const id = s.person.idNumber ? validateIdNumber(s.person.idNumber) : null;
  const phone = s.person.phone ? validatePhone(s.person.phone) : null;
  return {
    idIndexes: id?.ok ? [blindIndex(ring, "id_number", id.value)] : [],
    phoneIndexes: phone?.ok ? [blindIndex(ring, "phone", phone.value)] : [],
    nameAddresses: [{ name: s.person.name, address: s.person.address }],
    categoryId: s.category ?? null,
    categoryParentId: s.category ? s.category.split(".")[0]! : null,
    // A phone summary may leave the place out; the system always has one (the registrar's county).
    problemRegionCode: s.regionCode ?? "",
    text,
    tokens: searchTokens(text),
    receivedAt,
  };
}

/** Both sides of a written pair, dated when the pair says how far apart they came. */
export function writtenPairFacts(p: WrittenPair): [MatterFacts, MatterFacts] {
  const dated = typeof p.daysApart === "number";
  return [
    writtenFacts(p.a, dated ? new Date(FIRST_LETTER) : null),
    writtenFacts(p.b, dated ? new Date(FIRST_LETTER + p.daysApart! * 86_400_000) : null),
  ];
}
