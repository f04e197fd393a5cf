import { readFileSync } from "node:fs";
import { recordActorAudit } from "../audit/audit-log.ts";
import type { Actor } from "../auth/actor.ts";
import type { Db, Queryable } from "../db/index.ts";
import {
  type BoundaryFeature,
  checkRegionCodes,
  loadRegionUnits,
  parseBoundaries,
  type RegionUnit,
} from "./geojson.ts";
import type { Geometry } from "./geometry.ts";

/** The synthetic boundaries of the demo county (three townships, six villages); not a survey. */
export const DEMO_BOUNDARIES_FILE = new URL("./demo-boundaries.geojson", import.meta.url);

export interface StoredBoundaries {
  fileName: string;
  featureCount: number;
  sizeBytes: number;
  uploadedAt: Date;
  features: BoundaryFeature[];
}

/** Checks the text (shape, geometry, codes) and replaces the stored boundaries, with an audit row. */
export async function storeBoundaries(
  db: Db,
  text: string,
  fileName: string,
  by: { actor: Pick<Actor, "id" | "roles">; ip: string | null } | null,
  now: Date,
): Promise<StoredBoundaries> {
  const features = parseBoundaries(text);
  return db.transaction(async (tx) => {
    await checkRegionCodes(tx, features);
    const geojson = {
      type: "FeatureCollection",
      features: features.map((f) => ({
        type: "Feature",
        properties: { regionCode: f.regionCode, ...(f.name ? { name: f.name } : {}) },
        geometry: f.geometry,
      })),
    };
    const sizeBytes = Buffer.byteLength(text, "utf8");
    await tx.query(
      `INSERT INTO map_boundaries (id, geojson, file_name, feature_count, size_bytes, region_codes, uploaded_by, uploaded_at)
       VALUES (1, $1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET geojson = EXCLUDED.geojson, file_name = EXCLUDED.file_name,
         feature_count = EXCLUDED.feature_count, size_bytes = EXCLUDED.size_bytes,
         region_codes = EXCLUDED.region_codes, uploaded_by = EXCLUDED.uploaded_by, uploaded_at = EXCLUDED.uploaded_at`,
      [
        JSON.stringify(geojson),
        fileName,
        features.length,
        sizeBytes,
        features.map((f) => f.regionCode),
        by?.actor.id ?? null,
        now,
      ],
    );
    if (by) {
      await recordActorAudit(tx, by, "map_boundaries_upload", "map_boundaries", "1", {
        fileName,
        features: features.length,
        sizeBytes,
      });
    }
    return { fileName, featureCount: features.length, sizeBytes, uploadedAt: now, features };
  });
}

/** Stores the demo county's boundaries (the demo seed, after its network). */
export async function storeDemoBoundaries(db: Db, now = new Date()): Promise<void> {
  await storeBoundaries(db, readFileSync(DEMO_BOUNDARIES_FILE, "utf8"), "示范县边界.geojson", null, now);
}

export async function loadBoundaries(q: Queryable): Promise<StoredBoundaries | null> {
  const { rows } = await q.query<{
    geojson: { features: { properties: { regionCode: string; name?: string }; geometry: Geometry }[] };
    file_name: string;
    feature_count: number;
    size_bytes: number;
    uploaded_at: Date;
  }>("SELECT geojson, file_name, feature_count, size_bytes, uploaded_at FROM map_boundaries WHERE id = 1");
  const r = rows[0];
  if (!r) return null;
  return {
    fileName: r.file_name,
    featureCount: r.feature_count,
    sizeBytes: r.size_bytes,
    uploadedAt: r.uploaded_at,
    features: r.geojson.features.map((f) => ({
      regionCode: f.properties.regionCode,
      name: f.properties.name ?? null,
      geometry: f.geometry,
    })),
  };
}

export async function deleteBoundaries(
  db: Db,
  by: { actor: Pick<Actor, "id" | "roles">; ip: string | null },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query("DELETE FROM map_boundaries WHERE id = 1 RETURNING id");
    if (rows.length === 0) return false;
    await recordActorAudit(tx, by, "map_boundaries_delete", "map_boundaries", "1");
    return true;
  });
}

/** The stored features joined to their units, of one level and inside an area. */
export async function boundariesOfArea(
  q: Queryable,
  level: "township" | "village",
  areaPath: string,
): Promise<{ unit: RegionUnit; feature: BoundaryFeature }[] | null> {
  const stored = await loadBoundaries(q);
  if (!stored) return null;
  const units = await loadRegionUnits(q);
  const out: { unit: RegionUnit; feature: BoundaryFeature }[] = [];
  for (const f of stored.features) {
    const unit = units.get(f.regionCode);
    if (!unit || unit.kind !== level) continue;
    if (!(unit.path === areaPath || unit.path.startsWith(`${areaPath}.`))) continue;
    out.push({ unit, feature: f });
  }
  return out;
}
