import type { Queryable } from "../db/index.ts";
import { indexText } from "./segment.ts";

/**
 * Rebuilds a case's search entry from everything written about it: the petition (title + content,
 * already segmented in cases.search_text), the reply, the draft opinion, the review and
 * reexamination decisions, the handling units' result reports and the notes of its events.
 *
 * Called by the workflow steps that write such text, inside their transaction (after the case row
 * is updated), so search finds a case by its reply the moment the reply is committed. `pendingNote`
 * is the note of the step being applied: its event row is written after the step's own writes.
 * jieba runs here, in Node; the database only turns the tokens into a tsvector.
 */
export async function indexCaseNotes(
  tx: Queryable,
  caseId: string,
  pendingNote?: string | null,
): Promise<void> {
  const { rows } = await tx.query<{ texts: (string | null)[] }>(
    `SELECT ARRAY[c.reply_text, c.draft_opinion, c.review_text, c.reexam_text]
            || ARRAY(SELECT a.result FROM case_assignments a WHERE a.case_id = c.id AND a.result IS NOT NULL)
            || ARRAY(SELECT e.note FROM case_events e WHERE e.case_id = c.id AND e.note IS NOT NULL ORDER BY e.seq)
            AS texts
       FROM cases c WHERE c.id = $1`,
    [caseId],
  );
  const row = rows[0];
  if (!row) return;
  // An opinion or a result report is also its event's note: each text is indexed once.
  const texts = new Set([...row.texts, pendingNote].filter((x): x is string => !!x));
  const notes = indexText(...texts);
  await tx.query(
    `UPDATE case_search s SET tsv = to_tsvector('simple', c.search_text || ' ' || $2)
       FROM cases c WHERE c.id = $1 AND s.id = c.id`,
    [caseId, notes],
  );
}
