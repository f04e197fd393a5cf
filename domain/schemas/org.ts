import { z } from "zod";
import { zRegionCode, zText, zUuid } from "./common.ts";

export const ORG_KINDS = ["county", "township", "village", "group", "bureau", "department"] as const;

export const ZOrgUnit = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.enum(ORG_KINDS),
  name: z.string(),
  regionCode: z.string(),
  path: z.string(),
});

export const ZCategory = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  sort: z.number(),
  isActive: z.boolean(),
});

export const ZCategoryCreate = z.object({
  parentId: zUuid.optional(),
  code: z.string().regex(/^[a-z0-9_.]{2,40}$/),
  nameZh: zText(1, 50),
  nameEn: zText(1, 80),
  sort: z.number().int().min(0).max(10000).default(0),
});

export const ZCategoryUpdate = z
  .object({
    nameZh: zText(1, 50),
    nameEn: zText(1, 80),
    sort: z.number().int().min(0).max(10000),
    isActive: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to change" });

export { zRegionCode };
