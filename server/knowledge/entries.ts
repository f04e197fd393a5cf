import type {
  KnowledgeKind,
  TKnowledgeEntry,
  TKnowledgeEntryInput,
  TKnowledgeListQuery,
  TKnowledgeVersion,
} from "../../domain/schemas/knowledge.ts";
import { recordActorAudit } from "../audit/audit-log.ts";
import type { Actor } from "../auth/actor.ts";
import type { Queryable } from "../db/index.ts";
import { SqlParams } from "../db/sql.ts";
import { AppError } from "../plugins/errors.ts";
import { indexText, toTsQuery } from "../search/segment.ts";
import { hasPersonalNumber } from "./redact.ts";

export interface EditCtx {
  actor: Actor;
  now: Date;
  /** The working calendar's date (Asia/Shanghai) of `now`. */
  today: string;
  ip: string | null;
}

interface EntryRow {
  id: string;
  category_id: string;
  category_name: string;
  category_name_en: string;
  kind: KnowledgeKind;
  title: string;
  body: string;
  legal_basis: string | null;
  valid_from: string | null;
  valid_until: string | null;
  owner_unit_id: string | null;
  owner_unit_name: string | null;
  is_public: boolean;
  is_archived: boolean;
  is_current: boolean;
  version: number;
  updated_at: Date;
  updated_by_name: string | null;
}

/** In force on `today` (a parameter placeholder): not archived, and from ≤ today ≤ until. */
export function currentCondition(e: string, today: string): string {
  return `(NOT ${e}.is_archived AND (${e}.valid_from IS NULL OR ${e}.valid_from <= ${today}::date)
           AND (${e}.valid_until IS NULL OR ${e}.valid_until >= ${today}::date))`;
}

/**
 * The category, its parent and its children: an answer filed under 劳资纠纷 applies to 拖欠农民工工资,
 * and one filed under 拖欠农民工工资 is shown to a citizen who picked 劳资纠纷.
 */
export function categoryFamily(category: string): string {
  return `(SELECT x.id FROM categories x WHERE x.id = ${category} OR x.parent_id = ${category}
            OR x.id = (SELECT y.parent_id FROM categories y WHERE y.id = ${category}))`;
}

function entrySelect(p: SqlParams, today: string): string {
  return `SELECT e.id, e.category_id, cat.name_zh AS category_name, cat.name_en AS category_name_en, e.kind,
          e.title, e.body, e.legal_basis, to_char(e.valid_from, 'YYYY-MM-DD') AS valid_from,
          to_char(e.valid_until, 'YYYY-MM-DD') AS valid_until, e.owner_unit_id, u.name AS owner_unit_name,
          e.is_public, e.is_archived, ${currentCondition("e", p.add(today))} AS is_current, e.version,
          e.updated_at, usr.display_name AS updated_by_name
     FROM knowledge_entries e
     JOIN categories cat ON cat.id = e.category_id
     LEFT JOIN org_units u ON u.id = e.owner_unit_id
     LEFT JOIN users usr ON usr.id = e.updated_by`;
}

function present(r: EntryRow): TKnowledgeEntry {
  return {
    id: r.id,
    categoryId: r.category_id,
    categoryName: r.category_name,
    categoryNameEn: r.category_name_en,
    kind: r.kind,
    title: r.title,
    body: r.body,
    legalBasis: r.legal_basis,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    ownerUnitId: r.owner_unit_id,
    ownerUnitName: r.owner_unit_name,
    isPublic: r.is_public,
    isArchived: r.is_archived,
    isCurrent: r.is_current,
    version: r.version,
    updatedAt: new Date(r.updated_at).toISOString(),
    updatedByName: r.updated_by_name,
  };
}

