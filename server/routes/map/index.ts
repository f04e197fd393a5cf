import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { STATISTICS_ROLES } from "../../../domain/metrics/access.ts";
import { STANDARD_ERRORS, ZErrorResponse } from "../../../domain/schemas/common.ts";
import {
  MAP_LEVELS,
  ZBoundaryCollection,
  ZBoundaryInfo,
  ZMapData,
  ZMapQuery,
} from "../../../domain/schemas/map.ts";
import { boundariesOfArea, deleteBoundaries, loadBoundaries, storeBoundaries } from "../../map/boundaries.ts";
import { mapData } from "../../map/region-stats.ts";
import { requireRole } from "../../plugins/auth.ts";
import { AppError } from "../../plugins/errors.ts";
import { filterOf, periodOf } from "../stats/period.ts";

/** Who uploads and removes the boundaries: the system administrator (like the network itself). */
const BOUNDARY_WRITERS = ["system_admin"] as const;
/** Who reads the boundary outlines: the map's readers and the administrator who uploads them. */
const BOUNDARY_READERS = [...STATISTICS_ROLES, ...BOUNDARY_WRITERS];

const GEOJSON_TYPES = ["application/geo+json", "application/octet-stream"];

export const mapRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.deps;
  const maxBytes = config.mapGeojsonMaxBytes;
  // The file arrives as it is; its size is checked against the limit before it is parsed.
  app.addContentTypeParser(GEOJSON_TYPES, { parseAs: "buffer" }, (_req, body, done) => done(null, body));

  app.get(
    "/regions",
    {
      schema: {
        tags: ["map"],
        summary: "地图：各乡镇/村的信访件数与按期办结率、满意率 Cases per township or village, with rates",
        querystring: ZMapQuery,
        response: { 200: ZMapData, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, ...STATISTICS_ROLES);
      const { level, ...q } = req.query;
      const now = app.deps.now();
      return mapData(db, actor, { filter: filterOf(q), period: periodOf(q, now), level, asOf: now });
    },
  );

  app.get(
    "/boundaries",
    {
      schema: {
        tags: ["map"],
        summary: "地图边界（本人辖区内某一级） The boundary GeoJSON of one level inside the user's area",
        querystring: z.object({ level: z.enum(MAP_LEVELS).default("township") }),
        response: { 200: ZBoundaryCollection, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, ...BOUNDARY_READERS);
      const shapes = await boundariesOfArea(db, req.query.level, actor.areaPath);
      if (!shapes) throw new AppError("MAP_BOUNDARIES_NOT_FOUND");
      return {
        type: "FeatureCollection" as const,
        features: shapes.map(({ unit, feature }) => ({
          type: "Feature" as const,
          properties: { regionCode: unit.regionCode, name: unit.name },
          geometry: { type: feature.geometry.type, coordinates: feature.geometry.coordinates as unknown[] },
        })),
      };
    },
  );

  app.get(
    "/boundaries/info",
    {
      schema: {
        tags: ["map"],
        summary: "已上传的边界文件 The uploaded boundary file (null when none)",
        response: {
          200: z.object({ boundaries: ZBoundaryInfo.nullable(), maxBytes: z.number() }),
          ...STANDARD_ERRORS,
        },
      },
    },
    async (req) => {
      requireRole(req, ...BOUNDARY_READERS);
      const b = await loadBoundaries(db);
      return {
        maxBytes,
        boundaries: b
          ? {
              fileName: b.fileName,
              featureCount: b.featureCount,
              sizeBytes: b.sizeBytes,
              uploadedAt: b.uploadedAt.toISOString(),
              maxBytes,
            }
          : null,
      };
    },
  );

  app.put(
    "/boundaries",
    {
      // Twice the limit reaches the handler, which answers with the limit; beyond that the framework's 413.
      bodyLimit: maxBytes * 2,
      schema: {
        tags: ["map"],
        summary:
          "上传乡镇/村边界（GeoJSON，Content-Type: application/geo+json） Upload the boundaries (replaces the earlier file)",
        querystring: z.object({ fileName: z.string().trim().min(1).max(200).default("boundaries.geojson") }),
        response: { 200: ZBoundaryInfo, ...STANDARD_ERRORS, 413: ZErrorResponse },
      },
    },
    async (req) => {
      const actor = requireRole(req, ...BOUNDARY_WRITERS);
      const body = req.body;
      let text: string;
      if (Buffer.isBuffer(body)) {
        if (body.length > maxBytes)
          throw new AppError("MAP_GEOJSON_TOO_LARGE", { maxBytes, sizeBytes: body.length });
        try {
          text = new TextDecoder("utf-8", { fatal: true }).decode(body);
        } catch {
          throw new AppError("MAP_GEOJSON_UNREADABLE", { reason: "not UTF-8" });
        }
      } else if (body !== undefined && body !== null) {
        text = JSON.stringify(body);
        if (Buffer.byteLength(text) > maxBytes) throw new AppError("MAP_GEOJSON_TOO_LARGE", { maxBytes });
      } else {
        throw new AppError("MAP_GEOJSON_UNREADABLE", { reason: "empty body" });
      }
      const stored = await storeBoundaries(
        db,
        text,
        req.query.fileName,
        { actor, ip: req.ip },
        app.deps.now(),
      );
      return {
        fileName: stored.fileName,
        featureCount: stored.featureCount,
        sizeBytes: stored.sizeBytes,
        uploadedAt: stored.uploadedAt.toISOString(),
        maxBytes,
      };
    },
  );

  app.delete(
    "/boundaries",
    {
      schema: {
        tags: ["map"],
        summary: "删除边界（地图改为显示表格） Remove the boundaries (the map falls back to the table)",
        response: { 204: z.null(), ...STANDARD_ERRORS },
      },
    },
    async (req, reply) => {
      const actor = requireRole(req, ...BOUNDARY_WRITERS);
      if (!(await deleteBoundaries(db, { actor, ip: req.ip })))
        throw new AppError("MAP_BOUNDARIES_NOT_FOUND");
      return reply.code(204).send(null);
    },
  );
};
