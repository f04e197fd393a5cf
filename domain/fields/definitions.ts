import { z } from "zod";
import { ROLES, type Role } from "../auth/roles.ts";
import { zText } from "../schemas/common.ts";

/** The kinds of value a category's field can hold. */
export const FIELD_TYPES = ["text", "number", "money", "date", "choice", "boolean"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const FIELD_TYPE_LABELS: Record<FieldType, { zh: string; en: string }> = {
  text: { zh: "文本", en: "Text" },
  number: { zh: "数字（带单位）", en: "Number with unit" },
  money: { zh: "金额（元）", en: "Amount (yuan)" },
  date: { zh: "日期", en: "Date" },
  choice: { zh: "选项", en: "Choice" },
  boolean: { zh: "是/否", en: "Yes/no" },
};

/** Roles that handle cases; the three administrators never read case data (三员分立). */
export const CASE_ROLES = ROLES.filter(
  (r) => r !== "system_admin" && r !== "security_admin" && r !== "audit_admin",
) as readonly Role[];

/** Who records and voids the payments of a payments ledger (the bureau, the handling unit, the township). */
export const PAYMENT_EDIT_ROLES: readonly Role[] = [
  "registrar",
  "bureau_office",
  "unit_staff",
  "unit_leader",
  "local_staff",
];

const zRole = z.enum(CASE_ROLES as [Role, ...Role[]]);

export const ZFieldOption = z.object({
  value: z.string().regex(/^[a-z0-9_]{1,40}$/, "lower-case letters, digits and _"),
  labelZh: zText(1, 40),
  labelEn: zText(1, 60),
});

export const ZFieldDefinition = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "lower-case letters, digits and _, a letter first"),
    labelZh: zText(1, 40),
    labelEn: zText(1, 60),
    type: z.enum(FIELD_TYPES),
    /** The unit a number is counted in (人, 亩, 平方米); numbers only. */
    unit: zText(1, 10).optional(),
    /** A number field that takes whole numbers only (人数). */
    integer: z.boolean().optional(),
    options: z.array(ZFieldOption).min(2).max(50).optional(),
    required: z.boolean().default(false),
    viewRoles: z.array(zRole).min(1),
    editRoles: z.array(zRole).default([]),
  })
  .superRefine((d, ctx) => {
    if (d.type === "choice" && !d.options)
      ctx.addIssue({
        code: "custom",
        path: ["options"],
        message: "选项字段至少需要两个选项 / a choice needs options",
      });
    if (d.type !== "choice" && d.options)
      ctx.addIssue({
        code: "custom",
        path: ["options"],
        message: "只有选项字段有选项 / only a choice has options",
      });
    if (d.type !== "number" && (d.unit !== undefined || d.integer !== undefined))
      ctx.addIssue({
        code: "custom",
        path: ["unit"],
        message: "只有数字字段有单位 / only a number has a unit",
      });
    if (d.options && new Set(d.options.map((o) => o.value)).size !== d.options.length)
      ctx.addIssue({ code: "custom", path: ["options"], message: "选项值重复 / option values repeat" });
    const notViewing = d.editRoles.filter((r) => !d.viewRoles.includes(r));
    if (notViewing.length > 0)
      ctx.addIssue({
        code: "custom",
        path: ["editRoles"],
        message: `可编辑的角色必须也可查看 / a role that edits must also see: ${notViewing.join(", ")}`,
      });
  });
export type TFieldDefinition = z.infer<typeof ZFieldDefinition>;

/** A new version of a category's field set, as the administrator submits it. */
export const ZFieldSetInput = z
  .object({
    fields: z.array(ZFieldDefinition).max(30),
    hasPayments: z.boolean().default(false),
    paymentsLabelZh: zText(1, 40).optional(),
    paymentsLabelEn: zText(1, 60).optional(),
  })
  .superRefine((s, ctx) => {
    const keys = s.fields.map((f) => f.key);
    const dup = keys.find((k, i) => keys.indexOf(k) !== i);
    if (dup)
      ctx.addIssue({ code: "custom", path: ["fields"], message: `字段键重复 / the key repeats: ${dup}` });
  });
export type TFieldSetInput = z.infer<typeof ZFieldSetInput>;

export const ZFieldSet = z.object({
  id: z.string(),
  categoryId: z.string(),
  version: z.number(),
  fields: z.array(ZFieldDefinition),
  hasPayments: z.boolean(),
  paymentsLabelZh: z.string().nullable(),
  paymentsLabelEn: z.string().nullable(),
  createdAt: z.string(),
});
export type TFieldSet = z.infer<typeof ZFieldSet>;

export const canSeeField = (d: Pick<TFieldDefinition, "viewRoles">, roles: readonly Role[]) =>
  d.viewRoles.some((r) => roles.includes(r));
export const canEditField = (d: Pick<TFieldDefinition, "editRoles">, roles: readonly Role[]) =>
  d.editRoles.some((r) => roles.includes(r));

/**
 * Keys whose type a new version would change from an earlier one: refused, because the values of
 * old cases, filters and sums read a key with one meaning across versions.
 */
export function changedTypes(
  earlier: readonly Pick<TFieldDefinition, "key" | "type">[],
  next: readonly Pick<TFieldDefinition, "key" | "type">[],
): string[] {
  const before = new Map(earlier.map((d) => [d.key, d.type]));
  return next.filter((d) => before.has(d.key) && before.get(d.key) !== d.type).map((d) => d.key);
}
