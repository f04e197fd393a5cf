import { addDays } from "./dates.ts";
import type { WarningSettings } from "./settings.ts";
import type { DestinationLevel, WarningCandidate } from "./types.ts";

export interface MatterInputCase {
  id: string;
  receivedOn: string;
  destinationLevel: DestinationLevel | null;
  categoryKey: string | null;
  /** Opaque identity keys of the case's petitioners (blind indexes). */
  personKeys: readonly string[];
}

export const SKIPPING_LEVELS: readonly DestinationLevel[] = ["national", "provincial", "municipal"];

/**
 * Groups cases into matters (事项): cases the registrar linked (related, repeat of, merged into —
 * `case_links`), and cases of the same category brought by the same person (shared blind index).
 * Returns each matter as its case ids, the earliest case first.
 */
export function groupMatters(
  cases: readonly MatterInputCase[],
  links: readonly (readonly [string, string])[],
): string[][] {
  const parent = new Map<string, string>(cases.map((c) => [c.id, c.id]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const union = (a: string, b: string) => {
    if (!parent.has(a) || !parent.has(b)) return;
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  for (const [a, b] of links) union(a, b);
  const firstBySameMatterKey = new Map<string, string>();
  for (const c of cases) {
    if (!c.categoryKey) continue;
    for (const k of c.personKeys) {
      const key = `${c.categoryKey}|${k}`;
      const seen = firstBySameMatterKey.get(key);
      if (seen) union(seen, c.id);
      else firstBySameMatterKey.set(key, c.id);
    }
  }
  const order = [...cases].sort(
    (a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.id.localeCompare(b.id),
  );
  const groups = new Map<string, string[]>();
  for (const c of order) {
    const r = find(c.id);
    groups.set(r, [...(groups.get(r) ?? []), c.id]);
  }
  return [...groups.values()];
}

/**
 * Repeated level-skipping (反复越级) about one matter: at least `levelSkipMinCases` cases of the
 * matter taken to the city, province or Beijing (进京/赴省/到市) within the last
 * `levelSkipWindowDays` days. The subject is the matter (its earliest case); evidence: those cases.
 */
export function detectLevelSkipping(
  cases: readonly MatterInputCase[],
  links: readonly (readonly [string, string])[],
  today: string,
  s: Pick<WarningSettings, "levelSkipMinCases" | "levelSkipWindowDays">,
): WarningCandidate[] {
  const from = addDays(today, -(s.levelSkipWindowDays - 1));
  const inWindow = cases.filter((c) => c.receivedOn >= from && c.receivedOn <= today);
  const byId = new Map(inWindow.map((c) => [c.id, c]));
  const out: WarningCandidate[] = [];
  for (const matter of groupMatters(inWindow, links)) {
    const skips = matter
      .map((id) => byId.get(id)!)
      .filter((c) => c.destinationLevel !== null && SKIPPING_LEVELS.includes(c.destinationLevel));
    if (skips.length < s.levelSkipMinCases) continue;
    const levels: Record<string, number> = {};
    for (const c of skips) levels[c.destinationLevel!] = (levels[c.destinationLevel!] ?? 0) + 1;
    out.push({
      kind: "level_skipping",
      subjectKey: `matter:${matter[0]}`,
      subjectLabel: "",
      windowStart: skips[0]!.receivedOn,
      windowEnd: skips[skips.length - 1]!.receivedOn,
      caseIds: skips.map((c) => c.id).sort(),
      figures: {
        skipping: skips.length,
        matterCases: matter.length,
        national: levels.national ?? 0,
        provincial: levels.provincial ?? 0,
        municipal: levels.municipal ?? 0,
        windowDays: s.levelSkipWindowDays,
      },
    });
  }
  return out;
}
