import { daysBetween } from "../../domain/warnings/dates.ts";
import { recordActorAudit } from "../audit/audit-log.ts";
import type { Queryable } from "../db/index.ts";
import { AppError } from "../plugins/errors.ts";
import type { WarningCtx } from "./commands.ts";

export interface PeriodInput {
  name: string;
  startsOn: string;
  endsOn: string;
  note?: string | null | undefined;
}

export interface PeriodView {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  note: string | null;
  updatedAt: string;
}

const SELECT = `SELECT id, name, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on,
  note, updated_at FROM sensitive_periods`;

interface Row {
  id: string;
  name: string;
  starts_on: string;
  ends_on: string;
  note: string | null;
  updated_at: Date;
}
const present = (r: Row): PeriodView => ({
  id: r.id,
  name: r.name,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  note: r.note,
  updatedAt: r.updated_at.toISOString(),
});

function check(p: PeriodInput): void {
  const span = daysBetween(p.startsOn, p.endsOn);
  if (span < 0 || span > 366)
    throw new AppError("SENSITIVE_PERIOD_INVALID", { startsOn: p.startsOn, endsOn: p.endsOn });
}

export async function listPeriods(q: Queryable): Promise<PeriodView[]> {
  return (await q.query<Row>(`${SELECT} ORDER BY starts_on DESC, id`)).rows.map(present);
}

export async function createPeriod(tx: Queryable, ctx: WarningCtx, p: PeriodInput): Promise<PeriodView> {
  check(p);
  const { rows } = await tx.query<Row>(
    `INSERT INTO sensitive_periods (name, starts_on, ends_on, note, updated_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING id, name, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on, note, updated_at`,
    [p.name, p.startsOn, p.endsOn, p.note ?? null, ctx.actor.id, ctx.now],
  );
  await recordActorAudit(tx, ctx, "sensitive_period_created", "sensitive_period", rows[0]!.id, { ...p });
  return present(rows[0]!);
}

export async function updatePeriod(
  tx: Queryable,
  ctx: WarningCtx,
  id: string,
  p: PeriodInput,
): Promise<PeriodView> {
  const before = await tx.query<Row>(`${SELECT} WHERE id = $1 FOR UPDATE`, [id]);
  if (!before.rows[0]) throw new AppError("SENSITIVE_PERIOD_NOT_FOUND");
  check(p);
  const { rows } = await tx.query<Row>(
    `UPDATE sensitive_periods SET name = $2, starts_on = $3, ends_on = $4, note = $5, updated_by = $6, updated_at = $7
      WHERE id = $1
      RETURNING id, name, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on, note, updated_at`,
    [id, p.name, p.startsOn, p.endsOn, p.note ?? null, ctx.actor.id, ctx.now],
  );
  await recordActorAudit(tx, ctx, "sensitive_period_updated", "sensitive_period", id, {
    before: present(before.rows[0]),
    after: { ...p },
  });
  return present(rows[0]!);
}

export async function deletePeriod(tx: Queryable, ctx: WarningCtx, id: string): Promise<void> {
  const before = await tx.query<Row>(`${SELECT} WHERE id = $1 FOR UPDATE`, [id]);
  if (!before.rows[0]) throw new AppError("SENSITIVE_PERIOD_NOT_FOUND");
  await tx.query("DELETE FROM sensitive_periods WHERE id = $1", [id]);
  await recordActorAudit(tx, ctx, "sensitive_period_deleted", "sensitive_period", id, {
    before: present(before.rows[0]),
  });
}
