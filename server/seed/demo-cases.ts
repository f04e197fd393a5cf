import type { Channel, DestinationLevel, Nature } from "../../domain/workflow/statuses.ts";

/** Realistic demo petitions, written for a county like the seed report's. */
export interface DemoCase {
  title: string;
  content: string;
  category: string;
  nature: Nature;
  regionCode: string;
  channel: Channel;
  headcount?: number;
  destination?: DestinationLevel;
}

export const DEMO_CASES: DemoCase[] = [
  {
    title: "反映某建筑公司拖欠农民工工资问题",
    content:
      "我们一行十二人在县城新区安置房项目务工，某建筑劳务公司自今年三月起拖欠工资共计约二十八万元，多次讨要未果，请求县里协调尽快支付。",
    category: "labor.wage_arrears",
    nature: "request",
    regionCode: "419001001001",
    channel: "visit",
    headcount: 12,
    destination: "county",
  },
  {
    title: "煤矿采空区导致房屋开裂请求搬迁安置",
    content:
      "贾家湾村一组多户村民房屋因附近煤矿开采出现墙体开裂、地面塌陷，存在安全隐患，请求尽快鉴定并落实搬迁安置。",
    category: "mining.subsidence",
    nature: "request",
    regionCode: "419001003202",
    channel: "visit",
    headcount: 7,
    destination: "county",
  },
  {
    title: "村内征地补偿款分配不公",
    content:
      "柳树湾村委会在分配高速公路征地补偿款时未经村民代表大会讨论，部分外嫁女未分得补偿，请求依法重新分配并公开账目。",
    category: "land.distribution",
    nature: "request",
    regionCode: "419001002202",
    channel: "letter",
  },
  {
    title: "建议在河口村设立公交停靠站",
    content: "河口村距乡政府五公里，村民出行不便，建议县交通部门在省道河口村路口增设公交停靠站并调整班次。",
    category: "other",
    nature: "suggestion",
    regionCode: "419001002201",
    channel: "online",
  },
  {
    title: "对社保待遇认定结果不服提出申诉",
    content:
      "本人在原县农机厂工作二十年，企业改制后养老保险缴费年限认定有误，少算八年，对人社部门的认定结果不服，申请复核。",
    category: "social.pension",
    nature: "appeal",
    regionCode: "419001001",
    channel: "online",
  },
  {
    title: "举报村干部虚报冒领惠农补贴",
    content:
      "西关村个别村干部在耕地地力保护补贴发放中虚报面积、冒领补贴，涉及金额数万元，请求纪检监察部门调查处理。",
    category: "rural.subsidy",
    nature: "accusation",
    regionCode: "419001001201",
    channel: "online",
  },
  {
    title: "小区住房出现墙体裂缝要求开发商维修",
    content: "城关镇东街集资建房小区交房两年即出现多处墙体裂缝和渗水，开发商拒不维修，请求住建部门督促整改。",
    category: "construction.housing_quality",
    nature: "request",
    regionCode: "419001001001",
    channel: "phone",
  },
  {
    title: "新建楼房影响住宅采光",
    content:
      "东街社区北侧新建商住楼距离我们住宅楼不足十米，冬季底层住户全天无日照，请求核查规划审批是否合规。",
    category: "construction.daylight",
    nature: "request",
    regionCode: "419001001001",
    channel: "letter",
  },
  {
    title: "非法集资公司无法兑付请求追回本金",
    content:
      "某小额贷款公司以高息为诱饵向群众吸收资金，现无法兑付，涉及本县群众百余人，请求公安机关立案侦查并追赃挽损。",
    category: "lending.illegal_funding",
    nature: "request",
    regionCode: "419001",
    channel: "visit",
    headcount: 23,
    destination: "municipal",
  },
  {
    title: "退役士兵安置待遇未落实",
    content:
      "本人二〇〇五年退役，按政策应享受的自主就业补助至今未足额发放，多次咨询无果，请求退役军人事务部门落实。",
    category: "veterans.benefits",
    nature: "request",
    regionCode: "419001003",
    channel: "online",
  },
  {
    title: "咨询子女入学积分政策",
    content: "我们是进城务工人员，想咨询今年县城小学一年级招生对随迁子女的入学条件和积分办法。",
    category: "education.enrolment",
    nature: "inquiry",
    regionCode: "419001001",
    channel: "phone",
  },
  {
    title: "邻里宅基地界址纠纷",
    content:
      "石门村村民与邻居因宅基地界址发生争执，邻居新建院墙占用我家宅基地约一米，村组调解未果，请求镇里处理。",
    category: "rural.neighbour",
    nature: "request",
    regionCode: "419001003201",
    channel: "visit",
  },
  {
    title: "企业改制后职工身份置换补偿未到位",
    content: "原县食品公司改制时承诺的职工身份置换补偿金至今未全部兑现，涉及职工四十余人，请求协调解决。",
    category: "enterprise.staff",
    nature: "request",
    regionCode: "419001001",
    channel: "visit",
    headcount: 9,
    destination: "provincial",
  },
  {
    title: "法院判决长期得不到执行",
    content: "本人与他人借款纠纷经县法院判决胜诉已三年，对方有财产却一直未执行到位，请求督促执行。",
    category: "legal.enforcement",
    nature: "request",
    regionCode: "419001002",
    channel: "letter",
  },
  {
    title: "工程款拖欠导致工人讨薪",
    content: "承建乡村道路工程的施工队反映发包方拖欠工程款一百余万元，导致无法支付工人工资，请求协调。",
    category: "labor.project_payment",
    nature: "request",
    regionCode: "419001002201",
    channel: "referral",
    headcount: 5,
  },
  {
    title: "建议公开村级财务收支",
    content: "建议河口村按季度在村务公开栏公布集体收入和支出明细，接受村民监督。",
    category: "rural.village_affairs",
    nature: "suggestion",
    regionCode: "419001002201",
    channel: "online",
  },
];

export const DEMO_NAMES = [
  "张建国",
  "李秀英",
  "王德明",
  "刘桂兰",
  "陈志强",
  "杨春花",
  "赵永福",
  "黄淑珍",
  "周海涛",
  "吴玉梅",
  "徐长林",
  "孙凤霞",
];
