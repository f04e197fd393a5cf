import { toShanghaiDate } from "../../domain/calendar/working-days.ts";
import { detectCollectiveForming } from "../../domain/warnings/collective.ts";
import { detectLevelSkipping } from "../../domain/warnings/level-skipping.ts";
import { detectPeriodClusters } from "../../domain/warnings/sensitive-periods.ts";
import { detectSpikes } from "../../domain/warnings/spikes.ts";
import { detectThreats } from "../../domain/warnings/threats.ts";
import type { WarningCandidate, WarningKind } from "../../domain/warnings/types.ts";
import { recordAudit } from "../audit/audit-log.ts";
import type { Actor } from "../auth/actor.ts";
import type { Db, Queryable } from "../db/index.ts";
import { loadAnalysisData, loadWarningSettings } from "./load.ts";
import { orgNamesIn } from "./org-tagger.ts";

export const WARNINGS_SCAN_JOB = "warnings-scan";

export interface WarningScanResult {
  date: string;
  raised: number;
  updated: number;
  byKind: Partial<Record<WarningKind, number>>;
}

/** Who asked for the scan, for the audit rows: a user (the office, by API) or the system (job, CLI). */
export interface ScanBy {
  actor: Actor | null;
  ip: string | null;
}

/** Runs every detector over the loaded data for `today`. */
export async function findWarnings(q: Queryable, today: string): Promise<WarningCandidate[]> {
  const s = await loadWarningSettings(q);
  const data = await loadAnalysisData(q, today, s);
  const withText = data.cases.filter((c) => c.text !== null);
  const words = [...new Set([...s.threatWords, ...s.safetyWords])];
  return [
    ...detectSpikes(data.cases, today, s),
    ...detectCollectiveForming(
      withText.map((c) => ({
        id: c.id,
        receivedOn: c.receivedOn,
        orgNames: orgNamesIn(c.text!),
        petitioners: c.petitioners,
      })),
      today,
      s,
    ),
    ...detectThreats(
      withText.map((c) => ({ id: c.id, receivedOn: c.receivedOn, caseNumber: c.caseNumber, text: c.text! })),
      today,
      words,
      s.threatLookbackDays,
    ),
    ...detectLevelSkipping(
      data.cases.map((c) => ({
        id: c.id,
        receivedOn: c.receivedOn,
        destinationLevel: c.destinationLevel,
        categoryKey: c.categoryKey,
        personKeys: c.petitioners.flat(),
      })),
      data.links,
      today,
      s,
    ),
    ...detectPeriodClusters(data.cases, data.periods, today, s),
  ];
}

/** JSON with sorted keys: jsonb keeps its own key order, so compare canonical forms. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

interface ExistingRow {
  id: string;
  status: "open" | "acknowledged" | "closed";
  window_end: string;
  figures: unknown;
  case_ids: string[];
}

/**
 * The analysis for the Shanghai day of `now`, written to the store: each warning once per kind +
 * subject + window. A candidate whose window overlaps a warning already stored for the same kind and
 * subject (for a matter: one sharing an evidence case) adds its new evidence to that warning instead
 * of raising another; a closed warning stays closed and takes nothing more. One transaction, with the
 * warnings table locked against a second scan running at the same moment.
 */
export async function scanWarnings(
  db: Db,
  now: Date,
  by: ScanBy = { actor: null, ip: null },
): Promise<WarningScanResult> {
  const today = toShanghaiDate(now);
  return db.transaction(async (tx) => {
    await tx.query("LOCK TABLE warnings IN SHARE ROW EXCLUSIVE MODE");
    const candidates = await findWarnings(tx, today);
    const result: WarningScanResult = { date: today, raised: 0, updated: 0, byKind: {} };
    const audit = (action: string, id: string, detail: Record<string, unknown>) =>
      recordAudit(tx, {
        actorId: by.actor?.id ?? null,
        actorRole: by.actor ? by.actor.roles.join(",") : "system",
        ip: by.ip,
        action,
        objectType: "warning",
        objectId: id,
        detail,
      });
    for (const c of candidates) {
      const existing = await tx.query<ExistingRow>(
        `SELECT w.id, w.status, to_char(w.window_end, 'YYYY-MM-DD') AS window_end, w.figures,
                ARRAY(SELECT wc.case_id::text FROM warning_cases wc WHERE wc.warning_id = w.id) AS case_ids
           FROM warnings w
          WHERE w.kind = $1 AND w.window_start <= $4::date AND w.window_end >= $3::date
            AND (w.subject_key = $2 OR ($1 = 'level_skipping' AND EXISTS (
                  SELECT 1 FROM warning_cases wc WHERE wc.warning_id = w.id AND wc.case_id = ANY($5::uuid[]))))
          ORDER BY w.raised_at DESC LIMIT 1`,
        [c.kind, c.subjectKey, c.windowStart, c.windowEnd, c.caseIds],
      );
      const found = existing.rows[0];
      if (found?.status === "closed") continue;
      if (found) {
        const added = c.caseIds.filter((id) => !found.case_ids.includes(id));
        const sameFigures = canonical(found.figures) === canonical(c.figures);
        if (added.length === 0 && sameFigures && found.window_end >= c.windowEnd) continue;
        await tx.query(
          `INSERT INTO warning_cases (warning_id, case_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
          [found.id, added],
        );
        await tx.query(
          `UPDATE warnings SET figures = $2, window_end = GREATEST(window_end, $3::date), updated_at = $4 WHERE id = $1`,
          [found.id, JSON.stringify(c.figures), c.windowEnd, now],
        );
        await audit("warning_updated", found.id, { kind: c.kind, addedCases: added, figures: c.figures });
        result.updated += 1;
        continue;
      }
      const inserted = await tx.query<{ id: string }>(
        `INSERT INTO warnings (kind, subject_key, subject_label, window_start, window_end, figures, raised_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (kind, subject_key, window_start) DO NOTHING RETURNING id`,
        [c.kind, c.subjectKey, c.subjectLabel, c.windowStart, c.windowEnd, JSON.stringify(c.figures), now],
      );
      const id = inserted.rows[0]?.id;
      if (!id) continue;
      await tx.query(`INSERT INTO warning_cases (warning_id, case_id) SELECT $1, unnest($2::uuid[])`, [
        id,
        c.caseIds,
      ]);
      await audit("warning_raised", id, {
        kind: c.kind,
        cases: c.caseIds,
        window: [c.windowStart, c.windowEnd],
      });
      result.raised += 1;
      result.byKind[c.kind] = (result.byKind[c.kind] ?? 0) + 1;
    }
    return result;
  });
}
