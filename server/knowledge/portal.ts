import type { TPortalFigure, TPublicAnswer, TPublicCategory } from "../../domain/schemas/knowledge.ts";
import type { Queryable } from "../db/index.ts";
import { SqlParams } from "../db/sql.ts";
import { AppError } from "../plugins/errors.ts";
import { categoryFamily, currentCondition } from "./entries.ts";

/** A visit's token is erased this long after the visit began; the row stays as an anonymous count. */
export const TOKEN_KEPT_HOURS = 24;
/** Anonymous visit rows are deleted after this many days (two years). */
export const VISITS_KEPT_DAYS = 730;
/**
 * A visit younger than this may still submit: it counts as neither submitted nor not submitted
 * until the window has passed.
 */
export const SETTLE_MINUTES = 120;
/** Answers counted per visit at most (a script opening answers in a loop does not inflate the figure). */
const MAX_OPENED = 1000;

/** What a public answer is: public, in force today, not a template, not archived. */
function publicCondition(e: string, today: string): string {
  return `(${e}.is_public AND ${e}.kind <> 'template' AND ${currentCondition(e, today)})`;
}

/** The active categories, each with how many public answers its family has today. */
export async function publicCategories(q: Queryable, today: string): Promise<TPublicCategory[]> {
  const p = new SqlParams();
  const { rows } = await q.query<{
    id: string;
    parent_id: string | null;
    name_zh: string;
    name_en: string;
    answers: number;
  }>(
    `SELECT c.id, c.parent_id, c.name_zh, c.name_en,
            (SELECT count(*)::int FROM knowledge_entries e
              WHERE e.category_id IN ${categoryFamily("c.id")} AND ${publicCondition("e", p.add(today))}) AS answers
       FROM categories c WHERE c.is_active ORDER BY c.sort, c.code`,
    p.values,
  );
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    name: r.name_zh,
    nameEn: r.name_en,
    answers: r.answers,
  }));
}

/** The public answers (常见问题) for a category and its family, in force today. */
export async function publicAnswers(
  q: Queryable,
  categoryId: string | undefined,
  today: string,
): Promise<TPublicAnswer[]> {
  const p = new SqlParams();
  const { rows } = await q.query<{
    id: string;
    title: string;
    body: string;
    legal_basis: string | null;
    updated_on: string;
  }>(
    `SELECT e.id, e.title, e.body, e.legal_basis, to_char(e.updated_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS updated_on
       FROM knowledge_entries e
      WHERE ${categoryId ? `e.category_id IN ${categoryFamily(p.add(categoryId))} AND` : ""} ${publicCondition("e", p.add(today))}
      ORDER BY e.title, e.id`,
    p.values,
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    body: r.body,
    legalBasis: r.legal_basis,
    updatedOn: r.updated_on,
  }));
}

/** Erases tokens past their day and deletes visits past their two years. */
export async function purgeVisits(tx: Queryable, now: Date): Promise<void> {
  await tx.query(
    `UPDATE knowledge_portal_visits SET visit_token = NULL
      WHERE visit_token IS NOT NULL AND started_at < $1::timestamptz - make_interval(hours => $2)`,
    [now, TOKEN_KEPT_HOURS],
  );
  await tx.query(
    `DELETE FROM knowledge_portal_visits WHERE started_at < $1::timestamptz - make_interval(days => $2)`,
    [now, VISITS_KEPT_DAYS],
  );
}

/**
 * A citizen opened a public answer during the visit `token`. Only a public answer in force counts
 * (anything else is 404, the same as an unknown one). The row holds the token, the category, the
 * day and a count — no address, no browser data, nothing of the petition.
 */
export async function recordAnswerOpened(
  tx: Queryable,
  token: string,
  entryId: string,
  now: Date,
  today: string,
): Promise<void> {
  const p = new SqlParams();
  const { rows } = await tx.query<{ category_id: string }>(
    `SELECT e.category_id FROM knowledge_entries e WHERE e.id = ${p.add(entryId)} AND ${publicCondition("e", p.add(today))}`,
    p.values,
  );
  if (!rows[0]) throw new AppError("KNOWLEDGE_NOT_FOUND");
  await purgeVisits(tx, now);
  await tx.query(
    `INSERT INTO knowledge_portal_visits (visit_token, category_id, opened_on, started_at)
     VALUES ($1, $2, $3::date, $4)
     ON CONFLICT (visit_token) DO UPDATE
       SET answers_opened = least(knowledge_portal_visits.answers_opened + 1, ${MAX_OPENED})`,
    [token, rows[0].category_id, today, now],
  );
}

/** The visit went on to submit a petition. A token that opened no answer (or is gone) changes nothing. */
export async function recordVisitSubmitted(tx: Queryable, token: string, now: Date): Promise<void> {
  await purgeVisits(tx, now);
  await tx.query("UPDATE knowledge_portal_visits SET submitted = true WHERE visit_token = $1", [token]);
}

/** The bureau's figure: visits that read an answer, and how many of them did not go on to submit. */
export async function portalFigure(
  q: Queryable,
  now: Date,
  range: { from?: string; to?: string },
): Promise<TPortalFigure> {
  const p = new SqlParams();
  const where: string[] = [];
  if (range.from) where.push(`opened_on >= ${p.add(range.from)}::date`);
  if (range.to) where.push(`opened_on <= ${p.add(range.to)}::date`);
  const settled = `started_at <= ${p.add(now)}::timestamptz - make_interval(mins => ${p.add(SETTLE_MINUTES)})`;
  const { rows } = await q.query<{
    visits: number;
    submitted: number;
    not_submitted: number;
    in_progress: number;
  }>(
    `SELECT count(*)::int AS visits,
            count(*) FILTER (WHERE submitted)::int AS submitted,
            count(*) FILTER (WHERE NOT submitted AND ${settled})::int AS not_submitted,
            count(*) FILTER (WHERE NOT submitted AND NOT (${settled}))::int AS in_progress
       FROM knowledge_portal_visits ${where.length ? `WHERE ${where.join(" AND ")}` : ""}`,
    p.values,
  );
  const r = rows[0]!;
  return {
    from: range.from ?? null,
    to: range.to ?? null,
    visits: r.visits,
    submitted: r.submitted,
    viewedNotSubmitted: r.not_submitted,
    inProgress: r.in_progress,
  };
}
