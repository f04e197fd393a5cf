import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileStore } from "../files/store.ts";
import { makeNetwork } from "../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../test/harness.ts";
import {
  ANONYMISED_CONTENT,
  ANONYMISED_NAME,
  anonymiseArchivedCases,
  redactTitle,
  retentionDays,
} from "./anonymise.ts";
import { fingerprint, person, registerThroughApi } from "./test-support.ts";

let t: TestContext;
let reg: Session;
let oldArchived: string;
let recentArchived: string;
let oldOpen: string;
const now = new Date("2026-03-02T02:00:00Z");
const DAY = 86_400_000;

/** Every column statistics read, for the case and its petitioners. */
const STATISTICS = `SELECT c.channel, c.status, c.nature, c.legal_class, c.category_id, c.problem_region_code,
    c.region_unit_id, c.region_path, c.destination_level, c.headcount, c.batch_count, c.is_collective,
    c.is_first_petition, c.is_anonymous, c.received_at, c.registered_at, c.owner_unit_id, c.severity,
    (SELECT count(*)::int FROM case_petitioners p WHERE p.case_id = c.id) AS petitioners,
    (SELECT array_agg(p.household_region_code || ':' || p.is_representative ORDER BY p.position)
       FROM case_petitioners p WHERE p.case_id = c.id) AS households,
    (SELECT array_agg(e.action || ':' || e.at::text ORDER BY e.seq) FROM case_events e
      WHERE e.case_id = c.id AND e.action <> 'anonymise') AS events,
    (SELECT count(*)::int FROM case_clocks k WHERE k.case_id = c.id) AS clocks
  FROM cases c WHERE c.id = $1`;

async function caseRows(id: string) {
  const c = await t.db.query("SELECT * FROM cases WHERE id = $1", [id]);
  const p = await t.db.query("SELECT * FROM case_petitioners WHERE case_id = $1 ORDER BY position", [id]);
  const e = await t.db.query("SELECT * FROM case_events WHERE case_id = $1 ORDER BY seq", [id]);
  const a = await t.db.query("SELECT * FROM case_attachments WHERE case_id = $1 ORDER BY id", [id]);
  return { case: c.rows, petitioners: p.rows, events: e.rows, attachments: a.rows };
}

/** Archiving has no endpoint yet: put the case at the end of its life directly, with old dates. */
async function archive(id: string, lastEventDaysAgo: number): Promise<void> {
  await t.db.query("UPDATE cases SET status = 'archived' WHERE id = $1", [id]);
  await ageEvents(id, lastEventDaysAgo);
}

async function ageEvents(id: string, daysAgo: number): Promise<void> {
  await t.db.query("UPDATE case_events SET at = $2 WHERE case_id = $1", [
    id,
    new Date(now.getTime() - daysAgo * DAY),
  ]);
}

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  reg = await login(t.app, "reg");
  const zhang = person("张三");
  oldArchived = await registerThroughApi(t, reg, [zhang, person("李四")], {
    title: `张三反映拖欠工资问题，电话${zhang.phone}`,
    headcount: 2,
  });
  await t.db.query("UPDATE case_events SET note = '已电话联系张三，住甲村一号' WHERE case_id = $1", [
    oldArchived,
  ]);
  await t.db.query(
    `INSERT INTO case_attachments (case_id, file_name, media_type, size_bytes, sha256)
     VALUES ($1, '张三身份证.jpg', 'image/jpeg', 100, repeat('b', 64))`,
    [oldArchived],
  );
  await t.db.query(
    `INSERT INTO case_documents (case_id, kind, title, docx, generated_at, generated_by_label)
     VALUES ($1, 'acceptance', '信访事项受理告知书', convert_to('张三：你反映的事项已受理', 'UTF8'), now(), '登记员')`,
    [oldArchived],
  );
  await archive(oldArchived, 400);
  recentArchived = await registerThroughApi(t, reg, [person("王五")]);
  await archive(recentArchived, 100);
  oldOpen = await registerThroughApi(t, reg, [person("赵六")]);
  await ageEvents(oldOpen, 400);
});
afterAll(() => t.close());

