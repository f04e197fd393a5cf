import type { WorkCalendar } from "../../domain/calendar/working-days.ts";
import { addCalendarDays, toShanghaiDate } from "../../domain/calendar/working-days.ts";
import type { Actor } from "../auth/actor.ts";
import { clearBacklog, markBacklog, suggestBacklog } from "../bureau/backlog/backlog.ts";
import { addDecisionProgress, createConference, recordMinutes } from "../bureau/conferences/conferences.ts";
import type { BureauCtx } from "../bureau/context.ts";
import { createCampaign, createReport, handOver, resolveDispute } from "../bureau/disputes/disputes.ts";
import { addLogEntry, createShift } from "../bureau/duty/duty.ts";
import {
  createOwnership,
  finishOwnership,
  markDutyDone,
  markMilestoneDone,
} from "../bureau/ownership/ownership.ts";
import { bookAppointment, createReceptionDay } from "../bureau/reception/days.ts";
import { completeOutreach, createOutreach } from "../bureau/reception/outreach.ts";
import { createReceptionRecord } from "../bureau/reception/records.ts";
import { draftBulletin, issueBulletin } from "../bureau/supervision/bulletins.ts";
import { createItem, replyToOrder, settleItem } from "../bureau/supervision/items.ts";
import type { ClockContext } from "../cases/clocks.ts";
import type { KeyRing } from "../crypto/field-crypto.ts";
import type { Db } from "../db/index.ts";
import { DEMO_NAMES } from "./demo-cases.ts";
import { actorFor } from "./demo-progress.ts";

const LEADERS = [
  { leaderName: "周建华", leaderTitle: "副县长" },
  { leaderName: "吴国强", leaderTitle: "县长" },
  { leaderName: "钱志远", leaderTitle: "县委副书记" },
  { leaderName: "孙立新", leaderTitle: "县委常委、政法委书记" },
  { leaderName: "李红梅", leaderTitle: "副县长" },
];

/** Working days from `from` (inclusive) going forward (step 1) or back (step -1). */
function workingDays(calendar: WorkCalendar, from: string, count: number, step: 1 | -1): string[] {
  const out: string[] = [];
  for (let d = from; out.length < count; d = addCalendarDays(d, step)) {
    if (calendar.isWorkingDay(d)) out.push(d);
  }
  return out;
}

/** Noon Shanghai time on a day, as the moment demo work "happened". */
const noonOf = (date: string) => new Date(`${date}T04:00:00Z`);

async function unitId(db: Db, path: string): Promise<string> {
  return (await db.query<{ id: string }>("SELECT id FROM org_units WHERE path = $1", [path])).rows[0]!.id;
}

