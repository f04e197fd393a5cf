import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInput, makeNetwork } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

/**
 * 回访评价: a petitioner who never uses the web can still rate the answer — told to the bureau
 * office on a follow-up call, at a visit or by letter — and it counts once, like a portal rating,
 * with who recorded it and how it came in.
 */
let t: TestContext;
const s = new Map<string, Session>();

async function repliedCase(): Promise<{ id: string; caseNumber: string; queryCode: string }> {
  const res = await as(t.app, s.get("reg")!).post("/api/cases", caseInput({ channel: "visit" }));
  expect(res.statusCode, res.body).toBe(201);
  const c = res.json<{ id: string; caseNumber: string; queryCode: string }>();
  // The handling chain up to the reply is tested elsewhere: here the case waits for its rating.
  await t.db.query(
    `UPDATE cases SET status = 'replied', replied_at = now(), reply_opinion = 'support',
            reply_text = '经核实，已协调企业支付工资。', reply_legal_basis = '《劳动合同法》第三十条' WHERE id = $1`,
    [c.id],
  );
  return c;
}

const bureauSatisfaction = async () => {
  const res = await as(t.app, s.get("leader")!).get("/api/stats/summary?period=year");
  expect(res.statusCode, res.body).toBe(200);
  return res.json().rates.bureauSatisfaction as { numerator: number; denominator: number };
};
const audits = async (action: string, id: string) =>
  Number(
    (
      await t.db.query<{ n: string }>(
        "SELECT count(*) AS n FROM audit_log WHERE action = $1 AND object_id = $2",
        [action, id],
      )
    ).rows[0]!.n,
  );

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  for (const u of ["reg", "office", "leader", "rsj", "town1"]) s.set(u, await login(t.app, u));
});
afterAll(() => t.close());

