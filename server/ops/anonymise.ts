/**
 * Retention: once an archived case has been quiet for the retention period, the personal data of
 * its petitioners is removed for good, while everything statistics count stays (channel, nature,
 * class, category, regions, dates, headcount, batches, collective/first-petition flags, status,
 * events and assignments).
 *
 * Removed: names (→ 已匿名), encrypted ID and phone numbers with their blind indexes and masked
 * copies, addresses, the petition's text, event notes, attachment file names and files (the row stays,
 * marked purged), and petitioner names
 * and long digit runs (ID, phone numbers) in the title. Kept: the household region code (a region
 * for statistics, not a person), the title's remaining words (the subject of the case) and the
 * structured event details. A returning petitioner is no longer recognised as a repeat petitioner
 * of an anonymised case, since the blind indexes are gone.
 */
import { appendCaseEvent } from "../cases/events.ts";
import type { Db, Queryable } from "../db/index.ts";
import type { FileStore } from "../files/store.ts";
import { indexText } from "../search/segment.ts";
import { recordOpsAudit } from "./ops-audit.ts";

export const RETENTION_SETTING = "retention.anonymise_after_days";
export const ANONYMISED_NAME = "已匿名";
export const ANONYMISED_CONTENT = "（个人信息已按保存期限匿名化）";
const ANONYMISED_TITLE = "（已匿名）";
const ACTOR_LABEL = "系统（保存期限匿名化）";

/** The retention period from settings, or null when the setting is missing or not a whole number. */
export async function retentionDays(q: Queryable): Promise<number | null> {
  const { rows } = await q.query<{ value: unknown }>("SELECT value FROM settings WHERE key = $1", [
    RETENTION_SETTING,
  ]);
  const value = rows[0]?.value;
  return typeof value === "number" && Number.isInteger(value) && value >= 1 ? value : null;
}

/** The title without the petitioners' names and without runs of 7 or more digits (ID, phone numbers). */
export function redactTitle(title: string, names: readonly string[]): string {
  let out = title;
  const distinct = [...new Set(names.map((n) => n.trim()))].filter(
    (n) => n.length > 0 && n !== ANONYMISED_NAME,
  );
  // Longest first, so "张三丰" is not left as "某某丰" by an earlier "张三".
  for (const name of distinct.sort((a, b) => b.length - a.length)) out = out.split(name).join("某某");
  out = out.replace(/[0-9０-９](?:[\s-]*[0-9０-９]){5,}[\s-]*[0-9０-９Xx]/g, "***");
  return out.trim() === "" ? ANONYMISED_TITLE : out;
}

function attachmentName(fileName: string): string {
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(fileName)?.[0] ?? "";
  return `${ANONYMISED_NAME}${ext}`;
}

export interface AnonymiseOptions {
  olderThanDays: number;
  dryRun?: boolean;
  now?: Date;
  /** The attachment store: when given, the purged attachments' files are removed from disk. */
  files?: FileStore;
}

export interface AnonymiseResult {
  cutoff: Date;
  dryRun: boolean;
  cases: { id: string; caseNumber: string; petitioners: number }[];
  /** Files removed from disk (content no longer referenced by any attachment that is not purged). */
  filesRemoved: number;
}

/**
 * Removes from disk every stored file whose attachments are all purged. Runs after the commit, so a
 * rolled-back run never loses a file; a crash between the commit and this step leaves files that the
 * next run removes. A file shared with a case that is not anonymised stays.
 */
export async function removePurgedFiles(q: Queryable, files: FileStore): Promise<number> {
  const { rows } = await q.query<{ sha256: string }>(
    `SELECT sha256 FROM case_attachments GROUP BY sha256 HAVING bool_and(purged_at IS NOT NULL)`,
  );
  for (const r of rows) await files.remove(r.sha256);
  return rows.length;
}

/**
 * Anonymises every archived case whose last event is older than the period, in one transaction with
 * an `anonymise` event and an audit row per case and one for the run. A dry run writes only the
 * run's audit row and reports what it would do.
 */
