/**
 * Synthetic petitions for the statistics benchmark, generated inside the database with set-based
 * SQL (generate_series + random()), so 1,000,000 cases take a minute, not hours of API calls.
 * Realistic shapes: Chinese titles and contents by category, channels and natures in the
 * proportions of a county report, collective visits with batches and heads, destination levels,
 * three years of receipt times, statuses by age, lead units, statutory clocks, ratings, and a
 * short workflow history (register, accept, assign, reply events).
 */
import type { Queryable } from "../server/db/index.ts";

const TITLES: [string, string][] = [
  [
    "反映某建筑公司拖欠农民工工资问题",
    "我们在县城项目务工，劳务公司拖欠工资多月，多次讨要未果，请求协调尽快支付。",
  ],
  [
    "请求解决征地补偿款未足额发放问题",
    "村里土地被征用修路，补偿款至今未足额发放，请求有关部门核实并督促兑现。",
  ],
  [
    "煤矿采空区导致房屋开裂请求搬迁安置",
    "附近煤矿开采造成墙体开裂、地面塌陷，存在安全隐患，请求鉴定并落实搬迁安置。",
  ],
  [
    "企业改制后职工养老保险缴费年限认定有误",
    "原县属企业改制后，本人缴费年限少算多年，对认定结果不服，请求重新核定。",
  ],
  [
    "反映小区开发商延期交房问题",
    "购买的商品房已超过合同约定交房日期一年仍未交付，请求住建部门督促开发商履约。",
  ],
  ["民间借贷纠纷请求协调追回借款", "被非法集资平台骗取积蓄，平台负责人失联，请求公安机关立案追赃。"],
  ["村务公开不及时请求公开集体收支账目", "村委会多年未公开集体资产收支情况，村民有疑问，请求乡镇督促公开。"],
  ["建议增设公交线路方便村民出行", "村庄距乡镇较远，出行不便，建议交通部门增设公交站点并调整班次。"],
  ["退役军人待遇落实问题", "本人系退役军人，相关优抚待遇未按政策落实，请求退役军人事务部门核实解决。"],
  ["反映学校周边交通安全隐患", "学校门口道路车流量大，缺少减速带和斑马线，存在安全隐患，建议尽快整改。"],
  ["举报村干部违规发放补贴问题", "反映村干部在惠农补贴发放中优亲厚友、虚报冒领，请求纪检部门调查处理。"],
  ["物业公司收费不规范问题", "小区物业公司擅自提高收费标准且服务不到位，请求主管部门依法查处。"],
];

/** Seeds the random generator so two runs generate the same data. */
export async function setSeed(q: Queryable, seed = 0.42): Promise<void> {
  await q.query("SELECT setseed($1)", [seed]);
}

/**
 * Inserts cases number `from`..`to` (case numbers BENCH-<n>). Needs the demo network (a county
 * with a bureau, departments, townships, villages) and the category table.
 */
