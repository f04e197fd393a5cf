import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeBoundaries } from "../../map/boundaries.ts";
import { freshIdNumber, makeNetwork } from "../../test/factories.ts";
import { snapshotCounts, startTestApp, type TestContext } from "../../test/harness.ts";

let t: TestContext;

const square = (x: number, y: number, d: number) => [
  [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
    [x, y],
  ],
];
const BOUNDARIES = {
  type: "FeatureCollection",
  features: [
    ["990001001", square(110, 30, 0.2)],
    ["990001002", square(110.2, 30, 0.2)],
    ["990001001001", square(110, 30, 0.1)],
    ["990001002001", square(110.2, 30, 0.1)],
  ].map(([code, coordinates]) => ({
    type: "Feature",
    properties: { regionCode: code },
    geometry: { type: "Polygon", coordinates },
  })),
};

/** The spec's POST example, with this county's values (form-encoded, as the spec sends it). */
function example(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const fields: Record<string, string | undefined> = {
    jurisdiction_id: "990001",
    service_code: "labor.wage_arrears",
    lat: "30.05",
    long: "110.05",
    address_string: "甲镇甲村村委会旁工地",
    email: "zhang.san@example.cn",
    device_id: "tt222111",
    account_id: "123456",
    first_name: "三",
    last_name: "张",
    phone: "13800138000",
    description: "工地拖欠我们十二名工人三个月工资共计八万元，多次讨要无果，请求协调解决。",
    "attribute[id_number]": freshIdNumber(),
    "attribute[consent_privacy]": "true",
    ...overrides,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

function post(
  fields: Record<string, string>,
  opts: { key?: string; format?: "json" | "xml"; app?: TestContext } = {},
) {
  return (opts.app ?? t).app.inject({
    method: "POST",
    url: `/open311/v2/requests.${opts.format ?? "json"}`,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...(opts.key ? { "idempotency-key": opts.key } : {}),
    },
    payload: form(fields),
  });
}

const get = (url: string, app = t) => app.app.inject({ method: "GET", url });

function expectOpen311Error(res: { statusCode: number; json(): unknown }, status: number, zh: RegExp) {
  expect(res.statusCode).toBe(status);
  const body = res.json() as { code: number; description: string }[];
  expect(Array.isArray(body)).toBe(true);
  expect(body[0]!.code).toBe(status);
  expect(body[0]!.description).toMatch(zh);
  // Chinese first, then English after " / ".
  expect(body[0]!.description).toMatch(/ \/ [A-Za-z]/);
}

beforeAll(async () => {
  t = await startTestApp({ publicRateLimitPerMinute: 1000 });
  await makeNetwork(t.db);
  await storeBoundaries(t.db, JSON.stringify(BOUNDARIES), "test.geojson", null, t.clock.now);
  await t.db.query("UPDATE categories SET is_active = false WHERE code = 'mining.relocation'");
});
afterAll(() => t.close());

describe("GET services", () => {
  it("lists the active categories as realtime services with metadata, in JSON", async () => {
    const res = await get("/open311/v2/services.json");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("application/json");
    const services =
      res.json<
        { service_code: string; service_name: string; group: string; metadata: boolean; type: string }[]
      >();
    const wages = services.find((s) => s.service_code === "labor.wage_arrears");
    expect(wages).toMatchObject({
      service_name: "拖欠农民工工资",
      group: "劳资纠纷",
      metadata: true,
      type: "realtime",
    });
    expect(services.some((s) => s.service_code === "mining.relocation")).toBe(false);
    expect(services.some((s) => s.service_code === "labor")).toBe(true);
  });

  it("answers the same list in XML with the declaration the spec asks for", async () => {
    const res = await get("/open311/v2/services.xml");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/xml");
    expect(
      res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<services><service><service_code>'),
    ).toBe(true);
    expect(res.body).toContain(
      "<service_code>labor.wage_arrears</service_code><service_name>拖欠农民工工资</service_name>",
    );
    expect(res.body).toContain("<metadata>true</metadata><type>realtime</type>");
  });

  it("defines each service's attributes: the ID number and the consent are required", async () => {
    const res = await get("/open311/v2/services/labor.wage_arrears.json");
    expect(res.statusCode).toBe(200);
    const def = res.json<{
      service_code: string;
      attributes: { code: string; required: boolean; datatype: string }[];
    }>();
    expect(def.service_code).toBe("labor.wage_arrears");
    expect(def.attributes.map((a) => [a.code, a.required, a.datatype])).toEqual([
      ["id_number", true, "string"],
      ["consent_privacy", true, "singlevaluelist"],
      ["region_code", false, "string"],
    ]);
    const xml = await get("/open311/v2/services/labor.wage_arrears.xml");
    expect(xml.body).toContain(
      "<service_definition><service_code>labor.wage_arrears</service_code><attributes><attribute>",
    );
    expect(xml.body).toContain("<values><value><key>true</key>");
  });

  it("answers an unknown service, a wrong jurisdiction and an unknown path with the spec's error list", async () => {
    expectOpen311Error(await get("/open311/v2/services/no.such.json"), 404, /service_code/);
    expectOpen311Error(await get("/open311/v2/services.json?jurisdiction_id=110000"), 404, /jurisdiction_id/);
    expectOpen311Error(await get("/open311/v2/tokens/abc.json"), 404, /[\u4e00-\u9fff]/);
    const xml = await get("/open311/v2/services/no.such.xml");
    expect(xml.statusCode).toBe(404);
    expect(xml.body).toMatch(
      /<errors><error><code>404<\/code><description>.+<\/description><\/error><\/errors>/,
    );
    expect((await get("/open311/v2/services.json?jurisdiction_id=990001")).statusCode).toBe(200);
  });
});

describe("POST requests", () => {
  it("creates an online petition from the spec's example fields and answers its query code and a token", async () => {
    const res = await post(example({ media_url: undefined }));
    expect(res.statusCode, res.body).toBe(201);
    const [answer] =
      res.json<{ service_request_id: string; token: string; service_notice: string; account_id: null }[]>();
    expect(answer!.service_request_id).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(answer!.token).toMatch(/^990001-2026-\d{7}$/);
    expect(answer!.service_notice).toContain(answer!.token);
    const { rows } = await t.db.query<{
      channel: string;
      status: string;
      region_code: string;
      category: string;
      name: string;
    }>(
      `SELECT c.channel, c.status, u.region_code, cat.code AS category, p.name
         FROM cases c JOIN org_units u ON u.id = c.region_unit_id JOIN categories cat ON cat.id = c.category_id
         JOIN case_petitioners p ON p.case_id = c.id AND p.position = 0
        WHERE c.case_number = $1`,
      [answer!.token],
    );
    // lat/long fall in 甲村's square; the name is family name first.
    expect(rows[0]).toEqual({
      channel: "online",
      status: "pending_screening",
      region_code: "990001001001",
      category: "labor.wage_arrears",
      name: "张三",
    });
  });

  it("places a request by address_string or by attribute[region_code] when there is no lat/long", async () => {
    const byAddress = await post(
      example({ lat: undefined, long: undefined, address_string: "乙乡乙村东头" }),
    );
    expect(byAddress.statusCode, byAddress.body).toBe(201);
    const byCode = await post(
      example({
        lat: undefined,
        long: undefined,
        address_string: undefined,
        "attribute[region_code]": "990001002",
      }),
    );
    expect(byCode.statusCode, byCode.body).toBe(201);
    const codes = await t.db.query<{ region_code: string }>(
      `SELECT u.region_code FROM cases c JOIN org_units u ON u.id = c.region_unit_id
        WHERE c.case_number = ANY($1) ORDER BY c.case_number`,
      [[byAddress.json()[0].token, byCode.json()[0].token]],
    );
    expect(codes.rows.map((r) => r.region_code)).toEqual(["990001002001", "990001002"]);
  });

  it("answers in XML when posted to requests.xml", async () => {
    const res = await post(example(), { format: "xml" });
    expect(res.statusCode).toBe(201);
    expect(res.body).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<service_requests><request><service_request_id>[2-9A-Z]{8}<\/service_request_id><token>/,
    );
  });

  it.each([
    ["the spec example's media_url", { media_url: "http://api.city.gov/images/1234.jpg" }, 400, /media_url/],
    ["no description", { description: undefined }, 400, /description/],
    ["no name", { first_name: undefined, last_name: undefined }, 400, /姓名/],
    ["no phone", { phone: undefined }, 400, /phone/],
    ["no ID number", { "attribute[id_number]": undefined }, 400, /id_number/],
    ["no consent", { "attribute[consent_privacy]": "false" }, 400, /告知书/],
    ["lat without long", { long: undefined }, 400, /lat/],
    ["a latitude out of range", { lat: "95" }, 400, /lat/],
    ["no location at all", { lat: undefined, long: undefined, address_string: undefined }, 400, /位置/],
    [
      "a point outside every boundary and no address",
      { lat: "1", long: "1", address_string: undefined },
      400,
      /位置/,
    ],
    ["no service_code", { service_code: undefined }, 400, /service_code/],
    ["an unknown service_code", { service_code: "no.such" }, 404, /service_code/],
    ["an inactive category", { service_code: "mining.relocation" }, 404, /service_code/],
    ["another jurisdiction", { jurisdiction_id: "110000" }, 404, /jurisdiction_id/],
    ["an invalid ID number", { "attribute[id_number]": "110101199001011234" }, 422, /身份证/],
    [
      "a region code outside the county",
      { lat: undefined, long: undefined, "attribute[region_code]": "110101001" },
      422,
      /区划/,
    ],
  ])(
    "refuses %s with the right status and the spec's error format, and creates nothing",
    async (_n, o, status, zh) => {
      const before = await snapshotCounts(t.db);
      expectOpen311Error(await post(example(o)), status, zh);
      expect(await snapshotCounts(t.db)).toEqual(before);
    },
  );

  it("takes a JSON body with the same names, attributes nested", async () => {
    const { "attribute[id_number]": id, "attribute[consent_privacy]": _c, ...rest } = example();
    const res = await t.app.inject({
      method: "POST",
      url: "/open311/v2/requests.json",
      payload: { ...rest, attribute: { id_number: id, consent_privacy: "true" } },
    });
    expect(res.statusCode, res.body).toBe(201);
  });

  it("shares the portal's idempotency: a retry with the same key returns the first answer, a changed body is refused", async () => {
    const fields = example();
    const first = await post(fields, { key: "open311-retry-0001" });
    const before = await snapshotCounts(t.db);
    const again = await post(fields, { key: "open311-retry-0001" });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await snapshotCounts(t.db)).toEqual(before);
    expectOpen311Error(
      await post({ ...fields, description: `${fields.description}补充` }, { key: "open311-retry-0001" }),
      422,
      /幂等键/,
    );
    expectOpen311Error(await post(fields, { key: "bad key!" }), 400, /Idempotency-Key/);
    expect(await snapshotCounts(t.db)).toEqual(before);
  });
});

