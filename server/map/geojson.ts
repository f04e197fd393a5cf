import type { Queryable } from "../db/index.ts";
import { AppError } from "../plugins/errors.ts";
import { type Geometry, type Position, ringAreaAbs } from "./geometry.ts";

/**
 * Checking an uploaded boundary file before anything is stored: a FeatureCollection whose every
 * feature is a Polygon or MultiPolygon with closed rings of valid longitude/latitude pairs and a
 * region code in its properties that names a township or village of the network. Every problem is
 * listed (the first 50), in Chinese and English, with the feature it concerns.
 */

export interface BoundaryFeature {
  regionCode: string;
  name: string | null;
  geometry: Geometry;
}

export interface Problem {
  feature: number | null;
  zh: string;
  en: string;
}

export const MAX_FEATURES = 5000;
const MAX_PROBLEMS = 50;
/** Property names a region code is read from: ours, snake case, and DataV's `adcode`. */
export const CODE_PROPERTIES = ["regionCode", "region_code", "code", "adcode"] as const;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function positionProblem(p: unknown): string | null {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3)
    return "坐标须为 [经度, 纬度]|a position must be [longitude, latitude]";
  const [x, y] = p as unknown[];
  if (typeof x !== "number" || typeof y !== "number" || !Number.isFinite(x) || !Number.isFinite(y))
    return "坐标须为数字|coordinates must be numbers";
  if (x < -180 || x > 180 || y < -90 || y > 90)
    return "经度须在 ±180、纬度须在 ±90 之内|longitude must lie within ±180 and latitude within ±90";
  return null;
}

function polygonProblem(poly: unknown): string | null {
  if (!Array.isArray(poly) || poly.length === 0) return "多边形没有环|a polygon has no rings";
  for (const ring of poly as unknown[]) {
    if (!Array.isArray(ring) || ring.length < 4)
      return "环至少需要 4 个坐标点|a ring needs at least 4 positions";
    for (const p of ring as unknown[]) {
      const bad = positionProblem(p);
      if (bad) return bad;
    }
    const first = ring[0] as Position;
    const last = ring[ring.length - 1] as Position;
    if (first[0] !== last[0] || first[1] !== last[1])
      return "环未闭合（首尾坐标须相同）|a ring is not closed (first and last positions must be equal)";
    if (ringAreaAbs(ring as Position[]) === 0) return "环的面积为零|a ring has no area";
  }
  return null;
}

function geometryProblem(g: unknown): string | null {
  if (!isObject(g)) return "缺少 geometry|geometry is missing";
  if (g.type !== "Polygon" && g.type !== "MultiPolygon")
    return `几何类型须为 Polygon 或 MultiPolygon，而不是 ${String(g.type)}|geometry must be Polygon or MultiPolygon, not ${String(g.type)}`;
  if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return "缺少坐标|coordinates are missing";
  const polys = g.type === "Polygon" ? [g.coordinates] : (g.coordinates as unknown[]);
  for (const poly of polys) {
    const bad = polygonProblem(poly);
    if (bad) return bad;
  }
  return null;
}

function codeOf(props: Record<string, unknown>): string | null {
  for (const k of CODE_PROPERTIES) {
    const v = props[k];
    if (typeof v === "number" && Number.isSafeInteger(v)) return String(v);
    if (typeof v === "string" && v.trim() !== "") return v.trim();
  }
  return null;
}

function fail(problems: Problem[], code: "MAP_GEOJSON_INVALID" | "MAP_REGION_UNKNOWN"): never {
  throw new AppError(code, { problems: problems.slice(0, MAX_PROBLEMS), total: problems.length });
}

const split = (text: string): { zh: string; en: string } => {
  const [zh, en] = text.split("|") as [string, string];
  return { zh, en };
};