export async function generateCases(q: Queryable, from: number, to: number, now: Date): Promise<void> {
  await q.query(
    `WITH r AS (
       SELECT array_agg(id ORDER BY path) AS ids, array_agg(path ORDER BY path) AS paths,
              array_agg(region_code ORDER BY path) AS codes, count(*)::int AS n
         FROM org_units WHERE kind IN ('county', 'township', 'village', 'group')
     ), k AS (
       SELECT array_agg(id ORDER BY code) AS ids, count(*)::int AS n FROM categories WHERE parent_id IS NOT NULL
     ), b AS (
       SELECT id FROM org_units WHERE kind = 'bureau' ORDER BY path LIMIT 1
     ), t AS (
       SELECT array_agg(x.title ORDER BY x.i) AS titles, array_agg(x.content ORDER BY x.i) AS contents,
              count(*)::int AS n
         FROM jsonb_to_recordset($4::jsonb) AS x(i int, title text, content text)
     ), g AS (
       SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
              random() AS r6, random() AS r7, random() AS r8, random() AS r9, random() AS r10, random() AS r11
         FROM generate_series($1::int, $2::int) AS g
     ), v AS (
       SELECT g.*,
              CASE WHEN r1 < 0.40 THEN 'visit' WHEN r1 < 0.65 THEN 'letter' WHEN r1 < 0.85 THEN 'online'
                   WHEN r1 < 0.95 THEN 'phone' ELSE 'referral' END AS channel,
              CASE WHEN r2 < 0.55 THEN 'request' WHEN r2 < 0.70 THEN 'suggestion' WHEN r2 < 0.82 THEN 'appeal'
                   WHEN r2 < 0.90 THEN 'accusation' WHEN r2 < 0.98 THEN 'inquiry' END AS nature,
              $3::timestamptz - (r9 * interval '1095 days') AS received_at
         FROM g
     ), w AS (
       SELECT v.*,
              CASE WHEN channel <> 'visit' THEN 1 WHEN r6 < 0.55 THEN 1 + floor(r7 * 2)::int
                   ELSE 5 + floor(r7 * 56)::int END AS headcount,
              CASE WHEN channel = 'visit' AND r6 >= 0.55 THEN 1 + floor(r8 * 3)::int ELSE 1 END AS batch_count,
              CASE WHEN $3::timestamptz - received_at > interval '120 days' THEN
                     CASE WHEN r10 < 0.70 THEN 'archived' WHEN r10 < 0.90 THEN 'evaluated' ELSE 'replied' END
                   ELSE CASE WHEN r10 < 0.10 THEN 'registered' WHEN r10 < 0.25 THEN 'accepted'
                             WHEN r10 < 0.40 THEN 'assigned' WHEN r10 < 0.70 THEN 'handling'
                             WHEN r10 < 0.90 THEN 'replied' ELSE 'evaluated' END END AS status
         FROM v
     )
     INSERT INTO cases (case_number, query_code_hash, channel, status, nature, legal_class, category_id, title, content,
        problem_region_code, region_unit_id, region_path, destination_level, headcount, batch_count, is_collective,
        is_first_petition, received_at, registered_at, owner_unit_id, referral_source, search_text, reply_opinion,
        reply_text, replied_at, bureau_rating, unit_rating, rated_at)
     SELECT 'BENCH-' || lpad(w.g::text, 8, '0'), 'bench', w.channel, w.status, w.nature,
            CASE WHEN w.nature IS NULL THEN NULL WHEN w.nature = 'accusation' THEN 'accusation'
                 WHEN w.nature = 'suggestion' THEN 'suggestion' ELSE 'appeal_request' END,
            k.ids[1 + floor(w.r3 * k.n)::int],
            t.titles[1 + (w.g % t.n)], t.contents[1 + (w.g % t.n)],
            r.codes[1 + floor(w.r4 * r.n)::int], r.ids[1 + floor(w.r4 * r.n)::int], r.paths[1 + floor(w.r4 * r.n)::int],
            CASE WHEN w.channel <> 'visit' THEN NULL WHEN w.r5 < 0.02 THEN 'national' WHEN w.r5 < 0.08 THEN 'provincial'
                 WHEN w.r5 < 0.20 THEN 'municipal' ELSE 'county' END,
            w.headcount, w.batch_count, w.headcount >= 5, w.r8 > 0.2, w.received_at,
            w.received_at + interval '2 hours', b.id, CASE WHEN w.channel = 'referral' THEN '市信访局' END,
            t.titles[1 + (w.g % t.n)] || ' ' || t.contents[1 + (w.g % t.n)],
            CASE WHEN w.status IN ('replied', 'evaluated', 'archived') THEN 'explain' END,
            CASE WHEN w.status IN ('replied', 'evaluated', 'archived') THEN '经调查核实，已依法依规作出处理。' END,
            CASE WHEN w.status IN ('replied', 'evaluated', 'archived') THEN w.received_at + (w.r11 * interval '70 days') END,
            CASE WHEN w.status = 'evaluated' OR (w.status = 'archived' AND w.r11 < 0.6) THEN
                   CASE WHEN w.r7 < 0.7 THEN 'satisfied' WHEN w.r7 < 0.9 THEN 'basically_satisfied' ELSE 'dissatisfied' END END,
            CASE WHEN w.status = 'evaluated' OR (w.status = 'archived' AND w.r11 < 0.6) THEN
                   CASE WHEN w.r6 < 0.65 THEN 'satisfied' WHEN w.r6 < 0.9 THEN 'basically_satisfied' ELSE 'dissatisfied' END END,
            CASE WHEN w.status = 'evaluated' OR (w.status = 'archived' AND w.r11 < 0.6) THEN
                   w.received_at + (w.r11 * interval '70 days') + interval '3 days' END
       FROM w, r, k, b, t`,
    [from, to, now, JSON.stringify(TITLES.map(([title, content], i) => ({ i, title, content })))],
  );
}