/** The entries matching a list query: jieba words ranked by ts_rank_cd, else newest changed first. */
export async function listEntries(
  q: Queryable,
  f: TKnowledgeListQuery,
  today: string,
): Promise<{ items: TKnowledgeEntry[]; total: number }> {
  const p = new SqlParams();
  const select = entrySelect(p, today);
  const where: string[] = [];
  if (f.categoryId) where.push(`e.category_id IN ${categoryFamily(p.add(f.categoryId))}`);
  if (f.kind) where.push(`e.kind = ${p.add(f.kind)}`);
  const t = p.add(today);
  if (f.state === "current") where.push(currentCondition("e", t));
  else if (f.state === "expired") where.push(`(NOT e.is_archived AND NOT ${currentCondition("e", t)})`);
  else if (f.state === "archived") where.push("e.is_archived");
  const tsq = f.q ? toTsQuery(f.q) : null;
  if (f.q && !tsq) return { items: [], total: 0 };
  let order = "e.updated_at DESC, e.id";
  if (tsq) {
    const query = `to_tsquery('simple', ${p.add(tsq)})`;
    where.push(`e.search_tsv @@ ${query}`);
    order = `ts_rank_cd(e.search_tsv, ${query}, 1) DESC, e.updated_at DESC, e.id`;
  }
  const cond = where.length > 0 ? `WHERE ${where.join(" AND ")}` : "";
  const count = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (${select} ${cond}) m`,
    p.values,
  );
  const { rows } = await q.query<EntryRow>(
    `${select} ${cond} ORDER BY ${order} LIMIT ${p.add(f.pageSize)} OFFSET ${p.add((f.page - 1) * f.pageSize)}`,
    p.values,
  );
  return { items: rows.map(present), total: count.rows[0]!.n };
}

export async function getEntry(q: Queryable, id: string, today: string): Promise<TKnowledgeEntry> {
  const p = new SqlParams();
  const { rows } = await q.query<EntryRow>(`${entrySelect(p, today)} WHERE e.id = ${p.add(id)}`, p.values);
  if (!rows[0]) throw new AppError("KNOWLEDGE_NOT_FOUND");
  return present(rows[0]);
}

export async function entryHistory(q: Queryable, id: string): Promise<TKnowledgeVersion[]> {
  const { rows } = await q.query<{
    version: number;
    change: "create" | "update" | "restore";
    restored_from: number | null;
    category_id: string;
    category_name: string;
    kind: KnowledgeKind;
    title: string;
    body: string;
    legal_basis: string | null;
    valid_from: string | null;
    valid_until: string | null;
    is_public: boolean;
    is_archived: boolean;
    changed_at: Date;
    changed_by_name: string | null;
  }>(
    `SELECT v.version, v.change, v.restored_from, v.category_id, cat.name_zh AS category_name, v.kind, v.title,
            v.body, v.legal_basis, to_char(v.valid_from, 'YYYY-MM-DD') AS valid_from,
            to_char(v.valid_until, 'YYYY-MM-DD') AS valid_until, v.is_public, v.is_archived, v.changed_at,
            u.display_name AS changed_by_name
       FROM knowledge_entry_versions v
       JOIN categories cat ON cat.id = v.category_id
       LEFT JOIN users u ON u.id = v.changed_by
      WHERE v.entry_id = $1 ORDER BY v.version DESC`,
    [id],
  );
  return rows.map((r) => ({
    version: r.version,
    change: r.change,
    restoredFrom: r.restored_from,
    categoryId: r.category_id,
    categoryName: r.category_name,
    kind: r.kind,
    title: r.title,
    body: r.body,
    legalBasis: r.legal_basis,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    isPublic: r.is_public,
    isArchived: r.is_archived,
    changedAt: new Date(r.changed_at).toISOString(),
    changedByName: r.changed_by_name,
  }));
}

export interface EntryContent {
  categoryId: string;
  kind: KnowledgeKind;
  title: string;
  body: string;
  legalBasis: string | null;
  validFrom: string | null;
  validUntil: string | null;
  ownerUnitId: string | null;
  isPublic: boolean;
  isArchived: boolean;
}

export function contentOf(input: TKnowledgeEntryInput & { isArchived?: boolean }): EntryContent {
  return {
    categoryId: input.categoryId,
    kind: input.kind,
    title: input.title,
    body: input.body,
    legalBasis: input.legalBasis ? input.legalBasis : null,
    validFrom: input.validFrom ?? null,
    validUntil: input.validUntil ?? null,
    ownerUnitId: input.ownerUnitId ?? null,
    isPublic: input.isPublic,
    isArchived: input.isArchived ?? false,
  };
}

/** The rules the database's CHECKs also hold, answered in words before anything is written. */
export async function checkContent(q: Queryable, c: EntryContent): Promise<void> {
  if (c.validFrom && c.validUntil && c.validUntil < c.validFrom)
    throw new AppError("KNOWLEDGE_VALIDITY_INVALID");
  if (c.kind === "template" && c.isPublic) throw new AppError("KNOWLEDGE_TEMPLATE_PUBLIC");
  if ([c.title, c.body, c.legalBasis ?? ""].some(hasPersonalNumber))
    throw new AppError("KNOWLEDGE_PERSONAL_DATA");
  const cat = await q.query("SELECT 1 FROM categories WHERE id = $1 AND is_active", [c.categoryId]);
  if (cat.rows.length === 0) throw new AppError("KNOWLEDGE_CATEGORY_UNKNOWN");
  if (c.ownerUnitId) {
    const unit = await q.query("SELECT 1 FROM org_units WHERE id = $1", [c.ownerUnitId]);
    if (unit.rows.length === 0)
      throw new AppError("VALIDATION_FAILED", [{ path: "/ownerUnitId", message: "unknown unit" }]);
  }
}

async function writeVersion(
  tx: Queryable,
  id: string,
  version: number,
  change: "create" | "update" | "restore",
  restoredFrom: number | null,
  c: EntryContent,
  ctx: EditCtx,
): Promise<void> {
  await tx.query(
    `INSERT INTO knowledge_entry_versions (entry_id, version, change, restored_from, category_id, kind, title, body,
       legal_basis, valid_from, valid_until, owner_unit_id, is_public, is_archived, changed_at, changed_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      id,
      version,
      change,
      restoredFrom,
      c.categoryId,
      c.kind,
      c.title,
      c.body,
      c.legalBasis,
      c.validFrom,
      c.validUntil,
      c.ownerUnitId,
      c.isPublic,
      c.isArchived,
      ctx.now,
      ctx.actor.id,
    ],
  );
}

