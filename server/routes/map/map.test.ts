import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TMapData } from "../../../domain/schemas/map.ts";
import type { TStatsSummary } from "../../../domain/schemas/stats.ts";
import { caseInput, freshIdNumber, makeNetwork, TEST_USERS } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

let t: TestContext;
const s = new Map<string, Session>();
const MAX_BYTES = 20_000;

/** A square of side 0.1° at (x, y), as a closed ring. */
const square = (x: number, y: number, d = 0.1) => [
  [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
    [x, y],
  ],
];
const feature = (code: unknown, geometry: unknown, extra: Record<string, unknown> = {}) => ({
  type: "Feature",
  properties: { regionCode: code, ...extra },
  geometry,
});
const GOOD = {
  type: "FeatureCollection",
  features: [
    feature("990001001", { type: "Polygon", coordinates: square(110, 30, 0.2) }, { name: "甲镇" }),
    feature("990001002", {
      type: "MultiPolygon",
      coordinates: [square(110.2, 30, 0.2), square(110.5, 30, 0.05)],
    }),
    feature("990001001001", { type: "Polygon", coordinates: square(110, 30) }),
    // DataV's files name the code `adcode`, as a number.
    {
      type: "Feature",
      properties: { adcode: 990001002001 },
      geometry: { type: "Polygon", coordinates: square(110.2, 30) },
    },
  ],
};

const upload = (user: string, body: string, fileName = "边界.geojson", type = "application/geo+json") =>
  t.app.inject({
    method: "PUT",
    url: `/api/map/boundaries?fileName=${encodeURIComponent(fileName)}`,
    headers: { cookie: s.get(user)!.cookie, "x-csrf-token": s.get(user)!.csrf, "content-type": type },
    payload: body,
  });

async function storedRow() {
  const { rows } = await t.db.query<{ file_name: string; feature_count: number }>(
    "SELECT file_name, feature_count FROM map_boundaries",
  );
  return rows;
}