/** Open demo cases (not yet replied) of a region prefix, oldest first. */
async function openCases(db: Db, pathPrefix: string, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM cases WHERE status IN ('registered', 'accepted', 'awaiting_signoff', 'assigned', 'handling')
       AND (region_path = $1 OR region_path LIKE $1 || '.%') ORDER BY received_at, id LIMIT $2`,
    [pathPrefix, limit],
  );
  return rows.map((r) => r.id);
}

/**
 * The bureau's work beyond single cases in the demo county, written through the same commands the
 * API uses: a month of leader reception days behind and two weeks ahead, reception records that
 * link demo cases and open new ones, appointments, and outreach visits carrying cases.
 */
export async function seedBureauDemo(
  db: Db,
  keyRing: KeyRing,
  now: Date,
  clocks: ClockContext,
): Promise<void> {
  const office = await actorFor(db, "office");
  const leader = await actorFor(db, "leader");
  const ctx = (actor: Actor, at: Date): BureauCtx => ({
    actor,
    now: at,
    ip: null,
    calendar: clocks.calendar,
    keyRing,
  });
  const county = await unitId(db, "c");
  const rsj = await unitId(db, "c.rsj");
  const zjj = await unitId(db, "c.zjj");
  const today = toShanghaiDate(now);

  // Past reception days, each with a record; upcoming days open for booking.
  const past = workingDays(clocks.calendar, addCalendarDays(today, -1), 20, -1).reverse();
  const ahead = workingDays(clocks.calendar, addCalendarDays(today, 1), 10, 1);
  const linkable = await openCases(db, "c", 12);
  for (const [i, date] of past.entries()) {
    const at = noonOf(date);
    const leaderOf = LEADERS[i % LEADERS.length]!;
    const day = await db.transaction((tx) =>
      createReceptionDay(tx, ctx(office, new Date(at.getTime() - 86_400_000 * 7)), {
        areaUnitId: county,
        date,
        ...leaderOf,
        place: "县信访接待大厅",
        capacity: 8,
      }),
    );
    const batches = 1 + (i % 3);
    const people = Array.from({ length: batches }, (_, k) => ({
      name: DEMO_NAMES[(i * 3 + k) % DEMO_NAMES.length]!,
      phone: `137${String(20_000_000 + i * 131 + k).slice(0, 8)}`,
    }));
    const linked = i < linkable.length ? linkable[i] : undefined;
    await db.transaction((tx) =>
      createReceptionRecord(
        tx,
        { ...ctx(office, at), clocks, config: { collectiveThreshold: 5, maxRepresentatives: 5 } },
        {
          dayId: day.id,
          areaUnitId: county,
          receivedOn: date,
          ...leaderOf,
          place: "县信访接待大厅",
          batchCount: batches,
          personVisits: batches * 2 + (i % 4),
          summary: `${leaderOf.leaderTitle}${leaderOf.leaderName}坐班接访，接待群众${batches}批。`,
          petitioners: people,
          appointmentIds: [],
          matters: [
            ...(linked
              ? [
                  {
                    summary: "信访人当面反映办理进展",
                    outcome: (i % 4 === 0 ? "resolved_on_spot" : "assigned") as
                      | "resolved_on_spot"
                      | "assigned",
                    ...(i % 4 === 0 ? {} : { assignedUnitId: rsj }),
                    instruction: "请责任单位十五日内向信访人答复。",
                    caseId: linked,
                  },
                ]
              : []),
            ...(i % 5 === 2
              ? [
                  {
                    summary: "反映小区供暖不达标",
                    outcome: "assigned" as const,
                    assignedUnitId: zjj,
                    instruction: "住建局牵头核查，限期整改。",
                    newCase: {
                      title: "反映小区冬季供暖温度不达标",
                      content:
                        "城关镇东街社区某小区冬季室温长期低于十六度，多次向物业反映未果，请求协调解决。",
                      problemRegionCode: "419001001001",
                      nature: "request" as const,
                      legalClass: "appeal_request" as const,
                      petitioners: [0],
                    },
                  },
                ]
              : []),
            { summary: "咨询政策，当场解释", outcome: "explained" as const },
          ],
        },
      ),
    );
  }
  for (const [i, date] of ahead.entries()) {
    const day = await db.transaction((tx) =>
      createReceptionDay(tx, ctx(office, now), {
        areaUnitId: county,
        date,
        ...LEADERS[i % LEADERS.length]!,
        place: "县信访接待大厅",
        capacity: 8,
      }),
    );
    if (i < 3) {
      await db.transaction((tx) =>
        bookAppointment(
          tx,
          { actor: office, now, ip: null, keyRing },
          {
            dayId: day.id,
            name: DEMO_NAMES[(i + 7) % DEMO_NAMES.length]!,
            phone: `138${String(30_000_000 + i * 977).slice(0, 8)}`,
            matter: "预约反映土地承包经营权纠纷",
            headcount: 1 + i,
          },
        ),
      );
    }
  }

  // Outreach: leaders carry open cases to villages; three visits done, one planned.
  const villages = ["c.t3.v2", "c.t2.v1", "c.t1.v2", "c.t2.v2"];
  for (const [i, path] of villages.entries()) {
    const carried = await openCases(db, path.split(".").slice(0, 2).join("."), 2);
    const date = past[4 + i * 4] ?? today;
    const at = noonOf(date);
    const areaUnitId = await unitId(db, path);
    const id = await db.transaction((tx) =>
      createOutreach(tx, ctx(leader, new Date(at.getTime() - 3 * 86_400_000)), {
        areaUnitId,
        visitDate: i === 3 ? (ahead[2] ?? today) : date,
        ...LEADERS[i]!,
        purpose: "带案下访，面对面听取群众诉求，就地化解矛盾。",
        caseIds: carried,
      }),
    );
    if (i === 3) continue;
    await db.transaction((tx) =>
      completeOutreach(
        tx,
        ctx(leader, at),
        id,
        {
          batchCount: 2 + i,
          personVisits: 5 + i * 3,
          resultSummary: "现场召开协调会，明确责任单位和办理时限。",
          results: carried.map((caseId, k) => ({
            caseId,
            result: k === 0 ? "现场协调达成一致，信访人息访。" : "明确责任单位，限期答复。",
            isResolved: k === 0,
          })),
        },
        ["leader_in_charge"],
      ),
    );
  }

  await seedOwnershipDemo(db, ctx(leader, now), now);
  await seedDisputeDemo(db, ctx, office, now);
  await seedSupervisionDemo(db, ctx, office, now, clocks);
  await seedDutyDemo(db, ctx, office, now);
  await seedBacklogDemo(db, ctx(leader, now), now);
  await seedConferenceDemo(db, ctx, office, now);
}

/** The rule's suggestions become backlog cases; the first is cleared on a leader's outreach. */
async function seedBacklogDemo(db: Db, ctx: BureauCtx, now: Date): Promise<void> {
  // Cases still being worked on; answered ones keep the history the workflow demo gave them.
  const working = new Set(["registered", "accepted", "awaiting_signoff", "assigned", "handling"]);
  const suggested = (await suggestBacklog(db, ctx.actor, now, { limit: 500, offset: 0 })).items
    .filter((s) => working.has(s.case.status))
    .slice(0, 4);
  for (const [i, s] of suggested.entries()) {
    await db.transaction((tx) => markBacklog(tx, ctx, { caseId: s.case.id, note: "按积案规则列入台账" }));
    if (i === 0) {
      await db.transaction((tx) =>
        clearBacklog(tx, ctx, s.case.id, "outreach", "县级领导带案下访，现场协调解决，信访人息诉。"),
      );
    }
  }
}

const DUTY_KEYS = ["investigate", "handle", "supervise", "conclude", "stabilise"] as const;

/** Six ownerships of open cases by county leaders; the oldest three resolved with all five duties done. */
async function seedOwnershipDemo(db: Db, ctx: BureauCtx, now: Date): Promise<void> {
  const units = ["c.rsj", "c.zrzyj", "c.zjj", "c.t3", "c.rsj", "c.t2"];
  const cases = await openCases(db, "c", 6);
  for (const [i, caseId] of cases.entries()) {
    const start = new Date(now.getTime() - (60 - i * 8) * 86_400_000);
    const startDay = toShanghaiDate(start);
    const leaderOf = LEADERS[i % LEADERS.length]!;
    const responsibleUnitId = await unitId(db, units[i]!);
    const id = await db.transaction(async (tx) =>
      createOwnership(
        tx,
        { ...ctx, now: start },
        {
          caseIds: [caseId],
          ...leaderOf,
          responsibleUnitId,
          plan: "一、摸清事实和诉求；二、召集责任单位研究处理意见；三、限期落实；四、答复信访人并回访。",
          targetDate: addCalendarDays(startDay, 60),
          duties: DUTY_KEYS.map((duty, k) => ({
            duty,
            ownerName: `${leaderOf.leaderName.slice(0, 1)}主任`,
            dueOn: addCalendarDays(startDay, 10 + k * 10),
          })),
          milestones: [
            { title: "调查核实，形成调查报告", dueOn: addCalendarDays(startDay, 15) },
            { title: "落实处理意见", dueOn: addCalendarDays(startDay, 40) },
          ],
        },
      ),
    );
    if (i < 3) {
      const later = { ...ctx, now: new Date(start.getTime() + 45 * 86_400_000) };
      const roles = ["leader_in_charge"] as const;
      await db.transaction(async (tx) => {
        for (const duty of DUTY_KEYS) await markDutyDone(tx, later, id, duty, "已落实", roles);
        await markMilestoneDone(tx, later, id, 0, "已形成调查报告", roles);
        await markMilestoneDone(tx, later, id, 1, "处理意见已落实", roles);
        await finishOwnership(tx, later, id, "resolved", "诉求已依法依规解决，信访人息诉罢访。", roles);
      });
    }
  }
}

const DISPUTE_SAMPLES = [
  {
    kind: "neighbour",
    parties: "两户村民",
    summary: "宅基地界址争议，双方多次发生口角",
    measure: "people_mediation",
  },
  {
    kind: "wages",
    parties: "务工人员与某劳务公司",
    summary: "拖欠务工人员工资约八万元",
    measure: "administrative_mediation",
  },
  {
    kind: "land",
    parties: "村民小组与承包户",
    summary: "土地承包经营权到期续包争议",
    measure: "people_mediation",
  },
  {
    kind: "village_election",
    parties: "村两委换届候选人支持者",
    summary: "对换届选举程序有异议",
    measure: "administrative_mediation",
  },
  { kind: "family", parties: "兄弟二人", summary: "赡养老人费用分担纠纷", measure: "people_mediation" },
  {
    kind: "compensation",
    parties: "村民与施工单位",
    summary: "道路施工青苗补偿标准争议",
    measure: "judicial_mediation",
  },
] as const;

/** Three months of village and township screening reports, a special campaign, a quarterly hand-over. */
async function seedDisputeDemo(
  db: Db,
  ctx: (actor: Actor, at: Date) => BureauCtx,
  office: Actor,
  now: Date,
): Promise<void> {
  const towns = [
    { user: "chengguan", path: "c.t1" },
    { user: "hekou", path: "c.t2" },
    { user: "shimen", path: "c.t3" },
  ];
  const today = toShanghaiDate(now);
  const months = [2, 1, 0].map((back) => {
    const d = new Date(`${today.slice(0, 7)}-15T04:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() - back);
    return d.toISOString().slice(0, 7);
  });
  const campaignStart = addCalendarDays(today, -40);
  const countyId = await unitId(db, "c");
  const campaignId = await db.transaction((tx) =>
    createCampaign(tx, ctx(office, noonOf(campaignStart)), {
      areaUnitId: countyId,
      name: "重大节日前矛盾纠纷专项排查",
      occasion: "国庆节",
      startsOn: campaignStart,
      endsOn: addCalendarDays(campaignStart, 20),
    }),
  );
  let n = 0;
  for (const [ti, town] of towns.entries()) {
    const actor = await actorFor(db, town.user);
    const areaUnitId = await unitId(db, town.path);
    for (const [mi, period] of months.entries()) {
      const at = noonOf(period === today.slice(0, 7) ? today : `${period}-25`);
      const count = 1 + ((ti + mi) % 3);
      await db.transaction((tx) =>
        createReport(tx, ctx(actor, at), {
          areaUnitId,
          period,
          disputes: Array.from({ length: count }, () => {
            const sample = DISPUTE_SAMPLES[n++ % DISPUTE_SAMPLES.length]!;
            return {
              ...sample,
              place: `${town.path === "c.t1" ? "城关镇" : town.path === "c.t2" ? "河口乡" : "石门镇"}辖区`,
              riskLevel:
                n % 5 === 0 ? ("high" as const) : n % 2 === 0 ? ("medium" as const) : ("low" as const),
            };
          }),
        }),
      );
    }
    await db.transaction((tx) =>
      createReport(tx, ctx(actor, noonOf(addCalendarDays(campaignStart, 5))), {
        areaUnitId,
        period: campaignStart.slice(0, 7),
        campaignId,
        disputes: [
          { ...DISPUTE_SAMPLES[(ti + 3) % DISPUTE_SAMPLES.length]!, place: "辖区", riskLevel: "medium" },
        ],
      }),
    );
  }
  // Two of every three disputes resolved by mediation; the oldest unresolved handed to the 人社局.
  const open = await db.query<{ id: string; area_path: string; created_at: Date }>(
    "SELECT id, area_path, created_at FROM disputes ORDER BY created_at, id",
  );
  const userOf = new Map(towns.map((t) => [t.path, t.user]));
  for (const [i, d] of open.rows.entries()) {
    if (i % 3 === 2) continue;
    const actor = await actorFor(db, userOf.get(d.area_path.split(".").slice(0, 2).join("."))!);
    await db.transaction((tx) =>
      resolveDispute(
        tx,
        ctx(actor, new Date(d.created_at.getTime() + 7 * 86_400_000)),
        d.id,
        { resolution: "经调解双方达成一致，签订调解协议书。" },
        ["local_staff"],
      ),
    );
  }
  const unresolved = await db.query<{ id: string; period: string }>(
    `SELECT d.id, r.period FROM disputes d JOIN screening_reports r ON r.id = d.report_id
      WHERE d.status = 'open' ORDER BY r.period, d.id LIMIT 2`,
  );
  const rsj = await unitId(db, "c.rsj");
  for (const u of unresolved.rows) {
    const month = Number(u.period.slice(5));
    await db.transaction((tx) =>
      handOver(tx, ctx(office, now), {
        quarter: `${u.period.slice(0, 4)}Q${Math.ceil(month / 3)}`,
        items: [{ disputeId: u.id, unitId: rsj }],
      }),
    );
  }
}

