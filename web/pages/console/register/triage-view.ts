import type { z } from "zod";
import type { ZTriageRequest, ZTriageSuggestion } from "../../../../domain/schemas/triage.ts";
import type { MessageKey } from "../../../i18n/messages.ts";

export type TriageSuggestion = z.infer<typeof ZTriageSuggestion>;
export type TriageUnit = NonNullable<TriageSuggestion["handlingUnit"]>;
type TriageRequest = z.infer<typeof ZTriageRequest>;

/** Too little text to suggest anything from: a suggestion from three characters is noise. */
export const MIN_TRIAGE_CHARS = 8;

/**
 * The draft → POST /api/triage/suggest, or null while the content is too short to judge.
 * Only what the suggestion reads is sent: title, content and the problem's region.
 */
export function toTriageRequest(values: {
  title?: string;
  content?: string;
  problemRegionCode?: string;
}): TriageRequest | null {
  const content = values.content?.trim() ?? "";
  if ([...content].length < MIN_TRIAGE_CHARS) return null;
  const title = values.title?.trim();
  return {
    ...(title ? { title: title.slice(0, 200) } : {}),
    content: content.slice(0, 20000),
    ...(values.problemRegionCode ? { problemRegionCode: values.problemRegionCode } : {}),
  };
}

/** Where a suggested unit comes from, in the registrar's words. */
export const UNIT_SOURCE_KEYS: Record<TriageUnit["source"], MessageKey> = {
  catalogue: "triageSourceCatalogue",
  practice: "triageSourcePractice",
  route_out: "triageSourceRouteOut",
  names: "triageSourceNames",
};

/** A score as a whole percentage for display (0–100). */
export const percent = (score: number): number => Math.max(0, Math.min(100, Math.round(score * 100)));

/**
 * What the panel offers to fill in: the first nature and category when the model is sure; nothing
 * when it is not (the registrar decides, the options stay visible).
 */
export function applicable(s: TriageSuggestion): { nature: string | null; categoryId: string | null } {
  if (s.notSure) return { nature: s.nature[0]?.value ?? null, categoryId: null };
  return { nature: s.nature[0]?.value ?? null, categoryId: s.category[0]?.categoryId ?? null };
}

/**
 * Why this unit, in the registrar's words. The catalogue's own reason is one word (派单目录), so
 * it is spelled out with the category; the others (the bureau's practice with its counts, a
 * route-out body, a department's name) come from the server in Chinese.
 */
export function unitReason(
  u: TriageUnit,
  categoryName: string,
  t: (key: MessageKey, vars?: Record<string, string | number>) => string,
): string {
  if (u.source === "catalogue") {
    return (
      t("triageReasonCatalogue", { category: categoryName, unit: u.unitName }) +
      (u.byParentCategory ? t("triageReasonByParent") : "") +
      (u.reason.includes("属地") ? t("triageReasonByRegion") : "")
    );
  }
  return t("triageReasonOther", {
    reason: u.reason,
    source: t(UNIT_SOURCE_KEYS[u.source]),
    unit: u.unitName,
  });
}
