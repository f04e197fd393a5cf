import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BureauTest, startBureauTest } from "../../bureau/test-support.ts";
import { as } from "../../test/harness.ts";

/**
 * The seven modules' figures in one answer (GET /api/bureau/figures) and in the work report
 * (GET /api/stats/report.docx): bureau records built through the API, then the report's text must
 * carry exactly their numbers, for the county and — narrowed — for a township.
 */
let b: BureauTest;
const api = (who: string) => as(b.t.app, b.s[who]!);
const DUTIES = ["investigate", "handle", "supervise", "conclude", "stabilise"];
const TODAY = "2026-03-02";

async function ok(res: Promise<{ statusCode: number; body: string }>, status = 201) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return JSON.parse(r.body);
}

async function reception(
  who: string,
  area: string,
  batchCount: number,
  personVisits: number,
  outcomes: string[],
) {
  const rsj = await b.unit("c.rsj");
  return ok(
    api(who).post("/api/bureau/reception/records", {
      areaUnitId: await b.unit(area),
      receivedOn: TODAY,
      leaderName: "王县长",
      leaderTitle: "副县长",
      place: "接待大厅",
      batchCount,
      personVisits,
      summary: "领导接访",
      petitioners: [{ name: "来访人" }],
      matters: outcomes.map((outcome) => ({
        summary: "反映事项",
        outcome,
        ...(outcome === "assigned" ? { assignedUnitId: rsj, instruction: "请人社局办理" } : {}),
      })),
    }),
  );
}

async function ownership(caseId: string) {
  return ok(
    api("leader").post("/api/bureau/ownership", {
      caseIds: [caseId],
      leaderName: "王副县长",
      leaderTitle: "副县长",
      responsibleUnitId: await b.unit("c.rsj"),
      plan: "核实、处理、答复",
      targetDate: "2026-04-30",
      duties: DUTIES.map((duty) => ({ duty, ownerName: "责任人", dueOn: "2026-03-20" })),
    }),
  );
}

const dispute = (over: Record<string, unknown> = {}) => ({
  kind: "neighbour",
  parties: "村民张某与李某",
  place: "村组",
  summary: "宅基地界址争议",
  riskLevel: "medium",
  measure: "people_mediation",
  ...over,
});

beforeAll(async () => {
  b = await startBureauTest();
  // A backlog case carried into 2026: registered and marked in November 2025.
  await b.setNow("2025-11-03T02:00:00Z");
  const carried = await b.newCase("reg", { receivedAt: "2025-11-03T09:00:00+08:00" });
  await ok(api("office").post("/api/bureau/backlog", { caseId: carried }));
  await b.setNow("2026-03-02T02:00:00Z");

  // Reception: the county 3+2 batches, 10+4 person-visits; 甲镇 1 batch, 2 person-visits.
  await reception("office", "c", 3, 10, ["resolved_on_spot", "assigned", "explained"]);
  await reception("office", "c", 2, 4, ["assigned", "pending"]);
  await reception("town1", "c.t1", 1, 2, ["resolved_on_spot"]);

  // Ownership: two cases owned, one resolved with its five duties done.
  const owned = await ownership(await b.newCase("reg"));
  await ownership(await b.newCase("reg"));
  for (const duty of DUTIES)
    await ok(
      api("leader").post(`/api/bureau/ownership/${owned.id}/duties/${duty}/done`, { note: "已完成" }),
      200,
    );
  await ok(api("leader").post(`/api/bureau/ownership/${owned.id}/resolve`, { resolution: "已化解" }), 200);

  // Disputes: 甲镇 three in February (one resolved), 乙乡 one.
  const t1 = await ok(
    api("town1").post("/api/bureau/disputes/reports", {
      areaUnitId: await b.unit("c.t1"),
      period: "2026-02",
      disputes: [dispute(), dispute({ kind: "wages" }), dispute({ riskLevel: "high" })],
    }),
  );
  await ok(
    api("town1").post(`/api/bureau/disputes/${t1.disputes[0].id}/resolve`, { resolution: "调解成功" }),
    200,
  );
  await ok(
    api("town2").post("/api/bureau/disputes/reports", {
      areaUnitId: await b.unit("c.t2"),
      period: "2026-02",
      disputes: [dispute()],
    }),
  );

  // Backlog: the carried case cleared by a leader on outreach, one new case marked this year.
  await ok(
    api("office").post(`/api/bureau/backlog/${carried}/clear`, {
      route: "outreach",
      clearance: "带案下访化解",
    }),
    200,
  );
  await ok(api("office").post("/api/bureau/backlog", { caseId: await b.newCase("reg") }));
});
afterAll(() => b.t.close());