/** Reminders and orders on assigned cases (one answered, one overdue), a flag, and an issued bulletin. */
async function seedSupervisionDemo(
  db: Db,
  ctx: (actor: Actor, at: Date) => BureauCtx,
  office: Actor,
  now: Date,
  clocks: ClockContext,
): Promise<void> {
  const rsj = await actorFor(db, "rsj");
  const bureauLeader = await actorFor(db, "bureauleader");
  const assigned = await db.query<{ id: string; assigned_at: Date }>(
    `SELECT c.id, a.assigned_at FROM cases c JOIN case_assignments a ON a.case_id = c.id AND a.role = 'lead'
      WHERE c.status IN ('assigned', 'handling') ORDER BY a.assigned_at, c.id LIMIT 4`,
  );
  for (const [i, c] of assigned.rows.entries()) {
    const at = new Date(Math.min(c.assigned_at.getTime() + 10 * 86_400_000, now.getTime() - 86_400_000));
    const kind = i === 0 ? "reminder" : i === 3 ? "flag" : "order";
    const id = await db.transaction((tx) =>
      createItem(tx, ctx(office, at), clocks.pack, {
        kind,
        caseId: c.id,
        text:
          kind === "reminder"
            ? "请加快办理进度，按期报送办结报告。"
            : kind === "flag"
              ? "群众反映强烈，列为县级挂牌督办事项。"
              : "请于期限内书面报告办理情况和结果。",
        leaderName: kind === "flag" ? LEADERS[0]!.leaderName : undefined,
        replyDueOn: i === 2 ? toShanghaiDate(new Date(at.getTime() + 5 * 86_400_000)) : undefined,
      }),
    );
    if (i === 1) {
      await db.transaction((tx) =>
        replyToOrder(
          tx,
          ctx(rsj, new Date(at.getTime() + 3 * 86_400_000)),
          id,
          "已约谈相关企业，限期整改兑付，整改情况将按期报送。",
          ["unit_staff"],
        ),
      );
      await db.transaction((tx) =>
        settleItem(
          tx,
          ctx(office, new Date(at.getTime() + 4 * 86_400_000)),
          id,
          "accept",
          "答复完整，同意。",
          ["bureau_office"],
        ),
      );
    }
  }
  const today = toShanghaiDate(now);
  const county = await unitId(db, "c");
  const id = await db.transaction((tx) =>
    draftBulletin(tx, ctx(office, now), {
      areaUnitId: county,
      from: addCalendarDays(today, -180),
      to: today,
      criticiseBelow: 80,
    }),
  );
  await db.transaction((tx) => issueBulletin(tx, ctx(bureauLeader, now), id, ["bureau_leader"]));
}

