import { z } from "zod";
import { ZStatsQuery } from "./stats.ts";

/** The map of where petitions come from (docs/OPENDATA.md): one level of the network at a time. */
export const MAP_LEVELS = ["township", "village"] as const;
export type MapLevel = (typeof MAP_LEVELS)[number];

/** What a region is coloured by. */
export const MAP_METRICS = ["items", "onTime", "satisfaction"] as const;
export type MapMetric = (typeof MAP_METRICS)[number];

/** The statistics page's query (period and case filters) plus the level shown. */
export const ZMapQuery = ZStatsQuery.extend({ level: z.enum(MAP_LEVELS).default("township") });
export type TMapQuery = z.infer<typeof ZMapQuery>;

const ZRatio = z.object({ numerator: z.number(), denominator: z.number(), percent: z.number().nullable() });

export const ZMapRegion = z.object({
  unitId: z.string(),
  regionCode: z.string(),
  name: z.string(),
  /** The township a village belongs to (null for a township). */
  parentName: z.string().nullable(),
  items: z.number(),
  personVisits: z.number(),
  /** Collective visits (集体访) among the items: the optional layer's points. */
  collective: z.number(),
  /** Open early warnings with a readable case in the region: the other layer's points. */
  warnings: z.number(),
  onTime: ZRatio,
  satisfaction: ZRatio,
  /** Query string of GET /api/cases listing exactly the region's items. */
  drillDown: z.string().nullable(),
  /** Label point [longitude, latitude] from the boundary (null without boundaries). */
  centroid: z.tuple([z.number(), z.number()]).nullable(),
  hasBoundary: z.boolean(),
});
export type TMapRegion = z.infer<typeof ZMapRegion>;

export const ZMapData = z.object({
  period: z.object({ from: z.string(), to: z.string(), label: z.string() }),
  level: z.enum(MAP_LEVELS),
  scope: z.object({ path: z.string(), name: z.string() }),
  /** False: no boundaries uploaded (or none for this level and area) — the screen shows the table. */
  hasBoundaries: z.boolean(),
  regions: z.array(ZMapRegion),
  /** Items registered above the level shown (at the county, or a township without village). */
  unplaced: z.object({ items: z.number(), drillDown: z.string().nullable() }),
});
export type TMapData = z.infer<typeof ZMapData>;

export const ZBoundaryInfo = z.object({
  fileName: z.string(),
  featureCount: z.number(),
  sizeBytes: z.number(),
  uploadedAt: z.string(),
  maxBytes: z.number(),
});
export type TBoundaryInfo = z.infer<typeof ZBoundaryInfo>;

/** The GeoJSON the map registers: the features of one level inside the user's area. */
export const ZBoundaryCollection = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(
    z.object({
      type: z.literal("Feature"),
      properties: z.object({ regionCode: z.string(), name: z.string() }),
      geometry: z.object({
        type: z.enum(["Polygon", "MultiPolygon"]),
        coordinates: z.array(z.unknown()),
      }),
    }),
  ),
});