/** What is wrong with one feature ("中文|English"), or null. */
function featureProblem(f: unknown, seen: Map<string, number>, i: number): string | null {
  if (!isObject(f) || f.type !== "Feature") return "要素须为 Feature|each item must be a Feature";
  const props = isObject(f.properties) ? f.properties : {};
  const code = codeOf(props);
  if (!code) {
    return `属性中缺少行政区划代码（${CODE_PROPERTIES.join("、")}）|the properties carry no region code (${CODE_PROPERTIES.join(", ")})`;
  }
  if (!/^\d{6,12}$/.test(code))
    return `行政区划代码 ${code} 不是 6–12 位数字|region code ${code} is not 6–12 digits`;
  const bad = geometryProblem(f.geometry);
  if (bad) return bad;
  const earlier = seen.get(code);
  if (earlier !== undefined && earlier !== i) {
    return `行政区划代码 ${code} 与第 ${earlier + 1} 个要素重复|region code ${code} repeats feature ${earlier + 1}`;
  }
  if (!isObject(f.properties)) f.properties = props;
  return null;
}

/** Parses the text and checks its shape and geometry (no database). */
export function parseBoundaries(text: string): BoundaryFeature[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new AppError("MAP_GEOJSON_UNREADABLE", {
      reason: err instanceof Error ? err.message : String(err),
    });
  }
  if (!isObject(doc) || doc.type !== "FeatureCollection" || !Array.isArray(doc.features)) {
    fail(
      [
        {
          feature: null,
          ...split("文件须为 GeoJSON FeatureCollection|the file must be a GeoJSON FeatureCollection"),
        },
      ],
      "MAP_GEOJSON_INVALID",
    );
  }
  const features = doc.features as unknown[];
  if (features.length === 0)
    fail([{ feature: null, ...split("没有任何要素|there are no features") }], "MAP_GEOJSON_INVALID");
  if (features.length > MAX_FEATURES) {
    fail(
      [{ feature: null, ...split(`要素超过 ${MAX_FEATURES} 个|more than ${MAX_FEATURES} features`) }],
      "MAP_GEOJSON_INVALID",
    );
  }
  const problems: Problem[] = [];
  const out: BoundaryFeature[] = [];
  const seen = new Map<string, number>();
  for (const [i, f] of features.entries()) {
    const problem = featureProblem(f, seen, i);
    if (problem) {
      problems.push({ feature: i, ...split(problem) });
      continue;
    }
    const feature = f as { properties: Record<string, unknown>; geometry: Geometry };
    const code = codeOf(feature.properties)!;
    seen.set(code, i);
    out.push({
      regionCode: code,
      name: typeof feature.properties.name === "string" ? feature.properties.name : null,
      geometry: { type: feature.geometry.type, coordinates: feature.geometry.coordinates },
    });
  }
  if (problems.length > 0) fail(problems, "MAP_GEOJSON_INVALID");
  return out;
}

export interface RegionUnit {
  id: string;
  path: string;
  name: string;
  kind: "township" | "village";
  regionCode: string;
}

/** The network's townships and villages by region code (a village's groups share its code). */
export async function loadRegionUnits(q: Queryable): Promise<Map<string, RegionUnit>> {
  const { rows } = await q.query<{
    id: string;
    path: string;
    name: string;
    kind: "township" | "village";
    region_code: string;
  }>(
    `SELECT id, path, name, kind, region_code FROM org_units
      WHERE kind IN ('township', 'village') AND is_active AND region_code IS NOT NULL ORDER BY path`,
  );
  const out = new Map<string, RegionUnit>();
  for (const r of rows) {
    if (!out.has(r.region_code))
      out.set(r.region_code, {
        id: r.id,
        path: r.path,
        name: r.name,
        kind: r.kind,
        regionCode: r.region_code,
      });
  }
  return out;
}

/** Every feature's code must be a township or village of the network. */
export async function checkRegionCodes(q: Queryable, features: BoundaryFeature[]): Promise<void> {
  const units = await loadRegionUnits(q);
  const problems: Problem[] = [];
  features.forEach((f, i) => {
    if (!units.has(f.regionCode)) {
      problems.push({
        feature: i,
        zh: `行政区划代码 ${f.regionCode}${f.name ? `（${f.name}）` : ""}不是本组织网络中的乡镇或村（社区）`,
        en: `region code ${f.regionCode}${f.name ? ` (${f.name})` : ""} is not a township or village of this network`,
      });
    }
  });
  if (problems.length > 0) fail(problems, "MAP_REGION_UNKNOWN");
}
