import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor.ts";
import { backlogFigures } from "../bureau/backlog/backlog.ts";
import { conferenceFigures } from "../bureau/conferences/conferences.ts";
import { disputeFigures } from "../bureau/disputes/disputes.ts";
import { currentDuty, dutyFigures } from "../bureau/duty/duty.ts";
import { ownershipFigures } from "../bureau/ownership/ownership.ts";
import { receptionFigures } from "../bureau/reception/figures.ts";
import { supervisionFigures } from "../bureau/supervision/items.ts";
import { generateKeyRing } from "../crypto/field-crypto.ts";
import type { Db } from "../db/index.ts";
import { openTestDb } from "../test/harness.ts";
import { actorFor } from "./demo-progress.ts";
import { seedDemoCases, seedDemoNetwork } from "./seed-demo.ts";

let db: Db;
let office: Actor;
const now = new Date("2026-11-25T02:00:00Z");

beforeAll(async () => {
  db = await openTestDb();
  await seedDemoNetwork(db);
  await seedDemoCases(db, generateKeyRing(), now);
  office = await actorFor(db, "office");
});
afterAll(() => db.close());

describe("the demo county's bureau work", () => {
  it("has leader receptions with matters and outreach with cases, through the real commands", async () => {
    const f = await receptionFigures(db, office, {});
    expect(f.receptions.records).toBe(20);
    expect(f.receptions.resolvedOnSpot).toBeGreaterThan(0);
    expect(f.receptions.assigned).toBeGreaterThan(0);
    expect(f.receptions.newCases).toBe(4);
    expect(f.outreach.visits).toBe(3);
    expect(f.outreach.casesResolved).toBeGreaterThan(0);
    expect(f.appointments.booked).toBe(3);
  });

  it("has leader ownerships, half of them resolved", async () => {
    const f = await ownershipFigures(db, office, now);
    expect(f).toMatchObject({ owned: 6, resolved: 3, resolutionRate: 50 });
  });
});

describe("the demo county's dispute screening", () => {
  it("has three months of township reports, a campaign, mediated and handed-over disputes", async () => {
    const f = await disputeFigures(db, office, undefined);
    expect(f.screened).toBeGreaterThan(15);
    expect(f.resolutionRate).toBeGreaterThan(50);
    expect(f.handedOver).toBe(2);
    expect(f.byTownship.map((t) => t.areaName).sort()).toEqual(["城关镇", "河口乡", "石门镇"]);
    expect(f.byCampaign).toHaveLength(1);
  });
});

describe("the demo county's supervision", () => {
  it("has reminders, orders (one answered, one overdue), a flag and an issued bulletin", async () => {
    const f = await supervisionFigures(db, office, now);
    expect(f).toMatchObject({
      reminders: 1,
      orders: 2,
      ordersReplied: 1,
      flagsActive: 1,
      bulletinsIssued: 1,
    });
  });
});

describe("the demo county's duty roster", () => {
  it("has someone on duty now, with a log", async () => {
    const current = await currentDuty(db, office, now);
    expect(current).toHaveLength(1);
    const f = await dutyFigures(db, office, {});
    expect(f).toMatchObject({ shifts: 7, calls: 4, visits: 4, handovers: 4 });
  });
});

describe("the demo county's backlog", () => {
  it("has backlog cases from the rule, one cleared on outreach", async () => {
    const f = await backlogFigures(db, office, 2026);
    expect(f.cleared).toBe(1);
    expect(f.clearedByRoute).toEqual({ outreach: 1 });
    expect(f.added).toBeGreaterThan(1);
  });
});

describe("the demo county's joint conferences", () => {
  it("has two meetings held (one decision done on time, one overdue, one under way) and one planned", async () => {
    const f = await conferenceFigures(db, office, now, {});
    expect(f).toMatchObject({
      meetingsHeld: 2,
      meetingsPlanned: 1,
      decisions: 3,
      decisionsDone: 1,
      decisionsDoneOnTime: 1,
      decisionsOverdue: 1,
    });
  });
});
