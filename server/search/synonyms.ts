import { z } from "zod";
import type { Queryable } from "../db/index.ts";

/**
 * Words a clerk uses for the same thing (欠薪 = 拖欠工资 = 讨薪 = 工资拖欠): a query word that is
 * one of a group matches any of the group, at query time (the index is not touched, so an edit
 * applies to every case at once). The bureau's administrator edits the list
 * (`PUT /api/search/synonyms`); until then these groups apply.
 */
export const DEFAULT_SYNONYMS: readonly (readonly string[])[] = [
  ["欠薪", "拖欠工资", "讨薪", "工资拖欠", "欠工资", "欠工钱"],
  ["拆迁", "征收", "拆房"],
  ["低保", "最低生活保障"],
  ["养老金", "退休金", "养老保险金"],
  ["医保", "医疗保险"],
  ["社保", "社会保险"],
  ["宅基地", "宅地"],
  ["物业", "物业公司", "物业费"],
  ["噪音", "噪声", "扰民"],
  ["污染", "排污", "偷排"],
];

export const SYNONYMS_SETTING = "search.synonyms";

const TERM = /^[\p{Script=Han}\p{L}\p{N}]{1,20}$/u;

/** A group: 2–12 distinct words of letters and digits (no spaces or punctuation), 1–20 characters each. */
const ZGroup = z
  .array(
    z.string().trim().regex(TERM, "每个词只能是 1–20 个汉字、字母或数字 / each word: 1–20 letters or digits"),
  )
  .min(2)
  .max(12);

export const ZSynonyms = z.object({ groups: z.array(ZGroup).max(300) }).superRefine((v, ctx) => {
  const seen = new Map<string, number>();
  v.groups.forEach((g, i) => {
    const inGroup = new Set<string>();
    for (const raw of g) {
      const w = raw.toLowerCase();
      if (inGroup.has(w)) {
        ctx.addIssue({
          code: "custom",
          path: ["groups", i],
          message: `“${raw}”在同一组中重复 / "${raw}" repeats within its group`,
        });
      }
      inGroup.add(w);
      const other = seen.get(w);
      if (other !== undefined && other !== i) {
        ctx.addIssue({
          code: "custom",
          path: ["groups", i],
          message: `“${raw}”已在第 ${other + 1} 组 / "${raw}" is already in group ${other + 1}`,
        });
      }
      seen.set(w, i);
    }
  });
});
export type TSynonyms = z.infer<typeof ZSynonyms>;

/** Lower-cased word → every word of its group (itself included). */
export type SynonymMap = ReadonlyMap<string, readonly string[]>;

export function synonymMap(groups: readonly (readonly string[])[]): SynonymMap {
  const m = new Map<string, string[]>();
  for (const g of groups) {
    const words = [...new Set(g.map((w) => w.trim().toLowerCase()).filter(Boolean))];
    for (const w of words) m.set(w, words);
  }
  return m;
}

/** The groups in force: the bureau's list, or the defaults when it has none (or a broken one). */
export async function loadSynonymGroups(q: Queryable): Promise<string[][]> {
  const { rows } = await q.query<{ value: unknown }>("SELECT value FROM settings WHERE key = $1", [
    SYNONYMS_SETTING,
  ]);
  const parsed = rows[0] ? ZSynonyms.safeParse(rows[0].value) : null;
  return parsed?.success ? parsed.data.groups : DEFAULT_SYNONYMS.map((g) => [...g]);
}

let last: SynonymMap = synonymMap(DEFAULT_SYNONYMS);

/** Reads the list (one key lookup) and keeps it for the synchronous list filter. */
export async function loadSynonyms(q: Queryable): Promise<SynonymMap> {
  last = synonymMap(await loadSynonymGroups(q));
  return last;
}

/** The list as last read by this process (the case list's filter is built synchronously). */
export function currentSynonyms(): SynonymMap {
  return last;
}
