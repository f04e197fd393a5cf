import { z } from "zod";

// PostgreSQL text cannot hold NUL, and lone surrogates are broken UTF-16: refuse both at the edge.
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Trimmed text with a length range, no control characters, no broken surrogates. */
export function zText(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !CONTROL.test(s), { message: "control characters are not allowed" })
    .refine((s) => !LONE_SURROGATE.test(s), { message: "broken UTF-16 (lone surrogate)" });
}

export const zRegionCode = z
  .string()
  .regex(/^[0-9]{6}([0-9]{3}([0-9]{3})?)?$/, "6, 9 or 12 digits (GB/T 2260)");
export const zUuid = z.uuid();
export const zIsoDateTime = z.iso.datetime({ offset: true });
export const zIsoDate = z.iso.date();

export const ZErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messageEn: z.string(),
    details: z.unknown().optional(),
  }),
});

/** The error answers every authenticated route may give, for its response schema. */
export const STANDARD_ERRORS = {
  400: ZErrorResponse,
  401: ZErrorResponse,
  403: ZErrorResponse,
  404: ZErrorResponse,
  409: ZErrorResponse,
  422: ZErrorResponse,
} as const;

export const ZPage = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