describe("anonymising archived cases after the retention period", () => {
  it("takes its default period from the retention setting", async () => {
    expect(await retentionDays(t.db)).toBe(3650);
  });

  it("a dry run lists the cases it would anonymise and changes no case data, only auditing the run", async () => {
    const before = await fingerprint(t.db);
    const result = await anonymiseArchivedCases(t.db, { olderThanDays: 365, dryRun: true, now });
    expect(result.cases.map((c) => c.id)).toEqual([oldArchived]);
    expect(result.cases[0]!.petitioners).toBe(2);
    const after = await fingerprint(t.db);
    const { audit_log: auditBefore, ...dataBefore } = before;
    const { audit_log: auditAfter, ...dataAfter } = after;
    expect(dataAfter).toEqual(dataBefore);
    expect(auditAfter!.rows).toBe(auditBefore!.rows + 1);
    const run = await t.db.query<{ detail: Record<string, unknown> }>(
      "SELECT detail FROM audit_log WHERE action = 'retention_anonymise' ORDER BY id DESC LIMIT 1",
    );
    expect(run.rows[0]!.detail).toMatchObject({ dryRun: true, cases: 1, olderThanDays: 365 });
  });

  it("removes the personal data of an old archived case and keeps everything statistics count", async () => {
    const statsBefore = (await t.db.query(STATISTICS, [oldArchived])).rows[0];
    const recentBefore = await caseRows(recentArchived);
    const openBefore = await caseRows(oldOpen);

    const result = await anonymiseArchivedCases(t.db, { olderThanDays: 365, now });
    expect(result.cases.map((c) => c.id)).toEqual([oldArchived]);

    expect((await t.db.query(STATISTICS, [oldArchived])).rows[0]).toEqual(statsBefore);
    const after = await caseRows(oldArchived);
    for (const p of after.petitioners) {
      expect(p).toMatchObject({
        name: ANONYMISED_NAME,
        id_number_enc: null,
        id_number_bidx: null,
        id_number_masked: null,
        phone_enc: null,
        phone_bidx: null,
        phone_masked: null,
        address: null,
      });
    }
    expect(after.case[0]).toMatchObject({
      content: ANONYMISED_CONTENT,
      title: "某某反映拖欠工资问题，电话***",
    });
    expect(String(after.case[0]!.search_text)).not.toContain("张三");
    expect(after.attachments[0]).toMatchObject({ file_name: "已匿名.jpg" });
    // Issued letters name the petitioner: they are removed with the rest.
    const letters = await t.db.query("SELECT 1 FROM case_documents WHERE case_id = $1", [oldArchived]);
    expect(letters.rows).toEqual([]);
    expect(after.events.filter((e) => e.note !== null)).toEqual([]);
    expect(after.events.at(-1)).toMatchObject({ action: "anonymise", from_status: null, to_status: null });
    const audit = await t.db.query(
      "SELECT 1 FROM audit_log WHERE action = 'case_anonymise' AND object_id = $1",
      [oldArchived],
    );
    expect(audit.rows).toHaveLength(1);

    expect(await caseRows(recentArchived)).toEqual(recentBefore);
    expect(await caseRows(oldOpen)).toEqual(openBefore);

    const shown = await as(t.app, reg).get(`/api/cases/${oldArchived}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.json().petitioners[0]).toMatchObject({ name: ANONYMISED_NAME, idNumber: null, phone: null });
  });

  it("does not anonymise a case twice, however old its anonymise event grows", async () => {
    const later = new Date(now.getTime() + 1000 * DAY);
    const before = await caseRows(oldArchived);
    const result = await anonymiseArchivedCases(t.db, { olderThanDays: 365, now: later });
    expect(result.cases.map((c) => c.id)).toEqual([recentArchived]);
    expect((await caseRows(oldArchived)).events).toEqual(before.events);
  });

  it("refuses a period that is not a whole number of days", async () => {
    await expect(anonymiseArchivedCases(t.db, { olderThanDays: 0, now })).rejects.toThrow(/at least 1/);
    await expect(anonymiseArchivedCases(t.db, { olderThanDays: 1.5, now })).rejects.toThrow(/whole number/);
  });
});

describe("redacting a title", () => {
  it("removes the petitioners' names and long digit runs and keeps the subject", () => {
    expect(redactTitle("张三丰和张三反映13800138000的问题", ["张三", "张三丰"])).toBe(
      "某某和某某反映***的问题",
    );
    expect(redactTitle("身份证410102 19800101 1234 丢失", [])).toBe("身份证*** 丢失");
    expect(redactTitle("拖欠工资12万元", ["李四"])).toBe("拖欠工资12万元");
    expect(redactTitle("张三", ["张三"])).toBe("某某");
    expect(redactTitle("  ", [])).toBe("（已匿名）");
  });
});

describe("removing attachment files of anonymised cases", () => {
  let u: TestContext;
  let staff: Session;
  let dir: string;
  let store: FileStore;

  async function attach(caseId: string, name: string, data: Buffer): Promise<string> {
    const sha256 = await store.put(data);
    await u.db.query(
      `INSERT INTO case_attachments (case_id, file_name, media_type, size_bytes, sha256)
       VALUES ($1, $2, 'text/plain', $3, $4)`,
      [caseId, name, data.length, sha256],
    );
    return sha256;
  }
  const exists = (sha256: string) => fs.existsSync(path.join(dir, sha256.slice(0, 2), sha256));

  beforeAll(async () => {
    u = await startTestApp();
    await makeNetwork(u.db);
    staff = await login(u.app, "reg");
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "xf-files-"));
    store = new FileStore(dir);
  });
  afterAll(async () => {
    await u.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("removes files only the anonymised case used, keeps shared ones, and marks the rows purged", async () => {
    const old = await registerThroughApi(u, staff, [person("钱七")]);
    const kept = await registerThroughApi(u, staff, [person("孙八")]);
    const own = await attach(old, "钱七身份证.txt", Buffer.from("钱七 身份证复印件"));
    const shared = await attach(old, "通知.txt", Buffer.from("村委会通知全文"));
    await attach(kept, "通知.txt", Buffer.from("村委会通知全文"));
    await u.db.query("UPDATE cases SET status = 'archived' WHERE id = $1", [old]);
    await u.db.query("UPDATE case_events SET at = $2 WHERE case_id = $1", [
      old,
      new Date(now.getTime() - 400 * DAY),
    ]);

    const dry = await anonymiseArchivedCases(u.db, { olderThanDays: 365, now, dryRun: true, files: store });
    expect(dry.filesRemoved).toBe(0);
    expect(exists(own)).toBe(true);

    const result = await anonymiseArchivedCases(u.db, { olderThanDays: 365, now, files: store });
    expect(result.cases.map((c) => c.id)).toEqual([old]);
    expect(result.filesRemoved).toBe(1);
    expect(exists(own)).toBe(false);
    expect(exists(shared)).toBe(true);
    const rows = await u.db.query<{ purged_at: Date | null }>(
      "SELECT purged_at FROM case_attachments WHERE case_id = $1",
      [old],
    );
    expect(rows.rows.map((r) => r.purged_at)).toEqual([now, now]);

    const detail = await as(u.app, staff).get(`/api/cases/${old}`);
    const attachments = detail.json().attachments as { id: string; purged: boolean }[];
    expect(attachments.map((a) => a.purged)).toEqual([true, true]);
    const download = await as(u.app, staff).get(`/api/cases/${old}/attachments/${attachments[0]!.id}`);
    expect(download.statusCode).toBe(410);
    expect(download.json().error.code).toBe("ATTACHMENT_PURGED");
  });
});
