import type { BlankField } from "../../domain/schemas/stats-filters.ts";
import type { StatsFilter } from "./summary.ts";

/** Builds list query strings from the statistics filter plus the conditions of one figure. */
export class DrillDown {
  private readonly base: Map<string, string>;

  constructor(f: StatsFilter) {
    this.base = new Map();
    for (const [k, v] of Object.entries(f)) {
      if (v === undefined || v === null) continue;
      this.base.set(k, String(v));
    }
  }

  get(key: string): string | undefined {
    return this.base.get(key);
  }

  /**
   * The query string, or null when the figure's condition contradicts the filter (such a figure
   * is 0 and no list can be narrower than the filter). `regionUnitId`, `from` and `to` may narrow
   * the filter's own value; the caller guarantees they lie inside it.
   */
  query(extra: Record<string, string> = {}, blank: BlankField[] = []): string | null {
    const params = new Map(this.base);
    for (const [k, v] of Object.entries(extra)) {
      const had = params.get(k);
      if (had !== undefined && had !== v && !["regionUnitId", "from", "to"].includes(k)) return null;
      params.set(k, v);
    }
    const blankParam: Record<BlankField, string[]> = {
      nature: ["nature"],
      legalClass: ["legalClass"],
      category: ["categoryId", "categoryExact"],
      destinationLevel: ["destinationLevel"],
      householdRegion: ["householdRegion"],
      handlingUnit: ["handlingUnitId"],
    };
    for (const b of blank) if (blankParam[b].some((k) => params.has(k))) return null;
    if (blank.length > 0) params.set("blank", blank.join(","));
    return new URLSearchParams([...params.entries()].sort(([a], [b]) => a.localeCompare(b))).toString();
  }
}
