import { z } from "zod";
import { ZPage } from "../common.ts";

/** A bureau list's query: its module's filters and the page (`page` from 1, `pageSize` 1–200, 20 unless given). */
export const zListQuery = <F extends z.ZodRawShape>(filters: z.ZodObject<F>) => filters.extend(ZPage.shape);

/** One page of a bureau list: the rows and how many the filters match in all. */
export const zPaged = <I extends z.ZodType>(item: I) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

export type TPaged<T> = { items: T[]; total: number; page: number; pageSize: number };
