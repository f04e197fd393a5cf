import { canSeeField, type FieldType } from "../../domain/fields/definitions.ts";
import { type FieldFilterOp, OPS_BY_TYPE, parseFieldFilters } from "../../domain/fields/filters.ts";
import { parseYuan } from "../../domain/fields/money.ts";
import type { Actor } from "../auth/actor.ts";
import type { Queryable } from "../db/index.ts";
import type { SqlParams } from "../db/sql.ts";
import { AppError } from "../plugins/errors.ts";
import { allFieldSetVersions } from "./store.ts";

/** A field filter checked against the definitions the actor may see, ready for SQL. */
export interface ResolvedFieldFilter {
  key: string;
  type: FieldType;
  op: FieldFilterOp;
  /** The value in its stored form (money in fen). */
  value: string;
  /** The field set versions that define the key and show it to the actor. */
  setIds: string[];
}

const bad = (why: string, part: string) =>
  new AppError("FIELD_FILTER_INVALID", { filter: part, reason: why });

function storedValue(type: FieldType, raw: string, options: string[]): string | null {
  switch (type) {
    case "money": {
      const fen = parseYuan(raw);
      return fen === null ? null : fen.toString();
    }
    case "number":
      return /^\d{1,12}(\.\d{1,4})?$/.test(raw) ? raw : null;
    case "date":
      return /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(raw)) ? raw : null;
    case "boolean":
      return ["true", "是"].includes(raw) ? "true" : ["false", "否"].includes(raw) ? "false" : null;
    case "choice":
      return options.includes(raw) ? raw : null;
    case "text":
      return raw;
  }
}

/**
 * Reads a `fieldFilter` parameter for an actor. A field they may not see is refused the same way
 * as one that does not exist (400), so a filter cannot be used to guess a hidden value.
 */
export async function resolveFieldFilters(
  q: Queryable,
  actor: Actor,
  param: string | undefined,
): Promise<ResolvedFieldFilter[] | undefined> {
  if (param === undefined) return undefined;
  const parsed = parseFieldFilters(param);
  if ("bad" in parsed) throw bad("unreadable", parsed.bad);
  const sets = await allFieldSetVersions(q);
  return parsed.filters.map((f) => {
    const part = `${f.key}${f.op}${f.value}`;
    const defining = sets.flatMap((s) =>
      s.fields.filter((d) => d.key === f.key && canSeeField(d, actor.roles)).map((d) => ({ setId: s.id, d })),
    );
    if (defining.length === 0) throw bad("unknown field", part);
    const types = new Set(defining.map((x) => x.d.type));
    if (types.size > 1) throw bad("the key has several types", part);
    const type = defining[0]!.d.type;
    if (!OPS_BY_TYPE[type].includes(f.op)) throw bad("operator", part);
    const options = defining.flatMap((x) => (x.d.options ?? []).map((o) => o.value));
    const value = storedValue(type, f.value, options);
    if (value === null) throw bad("value", part);
    return { key: f.key, type, op: f.op, value, setIds: [...new Set(defining.map((x) => x.setId))] };
  });
}

/** One SQL condition on `cases c` per filter. */
export function fieldFilterConditions(filters: readonly ResolvedFieldFilter[], p: SqlParams): string[] {
  return filters.map((f) => {
    const v = `fv.field_values->>${p.add(f.key)}`;
    const op = f.op;
    let cond: string;
    if (op === "~") cond = `strpos(${v}, ${p.add(f.value)}) > 0`;
    else if (f.type === "money") cond = `(${v})::bigint ${op} ${p.add(f.value)}::bigint`;
    else if (f.type === "number") cond = `(${v})::numeric ${op} ${p.add(f.value)}::numeric`;
    else cond = `${v} ${op} ${p.add(f.value)}`;
    return `EXISTS (SELECT 1 FROM case_field_values fv WHERE fv.case_id = c.id
      AND fv.field_set_id = ANY(${p.add(f.setIds)}::uuid[]) AND ${cond})`;
  });
}
