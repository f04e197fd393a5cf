import { toShanghaiDate } from "../../domain/calendar/local-date.ts";
import type { KnowledgeKind } from "../../domain/schemas/knowledge.ts";
import type { Db } from "../db/index.ts";
import { actorFor } from "../seed/demo-progress.ts";
import { createEntry } from "./entries.ts";

interface DemoEntry {
  category: string;
  kind: KnowledgeKind;
  title: string;
  body: string;
  legalBasis: string;
  isPublic: boolean;
  /** Days from today; negative = already expired (kept to show that expired entries are not offered). */
  validUntilDays?: number;
}

/** The demo county's knowledge base: written for the demo, in the bureau's plain official style. */
export const DEMO_ENTRIES: DemoEntry[] = [
  {
    category: "labor.wage_arrears",
    kind: "policy",
    title: "农民工工资被拖欠，应当向哪里反映？",
    body: "工资被拖欠的，可以向工程或用人单位所在地的县人力资源和社会保障局劳动保障监察大队投诉，也可以拨打12345热线。投诉时请说明用人单位名称、工程项目、拖欠人数和金额，并提供考勤记录、工资条或欠条等材料。监察机构受理后依法责令用人单位限期支付；建设工程项目欠薪的，由施工总承包单位先行清偿。",
    legalBasis: "《保障农民工工资支付条例》第三十条、第四十八条",
    isPublic: true,
  },
  {
    category: "labor.wage_arrears",
    kind: "model_reply",
    title: "答复范本：工程项目欠薪已责令总包单位清偿",
    body: "信访人：您反映的某工程项目拖欠农民工工资问题，经县人力资源和社会保障局调查核实，情况属实。县人社局已依法向施工总承包单位下达限期整改指令书，由其先行清偿所拖欠的工资，并动用工资保证金予以保障。请您在收到本意见书后与项目部联系核对工资数额。如对本处理意见不服，可自收到之日起三十日内向县人民政府申请复查。",
    legalBasis: "《保障农民工工资支付条例》第三十条；《信访工作条例》第三十五条",
    isPublic: false,
  },
  {
    category: "labor.project_payment",
    kind: "policy",
    title: "拖欠工程款和拖欠工资有什么不同？",
    body: "工程款是发包方与承包方之间的合同价款，属于民事纠纷，可以协商、申请仲裁或向人民法院起诉；农民工工资是劳动报酬，可以向劳动保障监察机构投诉。工程款纠纷不得作为拖欠农民工工资的理由。",
    legalBasis: "《保障农民工工资支付条例》第二十四条；《中华人民共和国民法典》第八百零七条",
    isPublic: true,
  },
  {
    category: "labor.contract",
    kind: "policy",
    title: "用人单位不签劳动合同怎么办？",
    body: "用人单位自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的，应当向劳动者每月支付二倍的工资。劳动者可以向劳动保障监察机构投诉，或者在一年内向劳动人事争议仲裁委员会申请仲裁。",
    legalBasis: "《中华人民共和国劳动合同法》第八十二条",
    isPublic: true,
  },
  {
    category: "land.compensation",
    kind: "policy",
    title: "征地补偿标准如何确定，在哪里查询？",
    body: "征收农用地的土地补偿费和安置补助费，按照省人民政府公布的区片综合地价确定，每三年调整或者重新公布一次。征收土地预公告、补偿安置方案在被征收土地所在的乡镇和村、村民小组范围内公告，群众可到乡镇人民政府或自然资源部门查询。",
    legalBasis: "《中华人民共和国土地管理法》第四十七条、第四十八条",
    isPublic: true,
  },
  {
    category: "land.distribution",
    kind: "model_reply",
    title: "答复范本：村集体补偿款分配方案须经村民会议决定",
    body: "信访人：您反映的村集体土地补偿款分配问题，经乡镇人民政府调查，该村分配方案尚未经村民会议或者村民代表会议讨论决定。乡镇人民政府已责令村民委员会依法重新召开村民代表会议讨论分配方案，并将结果张榜公布。对分配方案仍有异议的，可以向乡镇人民政府反映，或者依法向人民法院起诉。",
    legalBasis: "《中华人民共和国村民委员会组织法》第二十四条",
    isPublic: false,
  },
  {
    category: "social.pension",
    kind: "policy",
    title: "城乡居民养老保险断缴后能否补缴？",
    body: "参加城乡居民基本养老保险的人员，中断缴费的可以按规定补缴。距规定领取年龄不足十五年的，可以按年缴费，也允许补缴，累计缴费不超过十五年。具体办理可到户籍所在地乡镇便民服务中心咨询。",
    legalBasis: "《国务院关于建立统一的城乡居民基本养老保险制度的意见》",
    isPublic: true,
  },
  {
    category: "social.medical",
    kind: "policy",
    title: "异地就医如何备案和报销？",
    body: "参保人员到外地就医，可以通过国家医保服务平台或者县医疗保障局窗口办理异地就医备案。备案后在定点医疗机构直接结算；未备案先行垫付的，可以持发票和病历回参保地按规定报销。",
    legalBasis: "《医疗保障基金使用监督管理条例》",
    isPublic: true,
  },
  {
    category: "education.enrolment",
    kind: "policy",
    title: "随迁子女在本县入学需要哪些材料？",
    body: "随迁子女申请在本县义务教育学校就读，一般需要提供监护人的居住证明、务工或经营证明、户口簿和儿童预防接种证明。具体时间和学区划分以县教育局每年发布的招生公告为准。",
    legalBasis: "《中华人民共和国义务教育法》第十二条",
    isPublic: true,
  },
  {
    category: "construction.property",
    kind: "model_reply",
    title: "答复范本：物业服务纠纷的处理途径",
    body: "信访人：您反映的小区物业服务问题，经县住房和城乡建设局调查，已约谈物业服务企业，责令其在十五日内完成公共设施维修并公示维修费用。业主对物业服务企业的其他争议，可以通过业主大会依法决定续聘或者解聘，也可以向人民法院提起诉讼。",
    legalBasis: "《物业管理条例》第二十一条、第三十五条",
    isPublic: false,
  },
  {
    category: "veterans.benefits",
    kind: "policy",
    title: "退役军人优待证如何申领？",
    body: "退役军人可以向户籍所在地的乡镇退役军人服务站提出申领，也可以通过县退役军人事务局办理。申领时提供身份证件、退役证件和近期免冠照片。",
    legalBasis: "《中华人民共和国退役军人保障法》第六十二条",
    isPublic: true,
  },
  {
    category: "rural.subsidy",
    kind: "policy",
    title: "耕地地力保护补贴发放标准（2025年度）",
    body: "2025年度耕地地力保护补贴按照确权承包地面积发放，资金通过“一卡通”直接拨付到户。本条目为上一年度标准，已过有效期，仅作查阅。",
    legalBasis: "县农业农村局年度补贴实施方案",
    isPublic: true,
    validUntilDays: -30,
  },
];

