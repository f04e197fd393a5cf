import { freshIdNumber } from "../../test/factories.ts";
import { as, login, type TestContext } from "../../test/harness.ts";

/**
 * Writes one of each reception row that holds encrypted identity (an appointment and a reception
 * record's petitioner), through the API, for suites that check every encrypted column (key
 * rotation, plaintext scans). Needs the test network; runs as the bureau office.
 */
export async function receptionThroughApi(t: TestContext, phone = "13611112222"): Promise<void> {
  const office = as(t.app, await login(t.app, "office"));
  const county = (await t.db.query<{ id: string }>("SELECT id FROM org_units WHERE path = 'c'")).rows[0]!.id;
  const date = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(t.clock.now);
  const day = await office.post("/api/bureau/reception/days", {
    areaUnitId: county,
    date,
    leaderName: "测试领导",
    leaderTitle: "副县长",
    place: "接待大厅",
  });
  if (day.statusCode !== 201) throw new Error(`reception day: ${day.statusCode} ${day.body}`);
  const booked = await office.post("/api/bureau/reception/appointments", {
    dayId: day.json().id,
    name: "预约人",
    phone,
    idNumber: freshIdNumber(),
    matter: "预约事项",
  });
  if (booked.statusCode !== 201) throw new Error(`appointment: ${booked.statusCode} ${booked.body}`);
  const record = await office.post("/api/bureau/reception/records", {
    areaUnitId: county,
    receivedOn: date,
    leaderName: "测试领导",
    leaderTitle: "副县长",
    place: "接待大厅",
    batchCount: 1,
    personVisits: 1,
    summary: "接待",
    petitioners: [{ name: "来访人", idNumber: freshIdNumber(), phone }],
    matters: [{ summary: "咨询", outcome: "explained" }],
  });
  if (record.statusCode !== 201) throw new Error(`reception record: ${record.statusCode} ${record.body}`);
}