/** Petitioners, lead units, clocks and events for the cases BENCH-<from>..<to>. */
export async function generateCaseParts(q: Queryable, from: number, to: number): Promise<void> {
  const range = [`BENCH-${String(from).padStart(8, "0")}`, `BENCH-${String(to).padStart(8, "0")}`];
  const inRange = "c.case_number BETWEEN $1 AND $2";
  await q.query(
    `INSERT INTO case_petitioners (case_id, position, name, id_number_masked, phone_masked, household_region_code)
     SELECT c.id, 0, (ARRAY['张','王','李','赵','刘','陈','杨','黄'])[1 + floor(random() * 8)::int] || '某某',
            '4190**********' || lpad((floor(random() * 9999))::text, 4, '0'), '139****' || lpad((floor(random() * 9999))::text, 4, '0'),
            CASE WHEN random() < 0.9 THEN c.problem_region_code ELSE '419002' END
       FROM cases c WHERE ${inRange}`,
    range,
  );
  await q.query(
    `WITH u AS (SELECT array_agg(id ORDER BY path) AS ids, count(*)::int AS n FROM org_units
                 WHERE kind IN ('department', 'township') AND path <> 'c.xfj')
     INSERT INTO case_assignments (case_id, unit_id, role, status, assigned_at, received_at, reported_at)
     SELECT c.id, u.ids[1 + floor(random() * u.n)::int], 'lead',
            CASE WHEN c.status IN ('assigned') THEN 'pending' WHEN c.status = 'handling' THEN 'handling' ELSE 'accepted' END,
            c.received_at + interval '5 days', c.received_at + interval '6 days',
            CASE WHEN c.replied_at IS NOT NULL THEN c.replied_at - interval '2 days' END
       FROM cases c, u
      WHERE ${inRange} AND c.status NOT IN ('registered', 'accepted')`,
    range,
  );
  // Statutory clocks: acceptance for all, handling from acceptance, the evaluation window after a reply.
  await q.query(
    `INSERT INTO case_clocks (case_id, clock, step, started_on, due_on, stopped_at, state, pack)
     SELECT c.id, 'statutory', 'acceptanceNotice', d.recv, d.recv + 15, d.stop,
            CASE WHEN d.stop IS NULL THEN 'running'
                 WHEN (d.stop AT TIME ZONE 'Asia/Shanghai')::date <= d.recv + 15 THEN 'met' ELSE 'breached' END,
            'national-2022'
       FROM cases c, LATERAL (SELECT (c.received_at AT TIME ZONE 'Asia/Shanghai')::date AS recv,
              CASE WHEN c.status = 'registered' THEN NULL
                   ELSE c.received_at + (random() * interval '18 days') END AS stop) d
      WHERE ${inRange}`,
    range,
  );
  await q.query(
    `INSERT INTO case_clocks (case_id, clock, step, started_on, due_on, stopped_at, state, pack)
     SELECT c.id, 'statutory', 'handling', d.recv + 3, d.recv + 63, c.replied_at,
            CASE WHEN c.replied_at IS NULL THEN 'running'
                 WHEN (c.replied_at AT TIME ZONE 'Asia/Shanghai')::date <= d.recv + 63 THEN 'met' ELSE 'breached' END,
            'national-2022'
       FROM cases c, LATERAL (SELECT (c.received_at AT TIME ZONE 'Asia/Shanghai')::date AS recv) d
      WHERE ${inRange} AND c.status <> 'registered'`,
    range,
  );
  await q.query(
    `INSERT INTO case_clocks (case_id, clock, step, started_on, due_on, stopped_at, state, pack)
     SELECT c.id, 'statutory', 'evaluationWindow', d.rep, d.rep + 7,
            CASE WHEN c.rated_at IS NULL AND c.status = 'archived' THEN (d.rep + 8)::timestamptz ELSE c.rated_at END,
            CASE WHEN c.rated_at IS NULL THEN CASE WHEN c.status = 'archived' THEN 'breached' ELSE 'running' END
                 ELSE 'met' END,
            'national-2022'
       FROM cases c, LATERAL (SELECT (c.replied_at AT TIME ZONE 'Asia/Shanghai')::date AS rep) d
      WHERE ${inRange} AND c.replied_at IS NOT NULL`,
    range,
  );
  await q.query(
    `INSERT INTO case_events (case_id, seq, at, actor_label, action, from_status, to_status)
     SELECT c.id, 1, c.registered_at, '登记员', 'register', NULL, 'registered' FROM cases c WHERE ${inRange}
     UNION ALL
     SELECT c.id, 2, c.registered_at + interval '1 day', '登记员', 'accept', 'registered', 'accepted'
       FROM cases c WHERE ${inRange} AND c.status <> 'registered'
     UNION ALL
     SELECT a.case_id, 3, a.assigned_at, '办公室', 'assign', 'signed_off', 'assigned'
       FROM case_assignments a JOIN cases c ON c.id = a.case_id WHERE ${inRange}
     UNION ALL
     SELECT c.id, 4, c.replied_at, '办公室', 'reply', 'vetted', 'replied'
       FROM cases c WHERE ${inRange} AND c.replied_at IS NOT NULL`,
    range,
  );
}
