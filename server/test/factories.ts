import { hash } from "@node-rs/argon2";
import { generateIdNumber } from "../../domain/identity/id-card.ts";
import type { TCaseRegisterRequest } from "../../domain/schemas/case.ts";
import type { Db } from "../db/index.ts";
import type { DemoUnit, DemoUser } from "../seed/demo-network.ts";
import { insertNetwork } from "../seed/seed-demo.ts";
import { TEST_PASSWORD } from "./harness.ts";

/**
 * A small county for tests: bureau, two departments, two townships with a village each, and one
 * user per role/position the authorization tests need. Region codes are test-only.
 */
export const TEST_UNITS: DemoUnit[] = [
  { code: "c", parent: null, kind: "county", name: "测试县", regionCode: "990001" },
  { code: "xfj", parent: "c", kind: "bureau", name: "测试县信访局", regionCode: "990001" },
  { code: "gov", parent: "c", kind: "department", name: "县政府办", regionCode: "990001" },
  { code: "rsj", parent: "c", kind: "department", name: "人社局", regionCode: "990001" },
  { code: "gaj", parent: "c", kind: "department", name: "公安局", regionCode: "990001" },
  { code: "t1", parent: "c", kind: "township", name: "甲镇", regionCode: "990001001" },
  { code: "t2", parent: "c", kind: "township", name: "乙乡", regionCode: "990001002" },
  { code: "v1", parent: "c.t1", kind: "village", name: "甲村", regionCode: "990001001001" },
  { code: "v1", parent: "c.t2", kind: "village", name: "乙村", regionCode: "990001002001" },
  { code: "g1", parent: "c.t1.v1", kind: "group", name: "甲村一组", regionCode: "990001001001" },
];

export const TEST_USERS: DemoUser[] = [
  { username: "reg", displayName: "登记员", unitPath: "c.xfj", roles: ["registrar"], note: "" },
  { username: "office", displayName: "办公室", unitPath: "c.xfj", roles: ["bureau_office"], note: "" },
  { username: "bleader", displayName: "局长", unitPath: "c.xfj", roles: ["bureau_leader"], note: "" },
  { username: "leader", displayName: "分管领导", unitPath: "c.gov", roles: ["leader_in_charge"], note: "" },
  { username: "analyst", displayName: "分析员", unitPath: "c.xfj", roles: ["analyst"], note: "" },
  { username: "rsj", displayName: "人社承办", unitPath: "c.rsj", roles: ["unit_staff"], note: "" },
  { username: "gaj", displayName: "公安承办", unitPath: "c.gaj", roles: ["unit_staff"], note: "" },
  { username: "town1", displayName: "甲镇信访办", unitPath: "c.t1", roles: ["local_staff"], note: "" },
  { username: "town2", displayName: "乙乡信访办", unitPath: "c.t2", roles: ["local_staff"], note: "" },
  { username: "village1", displayName: "甲村信息员", unitPath: "c.t1.v1", roles: ["local_staff"], note: "" },
  { username: "sysadmin", displayName: "系统管理员", unitPath: "c.xfj", roles: ["system_admin"], note: "" },
  { username: "secadmin", displayName: "安全管理员", unitPath: "c.xfj", roles: ["security_admin"], note: "" },
  { username: "auditadmin", displayName: "审计管理员", unitPath: "c.xfj", roles: ["audit_admin"], note: "" },
];

let cheapHash: Promise<string> | null = null;

/**
 * The test users' password, hashed as argon2id at the lowest cost. Logging in verifies with the
 * cost stored in the hash, so each of the suite's many logins takes about a millisecond instead of
 * 80; hashing new passwords (reset, change, new user) still uses the production cost.
 */
export function testPasswordHash(): Promise<{ hash: string }> {
  cheapHash ??= hash(TEST_PASSWORD, { memoryCost: 1024, timeCost: 1 });
  return cheapHash.then((h) => ({ hash: h }));
}

export async function makeNetwork(db: Db): Promise<void> {
  await insertNetwork(db, TEST_UNITS, TEST_USERS, await testPasswordHash());
}

let seq = 0;

/** A valid ID number that differs on every call, so each factory petitioner is a new person. */
export function freshIdNumber(): string {
  seq += 1;
  const day = String((seq % 28) + 1).padStart(2, "0");
  return generateIdNumber(
    "990001",
    `1980${String((seq % 12) + 1).padStart(2, "0")}${day}`,
    String(seq % 1000).padStart(3, "0"),
  );
}

export function caseInput(overrides: Partial<TCaseRegisterRequest> = {}): Record<string, unknown> {
  return {
    channel: "visit",
    title: "反映拖欠农民工工资问题",
    content: "某建筑公司拖欠我们十名工人工资共计十二万元，请求协调解决。",
    problemRegionCode: "990001001001",
    nature: "request",
    legalClass: "appeal_request",
    petitioners: [{ name: "张三", idNumber: freshIdNumber(), phone: "13800138000", address: "甲村一号" }],
    ...overrides,
  };
}

/** One workflow step of a test: who takes it, the action's URL segment, and its body. */
export type TestStep = readonly [user: string, action: string, body: Record<string, unknown>];

/**
 * The simplified path from registration to the lead unit's reported result: the registrar
 * accepts, the bureau office simplifies and assigns to `leadUnitId`, and `handler` (that unit's
 * staff) receives and reports. With `answered`, the office then vets and replies.
 */
export function simplifiedPath(leadUnitId: string, handler: string, answered: boolean): TestStep[] {
  const steps: TestStep[] = [
    ["reg", "accept", {}],
    ["office", "simplify", {}],
    ["office", "assign", { leadUnitId, instructions: "依法处理", dueDays: 10 }],
    [handler, "receive", {}],
    [handler, "report-result", { result: "已核实", proposedOpinion: "explain" }],
  ];
  if (answered)
    steps.push(
      ["office", "vet-accept", {}],
      [
        "office",
        "reply",
        { opinion: "explain", text: "经核查，向您解释如下。", legalBasis: "《信访工作条例》" },
      ],
    );
  return steps;
}

/** Takes each step through `post`, expecting 200 for every one (the failing step is named). */
export async function takeSteps(
  post: (
    user: string,
    id: string,
    action: string,
    body: Record<string, unknown>,
  ) => Promise<{
    statusCode: number;
    body: string;
  }>,
  id: string,
  steps: readonly TestStep[],
): Promise<void> {
  for (const [user, action, body] of steps) {
    const r = await post(user, id, action, body);
    if (r.statusCode !== 200) throw new Error(`${action} by ${user}: ${r.statusCode} ${r.body}`);
  }
}