/**
 * Loads the demo knowledge base through the same function the console uses (versions and audit
 * rows included), as the demo office user. An existing entry title is not loaded twice.
 */
export async function seedKnowledgeDemo(db: Db, now: Date): Promise<number> {
  const existing = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM knowledge_entries");
  if (existing.rows[0]!.n > 0) return 0;
  const actor = await actorFor(db, "office");
  const cats = await db.query<{ id: string; code: string }>("SELECT id, code FROM categories");
  const byCode = new Map(cats.rows.map((r) => [r.code, r.id]));
  const today = toShanghaiDate(now);
  let n = 0;
  for (const e of DEMO_ENTRIES) {
    const categoryId = byCode.get(e.category);
    if (!categoryId) continue;
    const validUntil =
      e.validUntilDays === undefined
        ? null
        : toShanghaiDate(new Date(now.getTime() + e.validUntilDays * 86_400_000));
    await db.transaction((tx) =>
      createEntry(
        tx,
        {
          categoryId,
          kind: e.kind,
          title: e.title,
          body: e.body,
          legalBasis: e.legalBasis,
          validFrom: null,
          validUntil,
          ownerUnitId: actor.unitId,
          isPublic: e.isPublic,
          isArchived: false,
        },
        { actor, now, today, ip: null },
        { action: "knowledge_entry_create" },
      ),
    );
    n += 1;
  }
  return n;
}
