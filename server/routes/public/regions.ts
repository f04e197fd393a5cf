import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";

export const ZPublicRegion = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(["county", "township", "village"]),
  /** The region code of the place above it (null for the county). */
  parentCode: z.string().nullable(),
});

/**
 * The places of the county (county, townships, villages) a citizen picks "where is the problem"
 * from on the portal: public names and codes only, no units of the administration.
 */
export const publicRegionRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;
  app.get(
    "/regions",
    {
      schema: {
        tags: ["public"],
        summary: "行政区划（县、乡镇、村） Places to pick the problem's location from",
        response: { 200: z.object({ items: z.array(ZPublicRegion) }) },
      },
    },
    async () => {
      const { rows } = await db.query<z.infer<typeof ZPublicRegion>>(
        `SELECT u.region_code AS code, u.name, u.kind, p.region_code AS "parentCode"
           FROM org_units u LEFT JOIN org_units p ON p.id = u.parent_id
          WHERE u.is_active AND u.kind IN ('county', 'township', 'village') ORDER BY u.path`,
      );
      return { items: rows.map((r) => ({ ...r, parentCode: r.kind === "county" ? null : r.parentCode })) };
    },
  );
};
