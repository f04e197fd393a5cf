import { addDays, weekStart } from "./dates.ts";
import { poissonUpperTail } from "./poisson.ts";
import type { WarningSettings } from "./settings.ts";
import type { AnalysisCase, WarningCandidate } from "./types.ts";

export interface SpikeTest {
  isSpike: boolean;
  /** The usual weekly level: the mean of the earlier weeks, never below the minimum baseline. */
  expected: number;
  mean: number;
  /** P(X ≥ count) for X ~ Poisson(expected). */
  pValue: number;
}

type SpikeSettings = Pick<WarningSettings, "spikeMinCount" | "spikePValue" | "spikeMinBaseline">;

/**
 * The spike test, stated once: this week's count x against the earlier weeks' counts h₁…h_N.
 * λ = max(mean(h), minimum baseline); p = P(X ≥ x) for X ~ Poisson(λ) (one-sided);
 * a spike when x ≥ the minimum count AND p < the threshold.
 */
export function spikeTest(count: number, history: readonly number[], s: SpikeSettings): SpikeTest {
  const mean = history.length > 0 ? history.reduce((a, b) => a + b, 0) / history.length : 0;
  const expected = Math.max(mean, s.spikeMinBaseline);
  const pValue = poissonUpperTail(count, expected);
  return { isSpike: count >= s.spikeMinCount && pValue < s.spikePValue, expected, mean, pValue };
}

const round = (x: number, digits: number) => Number(x.toPrecision(digits));

/**
 * Spikes of one category (top level) in one township: this ISO week so far (Monday to today)
 * against the previous `spikeHistoryWeeks` full weeks. The partial week is compared as it stands,
 * which only makes the test later to fire, never earlier. Evidence: this week's cases.
 */
export function detectSpikes(
  cases: readonly AnalysisCase[],
  today: string,
  s: SpikeSettings & Pick<WarningSettings, "spikeHistoryWeeks">,
): WarningCandidate[] {
  const thisWeek = weekStart(today);
  const firstWeek = addDays(thisWeek, -7 * s.spikeHistoryWeeks);
  const groups = new Map<string, { c: AnalysisCase; current: string[]; weeks: Map<string, number> }>();
  for (const c of cases) {
    if (c.receivedOn < firstWeek || c.receivedOn > today) continue;
    const key = `${c.categoryKey ?? "none"}|${c.regionKey}`;
    let g = groups.get(key);
    if (!g) {
      g = { c, current: [], weeks: new Map() };
      groups.set(key, g);
    }
    if (c.receivedOn >= thisWeek) g.current.push(c.id);
    else {
      const w = weekStart(c.receivedOn);
      g.weeks.set(w, (g.weeks.get(w) ?? 0) + 1);
    }
  }
  const out: WarningCandidate[] = [];
  for (const [key, g] of groups) {
    if (g.current.length < s.spikeMinCount) continue;
    const history: number[] = [];
    for (let i = s.spikeHistoryWeeks; i >= 1; i--) history.push(g.weeks.get(addDays(thisWeek, -7 * i)) ?? 0);
    const t = spikeTest(g.current.length, history, s);
    if (!t.isSpike) continue;
    out.push({
      kind: "spike",
      subjectKey: key,
      subjectLabel: `${g.c.categoryLabel} · ${g.c.regionLabel}`,
      windowStart: thisWeek,
      windowEnd: addDays(thisWeek, 6),
      caseIds: [...g.current].sort(),
      figures: {
        count: g.current.length,
        historyWeeks: s.spikeHistoryWeeks,
        mean: round(t.mean, 3),
        expected: round(t.expected, 3),
        pValue: round(t.pValue, 3),
      },
    });
  }
  return out;
}
