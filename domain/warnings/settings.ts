import { z } from "zod";

/**
 * The analysis thresholds and word lists, kept in the `settings` table under `warning.*` so the
 * bureau can tune them without a release. Missing or malformed values fall back to these defaults.
 */
export const ZWarningSettings = z.object({
  /** Spike: how many earlier full weeks make the usual level. */
  spikeHistoryWeeks: z.number().int().min(2).max(52),
  /** Spike: the fewest cases in the week that can be a spike at all. */
  spikeMinCount: z.number().int().min(1).max(1000),
  /** Spike: the one-sided Poisson p-value below which the week is a spike. */
  spikePValue: z.number().gt(0).lt(0.5),
  /** Spike: the usual level never counts as lower than this (a place with no history). */
  spikeMinBaseline: z.number().gt(0).max(100),
  /** Collective forming: the sliding window in days and the fewest distinct persons in it. */
  collectiveWindowDays: z.number().int().min(1).max(60),
  collectiveMinPersons: z.number().int().min(2).max(1000),
  /** Threat words: how far back a case's text is read, in days. */
  threatLookbackDays: z.number().int().min(1).max(90),
  /** Words of threat (扬言), in addition to the safety words of the per-case suggestions. */
  threatWords: z.array(z.string().trim().min(1).max(20)).max(200),
  /** Level-skipping: the fewest 进京/赴省/到市 cases of one matter within the window. */
  levelSkipMinCases: z.number().int().min(2).max(100),
  levelSkipWindowDays: z.number().int().min(7).max(730),
  /** Sensitive periods: the fewest cases of one category in one place, and the days before a period that count. */
  periodMinCases: z.number().int().min(2).max(1000),
  periodLeadDays: z.number().int().min(0).max(30),
});
export type WarningSettings = z.infer<typeof ZWarningSettings>;

export const DEFAULT_WARNING_SETTINGS: WarningSettings = {
  spikeHistoryWeeks: 8,
  spikeMinCount: 5,
  spikePValue: 0.01,
  spikeMinBaseline: 0.5,
  collectiveWindowDays: 5,
  collectiveMinPersons: 3,
  threatLookbackDays: 7,
  threatWords: [
    "扬言",
    "自焚",
    "跳楼",
    "上访到北京",
    "进京上访",
    "去北京上访",
    "同归于尽",
    "极端",
    "拉横幅",
    "堵路",
  ],
  levelSkipMinCases: 2,
  levelSkipWindowDays: 90,
  periodMinCases: 3,
  periodLeadDays: 3,
};

/** settings key → field; the values are JSON in `settings.value`. */
export const WARNING_SETTING_KEYS: Record<keyof WarningSettings, string> = {
  spikeHistoryWeeks: "warning.spike_history_weeks",
  spikeMinCount: "warning.spike_min_count",
  spikePValue: "warning.spike_p_value",
  spikeMinBaseline: "warning.spike_min_baseline",
  collectiveWindowDays: "warning.collective_window_days",
  collectiveMinPersons: "warning.collective_min_persons",
  threatLookbackDays: "warning.threat_lookback_days",
  threatWords: "warning.threat_words",
  levelSkipMinCases: "warning.level_skip_min_cases",
  levelSkipWindowDays: "warning.level_skip_window_days",
  periodMinCases: "warning.period_min_cases",
  periodLeadDays: "warning.period_lead_days",
};

/** The settings from stored key/value rows, each field falling back to its default when absent or invalid. */
export function warningSettingsFrom(stored: ReadonlyMap<string, unknown>): WarningSettings {
  const out: Record<string, unknown> = { ...DEFAULT_WARNING_SETTINGS };
  const shape = ZWarningSettings.shape;
  for (const [field, key] of Object.entries(WARNING_SETTING_KEYS) as [keyof WarningSettings, string][]) {
    if (!stored.has(key)) continue;
    const parsed = shape[field].safeParse(stored.get(key));
    if (parsed.success) out[field] = parsed.data;
  }
  return out as WarningSettings;
}