async function reportText(who: string): Promise<string[]> {
  const res = await api(who).get("/api/stats/report.docx?period=year&year=2026");
  expect(res.statusCode, res.body).toBe(200);
  const zip = await JSZip.loadAsync(res.rawPayload);
  const xml = await zip.file("word/document.xml")!.async("string");
  return [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((m) => m[0].replace(/<[^>]+>/g, ""));
}

describe("the bureau's figures in one answer", () => {
  it("gives each module's figures for the period, and a township only its own", async () => {
    const county = await ok(api("office").get("/api/bureau/figures?from=2026-01-01&to=2026-12-31"), 200);
    expect(county.reception.receptions).toMatchObject({
      batches: 6,
      personVisits: 16,
      resolvedOnSpot: 2,
      assigned: 2,
    });
    expect(county.ownership).toMatchObject({ owned: 2, resolved: 1, resolutionRate: 50 });
    expect(county.disputes).toMatchObject({ screened: 4, resolved: 1, resolutionRate: 25 });
    expect(county.disputes.byTownship).toEqual([
      { areaName: "乙乡", screened: 1, resolved: 0, resolutionRate: 0 },
      { areaName: "甲镇", screened: 3, resolved: 1, resolutionRate: 33.3 },
    ]);
    expect(county.backlog).toMatchObject({
      year: 2026,
      yearStartStock: 1,
      added: 1,
      cleared: 1,
      yearEndStock: 1,
    });

    const town1 = await ok(api("town1").get("/api/bureau/figures?from=2026-01-01&to=2026-12-31"), 200);
    expect(town1.reception.receptions).toMatchObject({
      batches: 1,
      personVisits: 2,
      resolvedOnSpot: 1,
      assigned: 0,
    });
    expect(town1.disputes).toMatchObject({ screened: 3, resolved: 1 });
    expect(town1.disputes.byTownship.map((t: { areaName: string }) => t.areaName)).toEqual(["甲镇"]);
    const town2 = await ok(api("town2").get("/api/bureau/figures?from=2026-01-01&to=2026-12-31"), 200);
    expect(town2.disputes).toMatchObject({ screened: 1, resolved: 0 });
    expect(town2.reception.receptions.batches).toBe(0);

    // A period before the records holds none of them; a reversed range is refused.
    const january = await ok(api("office").get("/api/bureau/figures?from=2026-01-01&to=2026-01-31"), 200);
    expect(january.reception.receptions.batches).toBe(0);
    expect(january.ownership.owned).toBe(0);
    expect(january.disputes.screened).toBe(0);
    const bad = await api("office").get("/api/bureau/figures?from=2026-03-01&to=2026-01-01");
    expect(bad.json().error.code).toBe("DATE_RANGE_INVALID");
  });
});

describe("the bureau's work in the annual report", () => {
  it("prints the modules' figures in the default template's sentences, with exactly the records' numbers", async () => {
    const text = await reportText("analyst");
    expect(text).toContain(
      "领导接访6批16人次，当场解决信访事项2件，交办2件；带案下访0批0人次，化解带案事项0件。",
    );
    expect(text).toContain("领导包案2件，化解1件，化解率50.0%。");
    expect(text).toContain(
      "排查矛盾纠纷4件，化解1件，化解率25.0%，季度交办0件，开展专项排查0次。分乡镇：乙乡排查1件、化解0件，化解率0.0%；甲镇排查3件、化解1件，化解率33.3%。",
    );
    expect(text).toContain(
      "信访积案年初存量1件，新增1件，化解积案1件（其中领导带案下访化解1件），年末存量1件。",
    );
    expect(text).toContain("六、工作台账");
  });

  it("gives a township's report only its own figures", async () => {
    const text = await reportText("town1");
    expect(text).toContain(
      "领导接访1批2人次，当场解决信访事项1件，交办0件；带案下访0批0人次，化解带案事项0件。",
    );
    expect(text.some((p) => p.startsWith("排查矛盾纠纷3件，化解1件，化解率33.3%"))).toBe(true);
  });

  it("accepts the bureau placeholders in an analyst's template and still refuses unknown ones", async () => {
    const put = (body: string) =>
      api("analyst").put("/api/stats/report-templates/bureau_brief", { name: "工作台账专报", body });
    const bad = await put("# 专报\n领导接访{{reception.batchez}}批。");
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({
      code: "REPORT_TEMPLATE_INVALID",
      details: { unknown: ["reception.batchez"] },
    });
    const good = await put(
      "# 专报\n领导接访{{reception.batches}}批{{reception.personVisits}}人次，包案{{ownership.owned}}件。",
    );
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json().placeholders.map((p: { name: string }) => p.name)).toContain(
      "{{backlog.yearEndStock}}",
    );
    const res = await api("analyst").get(
      "/api/stats/report.docx?period=year&year=2026&template=bureau_brief",
    );
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml.replace(/<[^>]+>/g, "")).toContain("领导接访6批16人次，包案2件。");
  });
});
