import type { Period } from "../../domain/metrics/period.ts";
import type { Actor } from "../auth/actor.ts";
import type { Queryable } from "../db/index.ts";
import { wageSummary } from "./wages.ts";

/** The work report's placeholders drawn from the wage-arrears payments (server/reports/template.ts). */
export const WAGE_PLACEHOLDERS: Record<string, string> = {
  "wages.cases": "为农民工讨要工资的件数（期内有追回款项的拖欠农民工工资事项）",
  "wages.recoveredWan": "期内累计追回工资（万元，两位小数，按分精确求和）",
  "wages.sentence": "整句：“为农民工讨要工资N件，累计追回X万元”",
};

export const usesWagePlaceholders = (body: string) => body.includes("{{wages.");

export async function wageReportValues(
  q: Queryable,
  actor: Actor,
  period: Pick<Period, "from" | "to">,
): Promise<Record<string, string>> {
  const s = await wageSummary(q, actor, period);
  return {
    "wages.cases": String(s.cases),
    "wages.recoveredWan": s.recoveredWan,
    "wages.sentence": s.sentence,
  };
}