/** A week of bureau day shifts around today (08:30–17:30) in turn, the current one with its log. */
async function seedDutyDemo(
  db: Db,
  ctx: (actor: Actor, at: Date) => BureauCtx,
  office: Actor,
  now: Date,
): Promise<void> {
  const county = await unitId(db, "c");
  const officers = ["registrar", "office", "bureauleader"];
  const ids = new Map<string, string>();
  for (const u of officers) ids.set(u, (await actorFor(db, u)).id);
  const today = toShanghaiDate(now);
  for (let i = -3; i <= 3; i++) {
    const day = addCalendarDays(today, i);
    const officer = officers[(i + 3) % officers.length]!;
    const id = await db.transaction((tx) =>
      createShift(tx, ctx(office, new Date(now.getTime() - 7 * 86_400_000)), {
        areaUnitId: county,
        officerUserId: ids.get(officer)!,
        dutyPhone: "0379-12345",
        // Round the clock, so "who is on duty now" always has an answer in the demo.
        startsAt: new Date(`${day}T08:30:00+08:00`).toISOString(),
        endsAt: new Date(`${addCalendarDays(day, 1)}T08:30:00+08:00`).toISOString(),
        periodName: i === 0 ? "重要节点24小时值班" : undefined,
      }),
    );
    if (i <= 0) {
      const at = new Date(Math.min(new Date(`${day}T10:00:00+08:00`).getTime(), now.getTime()));
      const who = await actorFor(db, officer);
      await db.transaction(async (tx) => {
        await addLogEntry(tx, ctx(who, at), id, {
          kind: "call",
          text: "群众来电咨询信访事项办理进度，已告知查询方式。",
        });
        await addLogEntry(tx, ctx(who, at), id, {
          kind: "visit",
          text: "一批三人来访反映工资问题，已引导至接待大厅登记。",
        });
        await addLogEntry(tx, ctx(who, at), id, { kind: "handover", text: "交接：两件来电待次日回复。" });
      });
    }
  }
}

