import type { z } from "zod";
import type { ZTriageChoice, ZTriageRequest, ZTriageSuggestion } from "../../../../domain/schemas/triage.ts";
import { legalClassOfNature } from "../../../../domain/workflow/statuses.ts";
import type { MessageKey } from "../../../i18n/messages.ts";

export type TriageSuggestion = z.infer<typeof ZTriageSuggestion>;
export type TriageUnit = NonNullable<TriageSuggestion["handlingUnit"]>;
type TriageRequest = z.infer<typeof ZTriageRequest>;
type TriageChoice = z.input<typeof ZTriageChoice>;

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

/** What the saved case says the registrar chose (null where nothing was chosen). */
interface SavedChoice {
  nature: TriageChoice["nature"] | null;
  legalClass: TriageChoice["legalClass"] | null;
  categoryId: string | null;
}

/**
 * The registrar's choice for POST /api/triage/cases/:id/choice, after saving: what the saved case
 * says (nature, legal class, category) and what the panel showed at that moment — its first
 * nature and the category it offered as the answer (none when it said 不确定 or had nothing to
 * say), its unit — with the outcome: 采用 (the offered category), 改选 (another one) or 无建议.
 * Null when the registrar chose no category or nature: nothing to learn from.
 * The legal class is the saved one, or the one that follows from the nature.
 */
export function toTriageChoice(saved: SavedChoice, shown: TriageSuggestion | null): TriageChoice | null {
  if (!saved.nature || !saved.categoryId) return null;
  const offered = shown && !shown.notSure ? (shown.category[0]?.categoryId ?? null) : null;
  return {
    nature: saved.nature,
    // Registration leaves it empty but for an accusation; it follows from the nature.
    legalClass: saved.legalClass ?? legalClassOfNature(saved.nature),
    categoryId: saved.categoryId,
    shown: {
      outcome: offered === null ? "no_suggestion" : offered === saved.categoryId ? "accepted" : "changed",
      nature: shown?.nature[0]?.value ?? null,
      categoryId: offered,
      unitId: shown?.handlingUnit?.unitId ?? null,
      notSure: shown?.notSure ?? false,
    },
  };
}
