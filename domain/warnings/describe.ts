import type { WarningKind } from "./types.ts";

export const WARNING_KIND_NAMES: Record<WarningKind, { zh: string; en: string }> = {
  spike: { zh: "案件量异常上升", en: "Spike in cases" },
  collective_forming: { zh: "集体访苗头", en: "Collective petition forming" },
  threat: { zh: "扬言类表述", en: "Threat words" },
  level_skipping: { zh: "同一事项反复越级", en: "Repeated level-skipping" },
  sensitive_period: { zh: "敏感节点集中信访", en: "Cluster in a sensitive period" },
};

type Figures = Record<string, unknown> | null;

const num = (f: Figures, k: string) => (typeof f?.[k] === "number" ? (f[k] as number) : null);

/**
 * One sentence saying what the warning is about, in both languages. The figures behind it are only
 * given to a user who may read every evidence case; anyone else gets the subject and the number of
 * cases they can open, so no sentence ever counts a case the reader may not see.
 */
export function describeWarning(
  kind: WarningKind,
  subject: string,
  figures: Figures,
  visibleCases: number,
): { zh: string; en: string } {
  if (figures === null) {
    return {
      zh: `${WARNING_KIND_NAMES[kind].zh}：${subject}（您可查看的相关事项${visibleCases}件）`,
      en: `${WARNING_KIND_NAMES[kind].en}: ${subject} (${visibleCases} case(s) you can open)`,
    };
  }
  switch (kind) {
    case "spike":
      return {
        zh: `${subject}：本周已收${num(figures, "count")}件，前${num(figures, "historyWeeks")}周平均每周${num(figures, "mean")}件（泊松检验 p=${num(figures, "pValue")}），请分析原因、推动源头化解`,
        en: `${subject}: ${num(figures, "count")} cases this week against a mean of ${num(figures, "mean")} over ${num(figures, "historyWeeks")} weeks (Poisson p=${num(figures, "pValue")})`,
      };
    case "collective_forming":
      return {
        zh: `${num(figures, "windowDays")}日内${num(figures, "persons")}名不同信访人就「${subject}」反映问题（${num(figures, "cases")}件），有形成集体访的苗头，请及早会商化解`,
        en: `${num(figures, "persons")} different petitioners about 「${subject}」 within ${num(figures, "windowDays")} days (${num(figures, "cases")} cases): a collective petition may be forming`,
      };
    case "threat": {
      const words = Array.isArray(figures.words) ? (figures.words as string[]) : [];
      return {
        zh: `信访事项${subject}内容出现扬言类表述（${words.join("、")}），请立即核实诉求、优先办理`,
        en: `Case ${subject} contains threat words (${words.join(", ")}): verify and handle it first`,
      };
    }
    case "level_skipping":
      return {
        zh: `同一事项${num(figures, "windowDays")}日内${num(figures, "skipping")}次越级（进京${num(figures, "national")}、赴省${num(figures, "provincial")}、到市${num(figures, "municipal")}）：${subject}，请查明诉求为何未能就地解决`,
        en: `One matter taken above the county ${num(figures, "skipping")} times within ${num(figures, "windowDays")} days: ${subject}`,
      };
    case "sensitive_period":
      return {
        zh: `${subject}：敏感节点期间已收${num(figures, "cases")}件，请加强研判、及时化解`,
        en: `${subject}: ${num(figures, "cases")} cases around a sensitive period`,
      };
  }
}