describe("a rating recorded at a follow-up (回访评价)", () => {
  it("counts once in 满意率, with the channel and the recorder, and the portal cannot rate again", async () => {
    const c = await repliedCase();
    const before = await bureauSatisfaction();
    const detail0 = (await as(t.app, s.get("office")!).get(`/api/cases/${c.id}`)).json();
    expect(detail0.abilities).toContain("record_rating");
    const res = await as(t.app, s.get("office")!).post(`/api/cases/${c.id}/rating`, {
      bureauRating: "satisfied",
      unitRating: "basically_satisfied",
      channel: "phone",
      comment: "电话回访，信访人表示满意",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: "evaluated",
      rating: { bureau: "satisfied", unit: "basically_satisfied", channel: "phone" },
    });
    expect(res.json().abilities).not.toContain("record_rating");
    expect(res.json().events.at(-1)).toMatchObject({
      action: "evaluate",
      actor: expect.not.stringMatching(/信访人/),
    });
    const after = await bureauSatisfaction();
    expect(after).toMatchObject({ numerator: before.numerator + 1, denominator: before.denominator + 1 });
    expect(await audits("case_rating_recorded", c.id)).toBe(1);
    const row = await t.db.query<{ rating_channel: string; rating_recorded_by: string | null }>(
      "SELECT rating_channel, rating_recorded_by FROM cases WHERE id = $1",
      [c.id],
    );
    const office = await t.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'office'");
    expect(row.rows[0]).toEqual({ rating_channel: "phone", rating_recorded_by: office.rows[0]!.id });

    // Counted once: neither a second recording nor the petitioner on the portal rates again.
    const twice = await as(t.app, s.get("office")!).post(`/api/cases/${c.id}/rating`, {
      bureauRating: "dissatisfied",
      unitRating: "dissatisfied",
      channel: "visit",
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe("EVALUATION_NOT_OPEN");
    const portal = await t.app.inject({
      method: "POST",
      url: "/api/public/evaluate",
      payload: {
        caseNumber: c.caseNumber,
        queryCode: c.queryCode,
        bureauRating: "dissatisfied",
        unitRating: "dissatisfied",
      },
    });
    expect(portal.statusCode).toBe(409);
    expect(await bureauSatisfaction()).toEqual(after);
  });

  it("a portal rating says it came from the portal", async () => {
    const c = await repliedCase();
    const portal = await t.app.inject({
      method: "POST",
      url: "/api/public/evaluate",
      payload: {
        caseNumber: c.caseNumber,
        queryCode: c.queryCode,
        bureauRating: "satisfied",
        unitRating: "satisfied",
      },
    });
    expect(portal.statusCode, portal.body).toBe(200);
    const detail = (await as(t.app, s.get("office")!).get(`/api/cases/${c.id}`)).json();
    expect(detail.rating).toMatchObject({ channel: "portal" });
  });

  it("splits the figures by how the ratings came in, each counted once, adding up to the whole", async () => {
    const summary = async () =>
      (await as(t.app, s.get("leader")!).get("/api/stats/summary?period=year")).json() as {
        rates: {
          evaluation: { numerator: number };
          bureauSatisfaction: { numerator: number; denominator: number };
        };
        splits: {
          ratingsByChannel: {
            key: string;
            rated: number;
            bureauSatisfaction: { numerator: number; denominator: number; percent: number | null };
          }[];
        };
      };
    const of = (x: Awaited<ReturnType<typeof summary>>, key: string) =>
      x.splits.ratingsByChannel.find((r) => r.key === key);
    const before = await summary();
    const c = await repliedCase();
    const res = await as(t.app, s.get("office")!).post(`/api/cases/${c.id}/rating`, {
      bureauRating: "dissatisfied",
      unitRating: "satisfied",
      channel: "letter",
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = await summary();
    expect(of(after, "letter")!.rated).toBe((of(before, "letter")?.rated ?? 0) + 1);
    expect(of(after, "letter")!.bureauSatisfaction.numerator).toBe(
      of(before, "letter")?.bureauSatisfaction.numerator ?? 0,
    );
    expect(of(after, "phone")).toEqual(of(before, "phone"));
    // The channels add up to the overall rated count and satisfaction.
    const sum = (k: "rated" | "numerator") =>
      after.splits.ratingsByChannel.reduce(
        (n, r) => n + (k === "rated" ? r.rated : r.bureauSatisfaction.numerator),
        0,
      );
    expect(sum("rated")).toBe(after.rates.bureauSatisfaction.denominator);
    expect(sum("numerator")).toBe(after.rates.bureauSatisfaction.numerator);
    expect(after.splits.ratingsByChannel.map((r) => r.key)).toEqual(
      ["portal", "phone", "visit", "letter"].filter((k) => of(after, k)),
    );
  });

  it("is the bureau office's step only, on a replied case, and a refusal changes nothing", async () => {
    const c = await repliedCase();
    const body = { bureauRating: "satisfied", unitRating: "satisfied", channel: "phone" };
    for (const user of ["reg", "leader", "rsj", "town1"]) {
      const res = await as(t.app, s.get(user)!).post(`/api/cases/${c.id}/rating`, body);
      expect(res.statusCode, user).toBe(403);
    }
    const bad = await as(t.app, s.get("office")!).post(`/api/cases/${c.id}/rating`, {
      ...body,
      channel: "portal",
    });
    expect(bad.statusCode).toBe(400);
    const open = await as(t.app, s.get("reg")!).post("/api/cases", caseInput({ channel: "visit" }));
    const early = await as(t.app, s.get("office")!).post(`/api/cases/${open.json().id}/rating`, body);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe("EVALUATION_NOT_OPEN");
    const row = await t.db.query<{ status: string; bureau_rating: string | null }>(
      "SELECT status, bureau_rating FROM cases WHERE id = $1",
      [c.id],
    );
    expect(row.rows[0]).toEqual({ status: "replied", bureau_rating: null });
    expect(await audits("case_rating_recorded", c.id)).toBe(0);
  });
});
