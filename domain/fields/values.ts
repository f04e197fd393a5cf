import { z } from "zod";
import type { Role } from "../auth/roles.ts";
import { zIsoDate, zText } from "../schemas/common.ts";
import { canEditField, canSeeField, type TFieldDefinition } from "./definitions.ts";
import { formatFen, parseYuan } from "./money.ts";

/**
 * The one schema of a category's field values, used by the API (server/fields) and by the forms
 * (web/components/case-fields): it checks what a person typed and turns it into what is stored.
 *
 * Stored forms: text as trimmed text; number as a decimal string; money as a string of integer fen;
 * date as YYYY-MM-DD; choice as the option's value; yes/no as a boolean. `null` clears a value.
 */
export type StoredValue = string | boolean;
export type StoredValues = Record<string, StoredValue>;
/** What the API and the form exchange: money as a yuan string ("1234.56"), numbers as text. */
export type InputValue = string | number | boolean | null;

const NUMBER = /^\d{1,12}(\.\d{1,4})?$/;

const msg = (zh: string, en: string) => `${zh} / ${en}`;

/** The schema of one field's value as a person enters it, turning into its stored form. */
export function fieldValueSchema(d: TFieldDefinition): z.ZodType<StoredValue> {
  switch (d.type) {
    case "text":
      return zText(1, 500);
    case "number":
      return z
        .union([z.string(), z.number()], { error: msg("请输入数字", "a number is expected") })
        .transform((v, ctx) => {
          const s = typeof v === "number" ? String(v) : v.trim();
          if (!NUMBER.test(s)) {
            ctx.addIssue({
              code: "custom",
              message: msg("请输入不小于0、最多4位小数的数字", "a number ≥ 0 with at most 4 decimals"),
            });
            return z.NEVER;
          }
          if (d.integer && s.includes(".")) {
            ctx.addIssue({ code: "custom", message: msg("请输入整数", "a whole number is expected") });
            return z.NEVER;
          }
          // One spelling a value: "007.50" is stored as "7.5".
          const [i, f] = s.split(".");
          const frac = (f ?? "").replace(/0+$/, "");
          return `${BigInt(i!)}${frac ? `.${frac}` : ""}`;
        });
    case "money":
      // A string only: a JSON number has already been through floating point.
      return z
        .string({
          error: msg("金额请按元填写为文本，如“1234.56”", 'an amount in yuan as text, like "1234.56"'),
        })
        .transform((v, ctx) => {
          const fen = parseYuan(v);
          if (fen === null) {
            ctx.addIssue({
              code: "custom",
              message: msg(
                "金额须为不超过两位小数的非负数（元），不超过一万亿元",
                "an amount in yuan ≥ 0 with at most 2 decimals, at most one trillion",
              ),
            });
            return z.NEVER;
          }
          return fen.toString();
        });
    case "date":
      return zIsoDate;
    case "choice": {
      const values = (d.options ?? []).map((o) => o.value);
      return z.string().refine((v) => values.includes(v), {
        message: msg(`请从选项中选择：${values.join("、")}`, `choose one of: ${values.join(", ")}`),
      });
    }
    case "boolean":
      return z.boolean({ error: msg("请选择是或否", "yes or no (true/false) is expected") });
  }
}

export interface ValuesCheck {
  /** Definitions the actor may edit (others cannot be sent). */
  editable: TFieldDefinition[];
  /** Fields that must have a value afterwards. */
  required: TFieldDefinition[];
}

/**
 * The schema of a set of values the actor submits: only fields they may edit, each checked by its
 * type; `null` clears; a required field the actor may edit must end up with a value (`current` is
 * what the case holds already, for a partial change).
 */
export function fieldValuesSchema(
  defs: readonly TFieldDefinition[],
  roles: readonly Role[],
  current: StoredValues = {},
) {
  const editable = defs.filter((d) => canEditField(d, roles));
  const shape: Record<string, z.ZodType<StoredValue | null | undefined>> = {};
  for (const d of editable) {
    const inner = fieldValueSchema(d);
    // An empty text box is "no value", like null.
    shape[d.key] = z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? null : v),
      inner.nullable().optional(),
    );
  }
  return z
    .strictObject(shape, {
      error: msg("含有不存在或无权填写的字段", "a field that does not exist or that you may not fill"),
    })
    .superRefine((vals, ctx) => {
      for (const d of editable) {
        if (!d.required) continue;
        const v = d.key in vals ? vals[d.key] : current[d.key];
        if (v === null || v === undefined)
          ctx.addIssue({
            code: "custom",
            path: [d.key],
            message: msg(`请填写${d.labelZh}`, `${d.labelEn} is required`),
          });
      }
    })
    .transform((vals) => {
      const next: StoredValues = { ...current };
      for (const [k, v] of Object.entries(vals)) {
        if (v === undefined) continue;
        if (v === null) delete next[k];
        else next[k] = v;
      }
      return next;
    });
}

/** A stored value as the API and the form show it (money back in yuan). */
export function presentValue(d: TFieldDefinition, v: StoredValue | undefined): string | boolean | null {
  if (v === undefined) return null;
  if (d.type === "money" && typeof v === "string") return formatFen(v);
  return v;
}

/** The values one actor may see: fields they may not see are left out altogether. */
export function visibleValues(
  defs: readonly TFieldDefinition[],
  roles: readonly Role[],
  stored: StoredValues,
): Record<string, string | boolean | null> {
  const out: Record<string, string | boolean | null> = {};
  for (const d of defs) if (canSeeField(d, roles)) out[d.key] = presentValue(d, stored[d.key]);
  return out;
}

/** Field issues as "field: message" lines for an error's details. */
export function describeIssues(
  defs: readonly TFieldDefinition[],
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): { field: string; labelZh: string; labelEn: string; message: string }[] {
  return issues.map((i) => {
    const key = String(i.path[0] ?? "");
    const d = defs.find((x) => x.key === key);
    return { field: key, labelZh: d?.labelZh ?? key, labelEn: d?.labelEn ?? key, message: i.message };
  });
}
