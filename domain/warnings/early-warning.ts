/**
 * Early-warning suggestions on one case (预警提示): facts about the matter that call for faster or
 * higher-level attention. They are shown to staff with their reason and decide nothing; they are
 * computed per case on demand and never kept as a list of people.
 */
export type DestinationLevel = "national" | "provincial" | "municipal" | "county";

export interface WarningInput {
  headcount: number;
  collectiveThreshold: number;
  destinationLevel: DestinationLevel | null;
  /** Earlier cases of the same person (same ID or phone) received within the window. */
  recentSamePerson: number;
  repeatWindowDays: number;
  text: string;
  /** Words that signal a risk to someone's life or safety, from the bureau's settings. */
  safetyWords: readonly string[];
}

export interface EarlyWarning {
  code: "collective" | "repeated" | "level_skipping" | "safety";
  zh: string;
  en: string;
}

const LEVEL_ZH: Record<DestinationLevel, string> = {
  national: "进京",
  provincial: "赴省",
  municipal: "到市",
  county: "来县",
};

export function earlyWarnings(w: WarningInput): EarlyWarning[] {
  const out: EarlyWarning[] = [];
  if (w.headcount >= w.collectiveThreshold) {
    out.push({
      code: "collective",
      zh: `集体信访：${w.headcount}人（达到${w.collectiveThreshold}人的集体访标准），请及时安排接谈并报告`,
      en: `Collective petition: ${w.headcount} people (threshold ${w.collectiveThreshold})`,
    });
  }
  if (w.recentSamePerson > 0) {
    out.push({
      code: "repeated",
      zh: `同一信访人${w.repeatWindowDays}日内已有${w.recentSamePerson}件信访事项，请核查是否重复并加快办理`,
      en: `The same person has ${w.recentSamePerson} other case(s) within ${w.repeatWindowDays} days`,
    });
  }
  if (w.destinationLevel && w.destinationLevel !== "county") {
    out.push({
      code: "level_skipping",
      zh: `${LEVEL_ZH[w.destinationLevel]}信访（越级），请优先核实诉求、就地办理`,
      en: `Petition taken to the ${w.destinationLevel} level (level-skipping)`,
    });
  }
  const hits = [...new Set(w.safetyWords.filter((word) => word.length > 0 && w.text.includes(word)))];
  if (hits.length > 0) {
    out.push({
      code: "safety",
      zh: `内容涉及人身安全风险（${hits.join("、")}），请立即联系信访人并报告`,
      en: `The text mentions a risk to someone's safety (${hits.join(", ")})`,
    });
  }
  return out;
}