describe("GET requests", () => {
  let id: string;
  let token: string;
  let fields: Record<string, string>;
  beforeAll(async () => {
    fields = example({ address_string: "甲村三组李家门口" });
    const res = await post(fields);
    [{ service_request_id: id, token }] = res.json();
  });

  it("answers one request's status by its id, without personal data and with the township only", async () => {
    const res = await get(`/open311/v2/requests/${id}.json`);
    expect(res.statusCode).toBe(200);
    const [r] = res.json<Record<string, unknown>[]>();
    expect(r).toMatchObject({
      service_request_id: id,
      status: "open",
      status_notes: "待查实",
      service_name: "拖欠农民工工资",
      service_code: "labor.wage_arrears",
      agency_responsible: "测试县信访局",
      address: "甲镇",
      requested_datetime: "2026-03-02T10:00:00+08:00",
    });
    expect(r!.lat).toBeCloseTo(30.1, 6);
    expect(r!.long).toBeCloseTo(110.1, 6);
    const text = res.body;
    for (const secret of [
      fields.phone!,
      fields["attribute[id_number]"]!,
      "张三",
      fields.description!,
      fields.address_string!,
      token,
      fields.email!,
    ]) {
      expect(text.includes(secret), secret).toBe(false);
    }
  });

  it("finds the same request by a lower-case id and in XML", async () => {
    expect((await get(`/open311/v2/requests/${id.toLowerCase()}.json`)).json()[0].service_request_id).toBe(
      id,
    );
    const xml = await get(`/open311/v2/requests/${id}.xml`);
    expect(xml.body).toContain(
      `<service_requests><request><service_request_id>${id}</service_request_id><status>open</status>`,
    );
  });

  it("lists requests by a comma-separated list of ids, leaving out ids that match nothing, and filters by status", async () => {
    const other = (await post(example())).json()[0].service_request_id as string;
    const res = await get(`/open311/v2/requests.json?service_request_id=${id},${other},ZZZZZZZZ,not-a-code`);
    expect(
      res
        .json()
        .map((r: { service_request_id: string }) => r.service_request_id)
        .sort(),
    ).toEqual([id, other].sort());
    expect((await get(`/open311/v2/requests.json?service_request_id=${id}&status=closed`)).json()).toEqual(
      [],
    );
    expect(
      (await get(`/open311/v2/requests.json?service_request_id=${id}&service_code=land`)).json(),
    ).toEqual([]);
    const xml = await get(`/open311/v2/requests.xml?service_request_id=${id}`);
    expect(xml.body).toContain("<service_requests><request>");
  });

  it("refuses a list without ids (petitions are not public), an unknown id and a bad status", async () => {
    expectOpen311Error(await get("/open311/v2/requests.json"), 400, /service_request_id/);
    expectOpen311Error(await get("/open311/v2/requests/ZZZZZZZZ.json"), 404, /查询码/);
    expectOpen311Error(
      await get(`/open311/v2/requests.json?service_request_id=${id}&status=pending`),
      400,
      /参数/,
    );
  });
});

describe("the public budget shared with the portal", () => {
  it("counts Open311 and portal submissions from one address against one limit", async () => {
    const small = await startTestApp({ publicRateLimitPerMinute: 3 });
    try {
      await makeNetwork(small.db);
      const portal = () =>
        small.app.inject({
          method: "POST",
          url: "/api/public/petitions",
          payload: {
            title: "路灯不亮",
            content: "甲村主路的路灯已经坏了三个月，晚上出行很不安全。",
            problemRegionCode: "990001001001",
            petitioner: { name: "刘一", idNumber: freshIdNumber(), phone: "13600136000" },
            consentPrivacy: true,
          },
        });
      expect((await portal()).statusCode).toBe(201);
      expect((await portal()).statusCode).toBe(201);
      const noCoords = { lat: undefined, long: undefined, "attribute[region_code]": "990001001001" };
      expect((await post(example(noCoords), { app: small })).statusCode).toBe(201);
      const before = await snapshotCounts(small.db);
      expectOpen311Error(await post(example(noCoords), { app: small }), 429, /频繁/);
      expect((await portal()).statusCode).toBe(429);
      expect(await snapshotCounts(small.db)).toEqual(before);
    } finally {
      await small.close();
    }
  });
});
