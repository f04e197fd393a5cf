import { parseYuan } from "../../domain/fields/money.ts";
import { recordAudit } from "../audit/audit-log.ts";
import type { Db } from "../db/index.ts";
import { currentFieldSet } from "../fields/store.ts";
import { WAGE_CATEGORY_CODE } from "../fields/wages.ts";

/** The demo county's wage-arrears cases get employers, projects, amounts and some payments. */
const DEMO_WAGES = [
  {
    employer: "示范县宏达建筑劳务有限公司",
    project: "县城新区安置房二期",
    workers: "12",
    owed: "283600.00",
    payments: [
      { afterDays: 12, amount: "100000.00" },
      { afterDays: 30, amount: "83600.50" },
    ],
  },
  {
    employer: "示范县鑫源建设工程有限公司",
    project: "城关镇污水管网改造",
    workers: "8",
    owed: "96400.00",
    payments: [{ afterDays: 20, amount: "96400.00" }],
  },
  {
    employer: "示范县宏达建筑劳务有限公司",
    project: "河口乡中心小学教学楼",
    workers: "5",
    owed: "42000.00",
    payments: [],
  },
];

const DAY = 86_400_000;
const shanghaiDay = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(d);

export async function seedDemoWageFields(db: Db, now: Date): Promise<number> {
  const cat = await db.query<{ id: string }>("SELECT id FROM categories WHERE code = $1", [
    WAGE_CATEGORY_CODE,
  ]);
  const set = cat.rows[0] ? await currentFieldSet(db, cat.rows[0].id) : null;
  if (!set) return 0;
  const registrar = (await db.query<{ id: string }>("SELECT id FROM users WHERE username = 'registrar'"))
    .rows[0];
  const { rows: cases } = await db.query<{ id: string; received_at: Date }>(
    "SELECT id, received_at FROM cases WHERE category_id = $1 ORDER BY received_at, case_number",
    [set.categoryId],
  );
  await db.transaction(async (tx) => {
    for (const [i, c] of cases.entries()) {
      const d = DEMO_WAGES[i % DEMO_WAGES.length]!;
      const values = {
        employer: d.employer,
        project: d.project,
        workers: d.workers,
        amount_owed: parseYuan(d.owed)!.toString(),
      };
      await tx.query(
        `INSERT INTO case_field_values (case_id, field_set_id, field_values, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [c.id, set.id, JSON.stringify(values), c.received_at, registrar?.id ?? null],
      );
      await recordAudit(tx, {
        actorId: registrar?.id ?? null,
        actorRole: "registrar",
        action: "case_fields_update",
        objectType: "case",
        objectId: c.id,
        detail: { fieldSetId: set.id, version: set.version, demo: true },
      });
      for (const p of d.payments) {
        const at = new Date(Math.min(c.received_at.getTime() + p.afterDays * DAY, now.getTime()));
        await tx.query(
          `INSERT INTO case_payments (case_id, paid_on, amount_fen, note, recorded_at, recorded_by)
           VALUES ($1, $2, $3::bigint, $4, $5, $6)`,
          [c.id, shanghaiDay(at), parseYuan(p.amount)!.toString(), "用工单位支付", at, registrar?.id ?? null],
        );
        await recordAudit(tx, {
          actorId: registrar?.id ?? null,
          actorRole: "registrar",
          action: "case_payment_add",
          objectType: "case",
          objectId: c.id,
          detail: { paidOn: shanghaiDay(at), amountFen: parseYuan(p.amount)!.toString(), demo: true },
        });
      }
    }
  });
  return cases.length;
}