/** A new entry, its first version and an audit row, in the caller's transaction. */

/** An entry's stored columns, category to search text, in the order its INSERT and UPDATE name them. */
function contentValues(c: EntryContent): unknown[] {
  return [
    c.categoryId,
    c.kind,
    c.title,
    c.body,
    c.legalBasis,
    c.validFrom,
    c.validUntil,
    c.ownerUnitId,
    c.isPublic,
    c.isArchived,
    indexText(c.title, c.body, c.legalBasis),
  ];
}

export async function createEntry(
  tx: Queryable,
  c: EntryContent,
  ctx: EditCtx,
  audit: { action: "knowledge_entry_create" | "knowledge_template_save"; caseId?: string },
): Promise<string> {
  await checkContent(tx, c);
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO knowledge_entries (category_id, kind, title, body, legal_basis, valid_from, valid_until,
       owner_unit_id, is_public, is_archived, search_text, created_at, created_by, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $12, $13) RETURNING id`,
    [...contentValues(c), ctx.now, ctx.actor.id],
  );
  const id = rows[0]!.id;
  await writeVersion(tx, id, 1, "create", null, c, ctx);
  const detail = {
    title: c.title,
    kind: c.kind,
    isPublic: c.isPublic,
    ...(audit.caseId ? { caseId: audit.caseId } : {}),
  };
  if (audit.action === "knowledge_template_save")
    await recordActorAudit(tx, ctx, "knowledge_template_save", "knowledge_entry", id, detail);
  else await recordActorAudit(tx, ctx, "knowledge_entry_create", "knowledge_entry", id, detail);
  return id;
}

/** Locks the entry and checks the editor saw its newest version (409 otherwise). */
async function lockAt(tx: Queryable, id: string, seen: number): Promise<number> {
  const { rows } = await tx.query<{ version: number }>(
    "SELECT version FROM knowledge_entries WHERE id = $1 FOR UPDATE",
    [id],
  );
  const row = rows[0];
  if (!row) throw new AppError("KNOWLEDGE_NOT_FOUND");
  if (row.version !== seen) throw new AppError("KNOWLEDGE_VERSION_CONFLICT", { version: row.version });
  return row.version;
}

async function rewrite(
  tx: Queryable,
  id: string,
  version: number,
  c: EntryContent,
  ctx: EditCtx,
): Promise<void> {
  await tx.query(
    `UPDATE knowledge_entries SET category_id = $2, kind = $3, title = $4, body = $5, legal_basis = $6,
            valid_from = $7, valid_until = $8, owner_unit_id = $9, is_public = $10, is_archived = $11,
            search_text = $12, version = $13, updated_at = $14, updated_by = $15
      WHERE id = $1`,
    [id, ...contentValues(c), version, ctx.now, ctx.actor.id],
  );
}

/** A changed entry: the next version, kept beside every earlier one, and an audit row. */
export async function updateEntry(
  tx: Queryable,
  id: string,
  seen: number,
  c: EntryContent,
  ctx: EditCtx,
): Promise<void> {
  const current = await lockAt(tx, id, seen);
  await checkContent(tx, c);
  const next = current + 1;
  await rewrite(tx, id, next, c, ctx);
  await writeVersion(tx, id, next, "update", null, c, ctx);
  await recordActorAudit(tx, ctx, "knowledge_entry_update", "knowledge_entry", id, {
    version: next,
    title: c.title,
    isPublic: c.isPublic,
    isArchived: c.isArchived,
  });
}

/** An earlier version's content becomes the newest version (nothing is overwritten or lost). */
export async function restoreEntry(
  tx: Queryable,
  id: string,
  seen: number,
  fromVersion: number,
  ctx: EditCtx,
): Promise<void> {
  const current = await lockAt(tx, id, seen);
  const { rows } = await tx.query<{
    category_id: string;
    kind: KnowledgeKind;
    title: string;
    body: string;
    legal_basis: string | null;
    valid_from: string | null;
    valid_until: string | null;
    owner_unit_id: string | null;
    is_public: boolean;
    is_archived: boolean;
  }>(
    `SELECT category_id, kind, title, body, legal_basis, to_char(valid_from, 'YYYY-MM-DD') AS valid_from,
            to_char(valid_until, 'YYYY-MM-DD') AS valid_until, owner_unit_id, is_public, is_archived
       FROM knowledge_entry_versions WHERE entry_id = $1 AND version = $2`,
    [id, fromVersion],
  );
  const v = rows[0];
  if (!v) throw new AppError("KNOWLEDGE_VERSION_NOT_FOUND");
  const c: EntryContent = {
    categoryId: v.category_id,
    kind: v.kind,
    title: v.title,
    body: v.body,
    legalBasis: v.legal_basis,
    validFrom: v.valid_from,
    validUntil: v.valid_until,
    ownerUnitId: v.owner_unit_id,
    isPublic: v.is_public,
    isArchived: v.is_archived,
  };
  // The category may have been retired since: the restored text must still be filed somewhere valid.
  await checkContent(tx, c);
  const next = current + 1;
  await rewrite(tx, id, next, c, ctx);
  await writeVersion(tx, id, next, "restore", fromVersion, c, ctx);
  await recordActorAudit(tx, ctx, "knowledge_entry_restore", "knowledge_entry", id, {
    version: next,
    restoredFrom: fromVersion,
  });
}