/** Open demo cases of a region prefix that accuse no unit (a decision's unit may never be the accused). */
async function openUnaccusedCases(db: Db, pathPrefix: string, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM cases WHERE status IN ('registered', 'accepted', 'awaiting_signoff', 'assigned', 'handling')
       AND accused_path IS NULL AND (region_path = $1 OR region_path LIKE $1 || '.%')
     ORDER BY received_at DESC, id LIMIT $2`,
    [pathPrefix, limit],
  );
  return rows.map((r) => r.id);
}

/**
 * Joint conferences: a county meeting three weeks ago (one decision done on time, one overdue), a
 * township meeting last week with a decision under way, and a county meeting planned for next week.
 */
async function seedConferenceDemo(
  db: Db,
  ctx: (actor: Actor, at: Date) => BureauCtx,
  office: Actor,
  now: Date,
): Promise<void> {
  const today = toShanghaiDate(now);
  const rsjActor = await actorFor(db, "rsj");
  const zrzyjActor = await actorFor(db, "zrzyj");
  const chengguan = await actorFor(db, "chengguan");
  const uCounty = await unitId(db, "c");
  const uRsj = await unitId(db, "c.rsj");
  const uZrzyj = await unitId(db, "c.zrzyj");
  const uGaj = await unitId(db, "c.gaj");
  const uSfs = await unitId(db, "c.t1.sfs");
  const uDongjie = await unitId(db, "c.t1.v1");
  const uTown = await unitId(db, chengguan.areaPath);
  const cases = await openUnaccusedCases(db, "c", 2);
  const held = addCalendarDays(today, -21);
  const attendees = [
    { unitId: uRsj, name: "县人社局 副局长" },
    { unitId: uZrzyj, name: "县自然资源局 副局长" },
    { unitId: uGaj, name: "县公安局 副政委" },
    { name: "县法院立案庭 庭长" },
  ];
  const county = await db.transaction((tx) =>
    createConference(tx, ctx(office, noonOf(addCalendarDays(held, -3))), {
      areaUnitId: uCounty,
      title: "县信访工作联席会议第三次会议",
      meetingOn: held,
      place: "县政府第一会议室",
      chairName: `${LEADERS[0]!.leaderTitle}${LEADERS[0]!.leaderName}`,
      attendees,
      agenda: [
        ...cases.map((caseId, i) => ({ topic: i === 0 ? "研究拖欠工资问题" : "研究土地权属争议", caseId })),
        { topic: "通报近期信访形势，部署重点时段信访维稳工作" },
      ],
    }),
  );
  const decided = await db.transaction(async (tx) => {
    await recordMinutes(
      tx,
      ctx(office, noonOf(held)),
      county,
      {
        summary: "会议听取了各成员单位关于重点信访事项办理情况的汇报，对存在的问题逐项研究，议定以下事项。",
        decisions: [
          {
            text: "约谈用工企业，督促十日内足额兑付拖欠工资",
            unitId: uRsj,
            dueOn: addCalendarDays(held, 10),
            ...(cases[0] ? { caseId: cases[0] } : {}),
          },
          {
            text: "调取土地确权档案，会同乡镇现场核实界址并书面答复",
            unitId: uZrzyj,
            dueOn: addCalendarDays(held, 15),
            ...(cases[1] ? { caseId: cases[1] } : {}),
          },
        ],
      },
      ["bureau_office"],
    );
    return tx.query<{ id: string; position: number }>(
      "SELECT id, position FROM conference_decisions WHERE conference_id = $1 ORDER BY position",
      [county],
    );
  });
  const [wages, land] = decided.rows;
  await db.transaction((tx) =>
    addDecisionProgress(
      tx,
      ctx(rsjActor, noonOf(addCalendarDays(held, 4))),
      wages!.id,
      { text: "已约谈企业负责人，企业承诺分两批兑付。", done: false },
      ["unit_staff"],
    ),
  );
  await db.transaction((tx) =>
    addDecisionProgress(
      tx,
      ctx(rsjActor, noonOf(addCalendarDays(held, 8))),
      wages!.id,
      { text: "拖欠工资已全部兑付到位，劳动者签字确认。", done: true },
      ["unit_staff"],
    ),
  );
  await db.transaction((tx) =>
    addDecisionProgress(
      tx,
      ctx(zrzyjActor, noonOf(addCalendarDays(held, 9))),
      land!.id,
      { text: "已调取确权档案，待与乡镇共同现场核实。", done: false },
      ["unit_staff"],
    ),
  );

  const townHeld = addCalendarDays(today, -6);
  const townCases = await openUnaccusedCases(db, "c.t1", 1);
  const town = await db.transaction((tx) =>
    createConference(tx, ctx(chengguan, noonOf(addCalendarDays(townHeld, -2))), {
      areaUnitId: uTown,
      title: "城关镇矛盾纠纷排查化解联席会议",
      meetingOn: townHeld,
      place: "城关镇政府会议室",
      chairName: "城关镇党委副书记",
      attendees: [
        { unitId: uSfs, name: "城关镇司法所 所长" },
        { unitId: uDongjie, name: "东街社区 书记" },
      ],
      agenda: [
        ...townCases.map((caseId) => ({ topic: "研究辖区信访事项化解方案", caseId })),
        { topic: "本月矛盾纠纷排查情况" },
      ],
    }),
  );
  await db.transaction((tx) =>
    recordMinutes(
      tx,
      ctx(chengguan, noonOf(townHeld)),
      town,
      {
        summary: "会议逐件研究了本月排查出的矛盾纠纷，明确包案责任人和化解时限。",
        decisions: [
          {
            text: "组织人民调解，促成双方达成调解协议",
            unitId: uSfs,
            dueOn: addCalendarDays(today, 10),
            ...(townCases[0] ? { caseId: townCases[0] } : {}),
          },
        ],
      },
      ["local_staff"],
    ),
  );

  await db.transaction((tx) =>
    createConference(tx, ctx(office, now), {
      areaUnitId: uCounty,
      title: "县信访工作联席会议第四次会议",
      meetingOn: addCalendarDays(today, 7),
      place: "县政府第一会议室",
      chairName: `${LEADERS[0]!.leaderTitle}${LEADERS[0]!.leaderName}`,
      attendees,
      agenda: [{ topic: "研究积案化解攻坚工作" }],
    }),
  );
}
