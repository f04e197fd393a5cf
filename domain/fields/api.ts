import { z } from "zod";
import { zIsoDate, zText } from "../schemas/common.ts";
import { ZFieldDefinition } from "./definitions.ts";

/** A field value as the API and the form exchange it: text, a number, yes/no, or null to clear. */
export const ZFieldInputValue = z.union([z.string().max(600), z.number(), z.boolean(), z.null()]);
export const ZFieldValuesInput = z.record(z.string().max(40), ZFieldInputValue);

export const ZCaseFieldsUpdate = z.object({ values: ZFieldValuesInput });

export const ZPaymentCreate = z.object({
  paidOn: zIsoDate,
  /** Yuan as text, at most two decimals ("12000.50"): never a JSON number. */
  amount: z.string().trim().min(1).max(30),
  note: zText(1, 200).optional(),
});
export type TPaymentCreate = z.infer<typeof ZPaymentCreate>;

export const ZPaymentVoid = z.object({ reason: zText(1, 200) });

export const ZCaseFieldsView = z.object({
  fieldSet: z
    .object({
      id: z.string(),
      categoryId: z.string(),
      version: z.number(),
      fields: z.array(ZFieldDefinition),
      hasPayments: z.boolean(),
      paymentsLabelZh: z.string().nullable(),
      paymentsLabelEn: z.string().nullable(),
      createdAt: z.string(),
    })
    .nullable(),
  values: z.record(z.string(), z.union([z.string(), z.boolean(), z.null()])),
  editable: z.array(z.string()),
  missingRequired: z.array(z.string()),
  payments: z
    .object({
      items: z.array(
        z.object({
          id: z.string(),
          paidOn: z.string(),
          amount: z.string(),
          note: z.string().nullable(),
          recordedAt: z.string(),
          recordedBy: z.string().nullable(),
          voided: z.boolean(),
          voidReason: z.string().nullable(),
        }),
      ),
      total: z.string(),
      canRecord: z.boolean(),
    })
    .nullable(),
});
export type TCaseFieldsView = z.infer<typeof ZCaseFieldsView>;

export const ZWageSummary = z.object({
  period: z.object({ from: z.string(), to: z.string(), label: z.string() }),
  cases: z.number(),
  recoveredFen: z.string(),
  recoveredWan: z.string(),
  sentence: z.string(),
});
export type TWageSummary = z.infer<typeof ZWageSummary>;

export const ZFieldStats = z.object({
  groupBy: z.object({ key: z.string(), labelZh: z.string(), labelEn: z.string() }).nullable(),
  sumFields: z.array(
    z.object({
      key: z.string(),
      labelZh: z.string(),
      labelEn: z.string(),
      type: z.string(),
      unit: z.string().nullable(),
    }),
  ),
  rows: z.array(
    z.object({
      value: z.string().nullable(),
      label: z.string(),
      cases: z.number(),
      sums: z.record(z.string(), z.string()),
    }),
  ),
});
export type TFieldStats = z.infer<typeof ZFieldStats>;
