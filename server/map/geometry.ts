/**
 * Plane geometry on longitude/latitude pairs, enough for a county: small areas, where treating
 * degrees as a plane moves a centroid by metres, not by villages. No I/O.
 */
export type Position = [number, number];
export type Ring = Position[];
export type PolygonCoords = Ring[];

export interface Geometry {
  type: "Polygon" | "MultiPolygon";
  coordinates: PolygonCoords | PolygonCoords[];
}

export function polygonsOf(g: Geometry): PolygonCoords[] {
  return g.type === "Polygon" ? [g.coordinates as PolygonCoords] : (g.coordinates as PolygonCoords[]);
}

/** Twice the signed area of a ring (shoelace). */
function ringArea2(ring: Ring): number {
  let a = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    a += x1 * y2 - x2 * y1;
  }
  return a;
}

/** Whether the point lies inside the ring (even–odd rule, ray to the east). */
function inRing([x, y]: Position, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and outside every hole of one of the polygons. */
export function containsPoint(g: Geometry, p: Position): boolean {
  return polygonsOf(g).some(
    (poly) => poly[0] !== undefined && inRing(p, poly[0]) && !poly.slice(1).some((hole) => inRing(p, hole)),
  );
}

/** The area-weighted centroid of the outer rings (holes ignored: a label point, not a survey). */
export function centroid(g: Geometry): Position {
  let ax = 0;
  let ay = 0;
  let area = 0;
  for (const poly of polygonsOf(g)) {
    const ring = poly[0];
    if (!ring) continue;
    const a2 = ringArea2(ring);
    if (a2 === 0) continue;
    let cx = 0;
    let cy = 0;
    for (let i = 0; i < ring.length - 1; i++) {
      const [x1, y1] = ring[i]!;
      const [x2, y2] = ring[i + 1]!;
      const f = x1 * y2 - x2 * y1;
      cx += (x1 + x2) * f;
      cy += (y1 + y2) * f;
    }
    ax += cx / 3;
    ay += cy / 3;
    area += a2;
  }
  if (area === 0) {
    const first = polygonsOf(g)[0]?.[0]?.[0];
    return first ? [first[0], first[1]] : [0, 0];
  }
  return [ax / area, ay / area];
}

export function ringAreaAbs(ring: Ring): number {
  return Math.abs(ringArea2(ring)) / 2;
}
