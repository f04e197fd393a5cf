import type { Queryable } from "../db/index.ts";
import { loadBoundaries } from "../map/boundaries.ts";
import { loadRegionUnits, type RegionUnit } from "../map/geojson.ts";
import { containsPoint } from "../map/geometry.ts";
import { AppError } from "../plugins/errors.ts";

/**
 * Where an Open311 request's problem lies, as a region code of the network: a region code given
 * as `attribute[region_code]`, else the village (then township) whose uploaded boundary contains
 * lat/long, else the longest township or village name inside `address_string`.
 */
export async function resolveRegion(
  q: Queryable,
  input: {
    regionCode?: string | undefined;
    lat?: number | undefined;
    long?: number | undefined;
    address?: string | undefined;
  },
): Promise<string> {
  if (input.regionCode) return input.regionCode;
  const units = await loadRegionUnits(q);
  if (input.lat !== undefined && input.long !== undefined) {
    const stored = await loadBoundaries(q);
    if (stored) {
      const hits = stored.features
        .filter((f) => containsPoint(f.geometry, [input.long!, input.lat!]))
        .map((f) => units.get(f.regionCode))
        .filter((u): u is RegionUnit => u !== undefined)
        // The village first: it is the finer answer.
        .sort((a, b) => b.path.length - a.path.length);
      if (hits[0]) return hits[0].regionCode;
    }
  }
  if (input.address) {
    const named = [...units.values()]
      .filter((u) => input.address!.includes(u.name))
      .sort((a, b) => b.name.length - a.name.length || b.path.length - a.path.length);
    if (named[0]) return named[0].regionCode;
  }
  throw new AppError("OPEN311_LOCATION_REQUIRED");
}