const regions = async (user: string, query = "", period = "period=year&year=2026") => {
  const res = await as(t.app, s.get(user)!).get(`/api/map/regions?${period}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TMapData>();
};

beforeAll(async () => {
  t = await startTestApp({ mapGeojsonMaxBytes: MAX_BYTES });
  await makeNetwork(t.db);
  for (const u of TEST_USERS) s.set(u.username, await login(t.app, u.username));
  const reg = as(t.app, s.get("reg")!);
  const cases = [
    { problemRegionCode: "990001001001", receivedAt: "2026-01-10T09:00:00+08:00" },
    { problemRegionCode: "990001001001", receivedAt: "2026-02-10T09:00:00+08:00", channel: "letter" },
    // A collective visit: eight people.
    {
      problemRegionCode: "990001001",
      receivedAt: "2026-02-11T09:00:00+08:00",
      headcount: 8,
      petitioners: [{ name: "李四", idNumber: freshIdNumber() }],
    },
    { problemRegionCode: "990001002001", receivedAt: "2026-02-12T09:00:00+08:00" },
    // At the county itself: on no township.
    { problemRegionCode: "990001", receivedAt: "2026-02-13T09:00:00+08:00" },
    // Last year: outside the period.
    { problemRegionCode: "990001002001", receivedAt: "2025-12-30T09:00:00+08:00" },
  ];
  for (const c of cases) {
    const res = await reg.post("/api/cases", caseInput(c as Parameters<typeof caseInput>[0]));
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(() => t.close());

describe("the map without boundaries", () => {
  it("counts every township's cases and says there are no boundaries, so the screen shows the table", async () => {
    const d = await regions("analyst");
    expect(d.hasBoundaries).toBe(false);
    expect(d.regions.map((r) => [r.name, r.items, r.collective, r.hasBoundary, r.centroid])).toEqual([
      ["甲镇", 3, 1, false, null],
      ["乙乡", 1, 0, false, null],
    ]);
    expect(d.unplaced.items).toBe(1);
    const boundaries = await as(t.app, s.get("analyst")!).get("/api/map/boundaries");
    expect(boundaries.statusCode).toBe(404);
    expect(boundaries.json().error.code).toBe("MAP_BOUNDARIES_NOT_FOUND");
  });

  it("counts the same items per township as the statistics page's region breakdown", async () => {
    const d = await regions("analyst");
    const res = await as(t.app, s.get("analyst")!).get("/api/stats/summary?period=year&year=2026");
    const summary = res.json<TStatsSummary>();
    for (const r of d.regions) {
      const row = summary.breakdowns.problemRegion!.find((b) => b.label === r.name);
      expect(row?.items, r.name).toBe(r.items);
    }
  });

  it("drills down to a case list holding exactly the region's items", async () => {
    const d = await regions("analyst");
    for (const r of d.regions) {
      const list = await as(t.app, s.get("analyst")!).get(`/api/cases?${r.drillDown}`);
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().total, r.name).toBe(r.items);
    }
  });

  it("applies the statistics filters: channel and period", async () => {
    const letters = await regions("analyst", "&channel=letter");
    expect(letters.regions.map((r) => r.items)).toEqual([1, 0]);
    const january = await regions("analyst", "", "period=month&year=2026&index=1");
    expect(january.regions.map((r) => r.items)).toEqual([1, 0]);
  });

  it("shows villages at the village level, each under its township", async () => {
    const d = await regions("analyst", "&level=village");
    expect(d.regions.map((r) => [r.name, r.parentName, r.items])).toEqual([
      ["甲村", "甲镇", 2],
      ["乙村", "乙乡", 1],
    ]);
  });
});

describe("uploading boundaries", () => {
  it("refuses text that is not JSON with 400 in Chinese and English, and stores nothing", async () => {
    const res = await upload("sysadmin", "{ not json");
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("MAP_GEOJSON_UNREADABLE");
    expect(res.json().error.message).toContain("JSON");
    expect(res.json().error.messageEn).toContain("not valid JSON");
    expect(await storedRow()).toEqual([]);
  });

  it.each([
    ["a Feature instead of a collection", { type: "Feature", geometry: null }],
    ["an empty collection", { type: "FeatureCollection", features: [] }],
    [
      "a point",
      {
        type: "FeatureCollection",
        features: [feature("990001001", { type: "Point", coordinates: [110, 30] })],
      },
    ],
    [
      "an open ring",
      {
        type: "FeatureCollection",
        features: [
          feature("990001001", {
            type: "Polygon",
            coordinates: [
              [
                [110, 30],
                [111, 30],
                [111, 31],
                [110, 31],
              ],
            ],
          }),
        ],
      },
    ],
    [
      "a latitude out of range",
      {
        type: "FeatureCollection",
        features: [feature("990001001", { type: "Polygon", coordinates: square(110, 95) })],
      },
    ],
    [
      "a feature without a region code",
      {
        type: "FeatureCollection",
        features: [
          {
            type: "Feature",
            properties: { name: "甲镇" },
            geometry: { type: "Polygon", coordinates: square(110, 30) },
          },
        ],
      },
    ],
    [
      "a repeated region code",
      {
        type: "FeatureCollection",
        features: [
          feature("990001001", { type: "Polygon", coordinates: square(110, 30) }),
          feature("990001001", { type: "Polygon", coordinates: square(111, 30) }),
        ],
      },
    ],
  ])("refuses %s with 422, naming the problem, and stores nothing", async (_name, doc) => {
    const res = await upload("sysadmin", JSON.stringify(doc));
    expect(res.statusCode, res.body).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe("MAP_GEOJSON_INVALID");
    expect(error.details.problems.length).toBeGreaterThan(0);
    expect(error.details.problems[0].zh).toMatch(/[\u4e00-\u9fff]/);
    expect(error.details.problems[0].en).toMatch(/[a-z]/);
    expect(await storedRow()).toEqual([]);
  });

  it("refuses region codes that are not townships or villages of the network with 422, listing them", async () => {
    const doc = {
      type: "FeatureCollection",
      features: [
        feature("990001001", { type: "Polygon", coordinates: square(110, 30) }),
        feature("990001009", { type: "Polygon", coordinates: square(111, 30) }, { name: "不存在乡" }),
        // The county itself is not drawn on the map of its townships.
        feature("990001", { type: "Polygon", coordinates: square(112, 30) }),
      ],
    };
    const res = await upload("sysadmin", JSON.stringify(doc));
    expect(res.statusCode).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe("MAP_REGION_UNKNOWN");
    expect(error.details.problems.map((p: { feature: number }) => p.feature)).toEqual([1, 2]);
    expect(error.details.problems[0].zh).toContain("990001009（不存在乡）");
    expect(await storedRow()).toEqual([]);
  });

  it("refuses a file over the limit with 413 and the limit, and stores nothing", async () => {
    const big = JSON.stringify({ ...GOOD, padding: "x".repeat(MAX_BYTES) });
    const res = await upload("sysadmin", big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe("MAP_GEOJSON_TOO_LARGE");
    expect(res.json().error.details.maxBytes).toBe(MAX_BYTES);
    expect(await storedRow()).toEqual([]);
  });

  it("lets only the system administrator upload: an analyst gets 403 and nothing is stored", async () => {
    const res = await upload("analyst", JSON.stringify(GOOD));
    expect(res.statusCode).toBe(403);
    expect(await storedRow()).toEqual([]);
  });

  it("stores a valid file with an audit row, and the map then draws every region at its centroid", async () => {
    const res = await upload("sysadmin", JSON.stringify(GOOD));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ fileName: "边界.geojson", featureCount: 4 });
    const audit = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE action = 'map_boundaries_upload'",
    );
    expect(audit.rows).toHaveLength(1);
    const d = await regions("analyst");
    expect(d.hasBoundaries).toBe(true);
    const jia = d.regions.find((r) => r.name === "甲镇")!;
    expect(jia.hasBoundary).toBe(true);
    expect(jia.centroid![0]).toBeCloseTo(110.1, 6);
    expect(jia.centroid![1]).toBeCloseTo(30.1, 6);
    const shapes = await as(t.app, s.get("analyst")!).get("/api/map/boundaries?level=village");
    expect(shapes.statusCode).toBe(200);
    expect(
      shapes.json().features.map((f: { properties: { regionCode: string; name: string } }) => f.properties),
    ).toEqual([
      { regionCode: "990001001001", name: "甲村" },
      { regionCode: "990001002001", name: "乙村" },
    ]);
  });

  it("keeps the stored file when a later upload is refused", async () => {
    const res = await upload("sysadmin", JSON.stringify({ type: "FeatureCollection", features: [] }));
    expect(res.statusCode).toBe(422);
    expect(await storedRow()).toEqual([{ file_name: "边界.geojson", feature_count: 4 }]);
  });
});

describe("the map respects the user's area", () => {
  it("shows a township's staff their own township only, with its own counts and outline", async () => {
    const d = await regions("town1");
    expect(d.regions.map((r) => [r.name, r.items])).toEqual([["甲镇", 3]]);
    const shapes = await as(t.app, s.get("town1")!).get("/api/map/boundaries");
    expect(shapes.json().features.map((f: { properties: { name: string } }) => f.properties.name)).toEqual([
      "甲镇",
    ]);
  });

  it("gives a village's staff its village at the village level and no township", async () => {
    expect((await regions("village1")).regions).toEqual([]);
    const villages = await regions("village1", "&level=village");
    expect(villages.regions.map((r) => [r.name, r.items])).toEqual([["甲村", 2]]);
  });

  it("refuses users without statistics (a handler) with 403", async () => {
    const res = await as(t.app, s.get("rsj")!).get("/api/map/regions");
    expect(res.statusCode).toBe(403);
  });
});

describe("removing the boundaries", () => {
  it("falls back to the table after the administrator removes them", async () => {
    const res = await as(t.app, s.get("sysadmin")!).delete("/api/map/boundaries");
    expect(res.statusCode).toBe(204);
    expect((await regions("analyst")).hasBoundaries).toBe(false);
    const again = await as(t.app, s.get("sysadmin")!).delete("/api/map/boundaries");
    expect(again.statusCode).toBe(404);
  });
});
