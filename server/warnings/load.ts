import { addDays, weekStart } from "../../domain/warnings/dates.ts";
import type { SensitivePeriod } from "../../domain/warnings/sensitive-periods.ts";
import {
  WARNING_SETTING_KEYS,
  type WarningSettings,
  warningSettingsFrom,
} from "../../domain/warnings/settings.ts";
import type { DestinationLevel } from "../../domain/warnings/types.ts";
import type { Queryable } from "../db/index.ts";

export async function loadWarningSettings(
  q: Queryable,
): Promise<WarningSettings & { safetyWords: string[] }> {
  const { rows } = await q.query<{ key: string; value: unknown }>(
    "SELECT key, value FROM settings WHERE key = ANY($1::text[])",
    [[...Object.values(WARNING_SETTING_KEYS), "warning.safety_words"]],
  );
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const safety = stored.get("warning.safety_words");
  return {
    ...warningSettingsFrom(stored),
    safetyWords: Array.isArray(safety) ? safety.filter((w): w is string => typeof w === "string") : [],
  };
}

export interface LoadedCase {
  id: string;
  caseNumber: string;
  receivedOn: string;
  categoryKey: string | null;
  categoryLabel: string;
  regionKey: string;
  regionLabel: string;
  destinationLevel: DestinationLevel | null;
  /** Title and content, only for the cases the text detectors read. */
  text: string | null;
  /** Each petitioner's blind-index keys; they never leave the scan. */
  petitioners: string[][];
}

export interface AnalysisData {
  cases: LoadedCase[];
  links: [string, string][];
  periods: SensitivePeriod[];
}

// Cases that are not petitions of their own: merged into another, incomplete, or awaiting screening.
const NOT_COUNTED = ["merged", "rejected_incomplete", "pending_screening"];

/**
 * Everything the detectors read, for the days they look at: cases (their top category, township,
 * level, text when needed, petitioners' blind indexes), the registrar's links between them, and the
 * sensitive periods near today. Read as one snapshot, whatever the caller may see: the store
 * filters by the case policy when anyone reads the result.
 */
export async function loadAnalysisData(
  q: Queryable,
  today: string,
  s: WarningSettings,
): Promise<AnalysisData> {
  const periodsRes = await q.query<{ id: string; name: string; starts_on: string; ends_on: string }>(
    `SELECT id, name, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on
       FROM sensitive_periods WHERE starts_on - $2::int <= $1::date AND ends_on >= $1::date - 30
      ORDER BY starts_on, id`,
    [today, s.periodLeadDays],
  );
  const periods = periodsRes.rows.map((p) => ({
    id: p.id,
    name: p.name,
    startsOn: p.starts_on,
    endsOn: p.ends_on,
  }));
  const starts = [
    addDays(weekStart(today), -7 * s.spikeHistoryWeeks),
    addDays(today, -(s.levelSkipWindowDays - 1)),
    addDays(today, -(s.collectiveWindowDays - 1)),
    addDays(today, -(s.threatLookbackDays - 1)),
    ...periods.map((p) => addDays(p.startsOn, -s.periodLeadDays)),
  ].sort();
  const textFrom = addDays(today, -(Math.max(s.collectiveWindowDays, s.threatLookbackDays) - 1));
  const { rows } = await q.query<{
    id: string;
    case_number: string;
    received_on: string;
    category_key: string | null;
    category_label: string | null;
    region_key: string;
    region_label: string | null;
    destination_level: DestinationLevel | null;
    text: string | null;
    petitioners: [string | null, string | null][] | null;
  }>(
    `SELECT c.id, c.case_number, to_char(c.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS received_on,
            top.id::text AS category_key, top.name_zh AS category_label,
            r.path AS region_key, r.name AS region_label, c.destination_level,
            CASE WHEN c.received_at >= ($3::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
                 THEN c.title || E'\\n' || c.content END AS text,
            (SELECT json_agg(json_build_array(p.id_number_bidx, p.phone_bidx) ORDER BY p.position)
               FROM case_petitioners p WHERE p.case_id = c.id) AS petitioners
       FROM cases c
       LEFT JOIN categories cat ON cat.id = c.category_id
       LEFT JOIN categories top ON top.id = COALESCE(cat.parent_id, cat.id)
       LEFT JOIN org_units r ON r.path = array_to_string((string_to_array(c.region_path, '.'))[1:2], '.')
      WHERE c.received_at >= ($1::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
        AND c.received_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
        AND c.status <> ALL($4::text[])
      ORDER BY c.received_at, c.id`,
    [starts[0], today, textFrom, NOT_COUNTED],
  );
  const cases: LoadedCase[] = rows.map((r) => ({
    id: r.id,
    caseNumber: r.case_number,
    receivedOn: r.received_on,
    categoryKey: r.category_key,
    categoryLabel: r.category_label ?? "未分类",
    regionKey: r.region_key,
    regionLabel: r.region_label ?? r.region_key,
    destinationLevel: r.destination_level,
    text: r.text,
    petitioners: (r.petitioners ?? []).map(([idx, phone]) =>
      [idx ? `i:${idx}` : "", phone ? `p:${phone}` : ""].filter((k) => k.length > 0),
    ),
  }));
  const links =
    cases.length === 0
      ? []
      : (
          await q.query<{ case_id: string; linked_case_id: string }>(
            "SELECT case_id, linked_case_id FROM case_links WHERE case_id = ANY($1::uuid[])",
            [cases.map((c) => c.id)],
          )
        ).rows.map((l): [string, string] => [l.case_id, l.linked_case_id]);
  return { cases, links, periods };
}