export async function anonymiseArchivedCases(db: Db, options: AnonymiseOptions): Promise<AnonymiseResult> {
  const { olderThanDays, dryRun = false } = options;
  if (!Number.isInteger(olderThanDays) || olderThanDays < 1) {
    throw new Error(`older-than-days must be a whole number of days, at least 1 (got ${olderThanDays})`);
  }
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - olderThanDays * 86_400_000);
  const result = await db.transaction(async (tx) => {
    const { rows: found } = await tx.query<{ id: string; case_number: string; title: string }>(
      `SELECT c.id, c.case_number, c.title FROM cases c
        WHERE c.status = 'archived'
          AND COALESCE((SELECT max(e.at) FROM case_events e WHERE e.case_id = c.id), c.registered_at) < $1
          AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.action = 'anonymise')
        ORDER BY c.received_at, c.id
        ${dryRun ? "" : "FOR UPDATE OF c"}`,
      [cutoff],
    );
    const ids = found.map((c) => c.id);
    const { rows: people } = await tx.query<{ case_id: string; name: string }>(
      "SELECT case_id, name FROM case_petitioners WHERE case_id = ANY($1::uuid[])",
      [ids],
    );
    const namesOf = new Map<string, string[]>();
    for (const p of people) namesOf.set(p.case_id, [...(namesOf.get(p.case_id) ?? []), p.name]);
    const cases = found.map((c) => ({
      id: c.id,
      caseNumber: c.case_number,
      petitioners: namesOf.get(c.id)?.length ?? 0,
    }));

    if (!dryRun && ids.length > 0) {
      await tx.query(
        `UPDATE case_petitioners
            SET name = $2, id_number_enc = NULL, id_number_bidx = NULL, id_number_masked = NULL,
                phone_enc = NULL, phone_bidx = NULL, phone_masked = NULL, address = NULL
          WHERE case_id = ANY($1::uuid[])`,
        [ids, ANONYMISED_NAME],
      );
      const titles = found.map((c) => redactTitle(c.title, namesOf.get(c.id) ?? []));
      await tx.query(
        `UPDATE cases c SET title = v.title, content = $4, search_text = v.search_text,
                version = c.version + 1, updated_at = $5
           FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, title, search_text)
          WHERE c.id = v.id`,
        [ids, titles, titles.map((t) => indexText(t)), ANONYMISED_CONTENT, now],
      );
      await tx.query(
        "UPDATE case_events SET note = NULL WHERE case_id = ANY($1::uuid[]) AND note IS NOT NULL",
        [ids],
      );
      // Issued letters name the petitioner and quote the matter: they go; the events that record
      // their issue stay.
      await tx.query("DELETE FROM case_documents WHERE case_id = ANY($1::uuid[])", [ids]);
      const files = await tx.query<{ case_id: string; id: string; file_name: string }>(
        "SELECT case_id, id, file_name FROM case_attachments WHERE case_id = ANY($1::uuid[])",
        [ids],
      );
      for (const f of files.rows) {
        await tx.query(
          "UPDATE case_attachments SET file_name = $3, purged_at = COALESCE(purged_at, $4) WHERE case_id = $1 AND id = $2",
          [f.case_id, f.id, attachmentName(f.file_name), now],
        );
      }
      for (const c of cases) {
        await appendCaseEvent(tx, {
          caseId: c.id,
          actorId: null,
          actorLabel: ACTOR_LABEL,
          action: "anonymise",
          fromStatus: null,
          toStatus: null,
          detail: { olderThanDays, petitioners: c.petitioners },
          at: now,
        });
        await recordOpsAudit(
          tx,
          "case_anonymise",
          { type: "case", id: c.id },
          { caseNumber: c.caseNumber, petitioners: c.petitioners, olderThanDays },
        );
      }
    }
    await recordOpsAudit(
      tx,
      "retention_anonymise",
      { type: "retention", id: null },
      { olderThanDays, cutoff: cutoff.toISOString(), dryRun, cases: cases.length },
    );
    return { cutoff, dryRun, cases };
  });
  const filesRemoved = !dryRun && options.files ? await removePurgedFiles(db, options.files) : 0;
  return { ...result, filesRemoved };
}
