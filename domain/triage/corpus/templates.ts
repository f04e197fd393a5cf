import type { Nature } from "../../workflow/statuses.ts";

/**
 * Hand-written petition templates, three or more per category of the seeded taxonomy, each with
 * the nature a registrar would give it. Slots in braces are filled from the lists below by
 * `generate.ts`. `matter` templates of the same category with the same `matter` key describe the
 * same facts in other words: they make the "same matter reworded" repeat pairs.
 */
export interface PetitionTemplate {
  category: string;
  nature: Nature;
  /** Templates sharing a matter key tell the same story (for repeat pairs). */
  matter: string;
  title: string;
  text: string;
}

export const SLOTS = {
  town: ["城关镇", "河口乡", "石门镇", "东岭镇", "柳树乡", "新华街道"],
  village: ["西关村", "杨庄村", "李家沟村", "南坪村", "红旗社区", "王家湾村", "大石村", "青龙村", "后营村"],
  company: [
    "宏达建筑工程有限公司",
    "鑫源矿业有限公司",
    "华盛房地产开发有限公司",
    "顺通物流有限公司",
    "恒泰建材厂",
    "永兴纺织有限公司",
    "天成置业有限公司",
    "盛世园林绿化公司",
  ],
  project: [
    "滨河花园小区",
    "县城南环路改造工程",
    "城东安置房项目",
    "工业园区标准厂房",
    "幸福里棚改项目",
    "翠湖名苑",
  ],
  person: [
    "王建国",
    "李秀英",
    "张卫东",
    "刘桂兰",
    "陈志强",
    "杨红梅",
    "赵德胜",
    "黄玉珍",
    "周海涛",
    "吴春花",
  ],
  official: ["村支书", "村主任", "村会计", "镇干部", "站所负责人"],
  amount: ["8600元", "3.6万元", "12万元", "27万元", "4.5万元", "68万元", "1.9万元"],
  count: ["6", "12", "23", "35", "48", "9"],
  year: ["2019", "2020", "2021", "2022", "2023", "2024"],
  school: ["县第二实验小学", "城关中学", "县第一中学", "河口中心小学"],
  mine: ["红星煤矿", "鑫源铁矿", "东岭石膏矿"],
} as const;

export type SlotName = keyof typeof SLOTS;

export const TEMPLATES: PetitionTemplate[] = [
  // 拖欠农民工工资
  {
    category: "labor.wage_arrears",
    nature: "request",
    matter: "wage1",
    title: "反映{company}拖欠农民工工资",
    text: "我们{count}名农民工在{project}为{company}干活，从{year}年干到年底，老板一直拖欠工资共计{amount}，多次讨要无果，包工头电话也打不通了。家里老人看病、孩子上学都等着这笔钱，请求劳动监察部门督促{company}尽快支付拖欠的工资。",
  },
  {
    category: "labor.wage_arrears",
    nature: "request",
    matter: "wage1",
    title: "{project}工人工资至今未发",
    text: "{year}年我们在{project}工地打工，施工方是{company}，到现在还欠我们{count}个人的工钱{amount}。找项目经理说等工程款下来再给，一拖再拖。马上过年了，我们实在没办法，恳请政府帮忙讨回血汗钱。",
  },
  {
    category: "labor.wage_arrears",
    nature: "accusation",
    matter: "wage2",
    title: "举报{company}恶意欠薪",
    text: "举报{company}老板转移财产、恶意拖欠工人工资。该公司承建{project}，工程早已完工验收，却以各种理由拒付{count}名工人工资{amount}，还威胁讨薪工人。请求依法查处恶意欠薪行为，追究老板责任。",
  },
  {
    category: "labor.wage_arrears",
    nature: "inquiry",
    matter: "wage3",
    title: "咨询农民工工资保证金",
    text: "想咨询一下，{project}的施工单位{company}欠我工资{amount}，听说工程项目都交了农民工工资保证金，我们能不能申请用保证金先行垫付？需要准备哪些材料，到哪个部门办理？",
  },
  // 拖欠工程款
  {
    category: "labor.project_payment",
    nature: "request",
    matter: "proj1",
    title: "请求协调支付{project}工程款",
    text: "我公司于{year}年承包了{project}的部分土建工程，工程已竣工验收并交付使用，但发包方{company}至今拖欠工程款{amount}。我们垫资施工，材料商天天上门要账，工人工资也发不出。请求有关部门协调发包方按合同结算付款。",
  },
  {
    category: "labor.project_payment",
    nature: "request",
    matter: "proj1",
    title: "{company}欠我方工程款不结算",
    text: "{company}开发的{project}，我们负责水电安装，{year}年就干完了。对方一直不给结算，欠款{amount}，审计报告也出了还是不付。请政府督促开发商按审计结果付清工程款。",
  },
  {
    category: "labor.project_payment",
    nature: "suggestion",
    matter: "proj2",
    title: "建议规范政府投资项目工程款支付",
    text: "近年来政府投资的{project}等项目拖欠施工企业工程款的情况较多，层层转包导致农民工工资也被拖欠。建议县里建立工程款支付担保和按月进度付款制度，审计结算设定时限，从源头上防止拖欠。",
  },
  // 劳动合同
  {
    category: "labor.contract",
    nature: "request",
    matter: "contract1",
    title: "{company}辞退不给补偿",
    text: "我在{company}工作了八年，{year}年公司说经营困难直接口头辞退我，不签解除合同的书面通知，也不给经济补偿金。社保也只交到上个月。请求帮助我依法拿到经济补偿，补缴社保。",
  },
  {
    category: "labor.contract",
    nature: "request",
    matter: "contract1",
    title: "被单位无故解除劳动合同",
    text: "本人是{company}的职工，入职多年，公司突然以调岗不服从为由解除劳动合同，没有任何补偿。我认为公司违法解除，请求劳动部门督促{company}支付赔偿金。",
  },
  {
    category: "labor.contract",
    nature: "inquiry",
    matter: "contract2",
    title: "咨询未签劳动合同双倍工资",
    text: "我在{company}上班一年多，公司一直不和我签劳动合同，也没有交社保。想咨询一下这种情况能不能要求双倍工资，劳动仲裁要到哪里申请，时效是多长时间？",
  },
  // 征地补偿
  {
    category: "land.compensation",
    nature: "request",
    matter: "landcomp1",
    title: "{village}征地补偿款未到位",
    text: "{year}年{town}{village}的耕地被征收用于{project}建设，我家被征了三亩二分地，按公告标准应补偿{amount}，到现在只拿到一半。问村里说镇上没拨，问镇上说县里没批。请求尽快足额发放征地补偿款。",
  },
  {
    category: "land.compensation",
    nature: "request",
    matter: "landcomp1",
    title: "征地款只发了一半",
    text: "{town}{village}村民反映：{project}征用我们组的土地已经好几年了，地早就推平了，补偿款只发了一部分，剩余{amount}迟迟不兑现，失地后生活没有着落。恳请政府落实征地补偿政策。",
  },
  {
    category: "land.compensation",
    nature: "appeal",
    matter: "landcomp2",
    title: "对征地补偿标准不服",
    text: "我对{town}关于{village}征地补偿的答复不服。我家被征收的是水浇地和大棚，却按旱地标准补偿，地上附着物也没有评估。申请重新核定补偿标准，依法补偿大棚和果树损失。",
  },
  {
    category: "land.compensation",
    nature: "suggestion",
    matter: "landcomp3",
    title: "建议公开征地补偿测算依据",
    text: "建议县自然资源部门在征地前公开补偿标准和测算依据，把{village}等村的征地面积、补偿金额张榜公示，接受群众监督，减少因为补偿不透明引发的矛盾。",
  },
  // 房屋拆迁
  {
    category: "land.demolition",
    nature: "request",
    matter: "demo1",
    title: "{project}拆迁安置房迟迟不交付",
    text: "我家房子{year}年因{project}被拆迁，签协议时承诺两年内交付安置房，现在已经过期三年，安置房还没建好，过渡费也停发了。一家人租房住，请求督促尽快交付安置房并补发过渡费。",
  },
  {
    category: "land.demolition",
    nature: "request",
    matter: "demo1",
    title: "安置房逾期未交过渡费停发",
    text: "{town}{project}拆迁户反映：协议约定的回迁安置房严重逾期，开发单位{company}资金断了，工地停工，过渡安置费从去年起就没再发。我们要求按协议交房，补发过渡费。",
  },
  {
    category: "land.demolition",
    nature: "accusation",
    matter: "demo2",
    title: "举报强拆",
    text: "举报{town}在没有签订补偿协议、没有作出征收决定的情况下，组织人员夜间强行拆除{village}村民{person}家的房屋，屋里的家具财物被埋。请求依法查处违法强拆行为，赔偿损失。",
  },
  // 补偿款分配
  {
    category: "land.distribution",
    nature: "request",
    matter: "dist1",
    title: "出嫁女未分到土地补偿款",
    text: "我是{village}的村民，户口一直在村里，结婚后没有迁出。村里分配征地补偿款时，以出嫁女为由不给我和孩子分，每人少了{amount}。请求镇里纠正村里的分配方案，保障我们的合法权益。",
  },
  {
    category: "land.distribution",
    nature: "request",
    matter: "dist1",
    title: "村里补偿款分配不给外嫁女",
    text: "{town}{village}分配集体土地补偿款，村民代表会议决定外嫁女及其子女不参与分配。我户籍在本村、也承担村民义务，却被排除在外。请求依法确认我的集体经济组织成员资格，分给应得份额。",
  },
  {
    category: "land.distribution",
    nature: "inquiry",
    matter: "dist2",
    title: "咨询土地补偿款分配办法",
    text: "我们{village}马上要分征地补偿款，想咨询一下，新出生的孩子、上大学迁出户口的学生、服刑人员能不能参与分配？分配方案是不是要经过村民会议表决，由谁来审核？",
  },
  // 改制职工安置
  {
    category: "enterprise.staff",
    nature: "request",
    matter: "ent1",
    title: "原县{company}改制职工身份置换金未兑现",
    text: "原县属{company}在{year}年改制，我们{count}名老职工被买断工龄，当时承诺的身份置换金和拖欠的集资款至今未兑现，每人少则几千多则{amount}。我们大多已经退休，生活困难，请求政府落实改制时的承诺。",
  },
  {
    category: "enterprise.staff",
    nature: "request",
    matter: "ent1",
    title: "企业改制遗留问题",
    text: "{company}改制已经很多年了，改制方案里说的职工安置费没有发全，养老保险也断缴了几年，现在办退休手续办不下来。我们是老职工代表，请求县里成立专班解决改制遗留问题。",
  },
  {
    category: "enterprise.staff",
    nature: "appeal",
    matter: "ent2",
    title: "对改制安置答复不服",
    text: "针对{company}改制安置问题，县国资部门给我们的答复说已经依法安置完毕，我们不认可。当时的职工代表大会没有合法召开，安置方案没有职工签字。申请复查，重新审核改制安置方案。",
  },
  // 非法集资
  {
    category: "lending.illegal_funding",
    nature: "accusation",
    matter: "fund1",
    title: "举报{company}非法集资",
    text: "举报{company}以高额利息为诱饵，向社会公众吸收资金，承诺月息两分，我们{count}户村民投入{amount}，现在老板跑路了，公司关门。请求公安机关立案侦查，追回集资款。",
  },
  {
    category: "lending.illegal_funding",
    nature: "request",
    matter: "fund1",
    title: "集资款无法收回",
    text: "前几年{company}在{town}到处拉人投资，说是做养老项目，利息比银行高很多。我把养老钱{amount}都投进去了，到期不还本金，负责人联系不上。请求政府帮我们追回集资款，严惩骗子。",
  },
  {
    category: "lending.illegal_funding",
    nature: "inquiry",
    matter: "fund2",
    title: "咨询非法集资案件退赔进度",
    text: "我是{company}非法集资案的受害人，已经在公安登记过了，投了{amount}。想咨询一下案件现在进展到哪一步了，追缴的资金什么时候能按比例退赔，需要我们再提供什么材料？",
  },
  // 民间借贷纠纷
  {
    category: "lending.private_loans",
    nature: "request",
    matter: "loan1",
    title: "借款{amount}对方拒不归还",
    text: "{year}年同村的{person}向我借了{amount}做生意，打了借条，约定一年归还。到期后一直推托不还，现在电话不接，人也躲着不见。请求相关部门帮助调解，督促其归还借款。",
  },
  {
    category: "lending.private_loans",
    nature: "request",
    matter: "loan1",
    title: "民间借贷纠纷请求调解",
    text: "我借给{village}的{person}{amount}，有借条为证，多年讨要未果。村里调解了两次他也不认账，说钱是借给他儿子的。请求镇司法所组织调解，帮助我要回借款。",
  },
  {
    category: "lending.private_loans",
    nature: "inquiry",
    matter: "loan2",
    title: "咨询借条过期还能不能起诉",
    text: "我{year}年借给别人{amount}，借条上没写还款日期，对方一直不还。想咨询一下现在过了好几年了还能不能起诉，诉讼时效怎么算，到法院立案需要什么材料？",
  },
  // 诉讼类 (涉法涉诉)
  {
    category: "legal.litigation",
    nature: "appeal",
    matter: "lit1",
    title: "对法院判决不服",
    text: "我与{company}的合同纠纷案件，县法院{year}年作出判决，认定事实不清，适用法律错误，二审也维持原判。我不服判决，请求上级机关督促法院再审，还我公道。",
  },
  {
    category: "legal.litigation",
    nature: "appeal",
    matter: "lit1",
    title: "判决不公申请再审",
    text: "本人与{company}买卖合同纠纷一案，法院一审二审都判我败诉，关键证据没有采信，审判程序也有问题。我已经向中院申请再审被驳回，请求重新审理此案。",
  },
  {
    category: "legal.litigation",
    nature: "accusation",
    matter: "lit2",
    title: "反映法官枉法裁判",
    text: "我的离婚财产纠纷案件中，承办法官与对方当事人私下接触，故意不调取我申请的证据，判决明显偏向对方。请求对该法官违法违纪行为进行调查，依法纠正错误判决。",
  },
  // 执行难
  {
    category: "legal.enforcement",
    nature: "request",
    matter: "enf1",
    title: "判决生效多年执行不到位",
    text: "我与{person}的借款纠纷，县法院{year}年判决对方还款{amount}，判决早已生效。申请强制执行后法院一直说对方没有财产，可他开着豪车住着新房。请求督促法院加大执行力度。",
  },
  {
    category: "legal.enforcement",
    nature: "request",
    matter: "enf1",
    title: "申请执行案件久拖不执行",
    text: "{year}年我申请法院强制执行{person}欠款{amount}一案，立案后就终结本次执行程序了，这么多年一分钱没执行到。被执行人名下有房有车，请求法院恢复执行。",
  },
  {
    category: "legal.enforcement",
    nature: "request",
    matter: "enf2",
    title: "劳动仲裁裁决{company}拒不执行",
    text: "劳动仲裁委已经裁决{company}支付我工资和补偿金{amount}，裁决生效后公司拒不履行。我申请了法院强制执行，至今没有结果。请求督促执行，帮我拿到钱。",
  },
  // 房屋质量
  {
    category: "construction.housing_quality",
    nature: "request",
    matter: "hq1",
    title: "{project}新房墙体开裂漏水",
    text: "我们是{project}的业主，{year}年交房后不久就发现墙体大面积开裂，卫生间和屋顶漏水，开发商{company}一直推诿不维修。请求住建部门督促开发商履行保修责任，检测房屋质量。",
  },
  {
    category: "construction.housing_quality",
    nature: "request",
    matter: "hq1",
    title: "商品房质量问题开发商不管",
    text: "{company}开发的{project}住宅楼，交付后外墙脱落、地下室渗水、楼板裂缝，严重威胁安全。业主多次找开发商和物业，都说不归他们管。请求有关部门组织质量鉴定并责令整改。",
  },
  {
    category: "construction.housing_quality",
    nature: "request",
    matter: "hq2",
    title: "{project}延期交房不办房产证",
    text: "我在{project}买了房，合同约定{year}年交房，结果延期一年多才交，交房后三年了还办不了不动产权证，孩子上学都受影响。请求督促{company}尽快办证并支付违约金。",
  },
  // 规划与采光
  {
    category: "construction.daylight",
    nature: "request",
    matter: "day1",
    title: "新建楼房挡住我家采光",
    text: "{company}在我们小区南边新建的{project}高楼，离我们楼太近，冬天一楼到三楼整天照不到太阳。我们怀疑规划审批违反日照间距标准，请求规划部门核查，给予采光补偿。",
  },
  {
    category: "construction.daylight",
    nature: "request",
    matter: "day1",
    title: "{project}影响日照",
    text: "{project}建成后，我们老楼的日照时间严重不足，冬至日基本没有阳光，家里老人长期阴冷。开发单位{company}不予理睬。请求自然资源部门公开规划许可，依法处理日照纠纷。",
  },
  {
    category: "construction.daylight",
    nature: "accusation",
    matter: "day2",
    title: "举报违法加层建设",
    text: "举报{company}在{project}未经规划许可擅自加盖两层，超出规划许可的建筑高度和容积率，已经影响周边居民的采光通风。请求依法查处违法建设并拆除违建部分。",
  },
  // 物业管理
  {
    category: "construction.property",
    nature: "request",
    matter: "prop1",
    title: "{project}物业服务差乱收费",
    text: "{project}小区物业公司服务很差，电梯经常坏、垃圾没人清、监控形同虚设，却要求业主每年上涨物业费，还强行收取停车费。请求住建部门督促物业整改，规范收费。",
  },
  {
    category: "construction.property",
    nature: "request",
    matter: "prop1",
    title: "小区电梯长期故障物业不修",
    text: "我们{project}小区3号楼电梯坏了两个多月，物业说维修资金不够不给修，老人上下楼非常困难。物业费一分没少收。请求有关部门督促物业公司尽快维修电梯。",
  },
  {
    category: "construction.property",
    nature: "suggestion",
    matter: "prop2",
    title: "建议指导成立业主委员会",
    text: "我们{project}入住好几年了一直没有业主委员会，物业公司是开发商指定的，业主没有话语权。建议街道和住建部门指导小区依法召开业主大会，成立业委会，公开维修资金使用情况。",
  },
  // 退役待遇
  {
    category: "veterans.benefits",
    nature: "request",
    matter: "vet1",
    title: "退役士兵安置待遇未落实",
    text: "我是{year}年退役的士兵，按政策应享受的一次性经济补助和参战人员生活补助至今没有落实。多次到镇里反映，说要等县里统一核定。请求退役军人事务部门核实我的身份，落实相关待遇。",
  },
  {
    category: "veterans.benefits",
    nature: "request",
    matter: "vet1",
    title: "请求落实退役军人优抚待遇",
    text: "本人曾服役多年，退役后回到{town}{village}务农，身体有伤病。近几年其他战友都领到了优抚补助，我的材料报上去一直没有下文。请求尽快审核落实我的优抚待遇。",
  },
  {
    category: "veterans.benefits",
    nature: "inquiry",
    matter: "vet2",
    title: "咨询退役军人社保接续",
    text: "想咨询一下，我是退役军人，服役期间的军龄能不能视同养老保险缴费年限？现在在{company}上班，社保怎么接续，需要到退役军人事务局开什么证明？",
  },
  // 采空塌陷
  {
    category: "mining.subsidence",
    nature: "request",
    matter: "sub1",
    title: "{mine}采空区导致房屋开裂",
    text: "{town}{village}紧挨着{mine}，多年地下开采形成采空区，近两年村里地面塌陷，{count}户房屋墙体开裂、地基下沉，耕地出现裂缝没法种。请求组织鉴定，督促矿方赔偿并治理塌陷。",
  },
  {
    category: "mining.subsidence",
    nature: "request",
    matter: "sub1",
    title: "煤矿开采房屋裂缝",
    text: "我们{village}村民的房子因为{mine}井下采煤出现严重裂缝，下雨天漏雨，住着提心吊胆。矿上只给了少量维修费就不管了。请求政府督促{mine}承担责任，赔偿损失。",
  },
  {
    category: "mining.subsidence",
    nature: "suggestion",
    matter: "sub2",
    title: "建议建立采空塌陷治理基金",
    text: "我县{mine}等矿山周边塌陷问题突出，群众反复上访。建议从矿产资源收益中提取专项资金设立塌陷治理基金，定期监测地表沉降，对受损房屋及时鉴定修缮。",
  },
  // 搬迁安置
  {
    category: "mining.relocation",
    nature: "request",
    matter: "rel1",
    title: "塌陷区搬迁安置进展缓慢",
    text: "{village}被划入{mine}塌陷区整村搬迁范围已经{year}年了，安置点一直没建好，我们仍住在危房里。请求加快搬迁安置进度，先解决危房户的临时安置。",
  },
  {
    category: "mining.relocation",
    nature: "request",
    matter: "rel1",
    title: "整村搬迁迟迟不落实",
    text: "{town}{village}处于采煤塌陷区，县里说要整体搬迁，可几年过去了只搬了一部分，剩下的{count}户还住在裂缝房里。请求政府尽快落实搬迁安置方案。",
  },
  {
    category: "mining.relocation",
    nature: "appeal",
    matter: "rel2",
    title: "对搬迁安置面积认定不服",
    text: "在{mine}塌陷区搬迁中，镇里认定我家安置面积时没有算上后院的两间房，说是违建。这两间房是八十年代就盖的，有老宅基地证。我不服认定结果，请求重新核定安置面积。",
  },
  // 惠农资金
  {
    category: "rural.subsidy",
    nature: "request",
    matter: "sub_farm1",
    title: "耕地地力补贴被冒领",
    text: "我家在{village}有七亩承包地，这几年的耕地地力保护补贴一直没有打到我的一卡通上，查了才知道被别人冒领了。请求镇财政所核查，补发我应得的补贴。",
  },
  {
    category: "rural.subsidy",
    nature: "accusation",
    matter: "sub_farm2",
    title: "举报{official}截留惠农补贴",
    text: "举报{village}{official}利用职务之便截留、挪用村民的粮食直补和低保金，把补贴打到自己亲戚的账户上，涉及金额{amount}。请求纪检监察机关调查处理。",
  },
  {
    category: "rural.subsidy",
    nature: "inquiry",
    matter: "sub_farm3",
    title: "咨询农机购置补贴",
    text: "想咨询一下今年的农机购置补贴怎么申请，我{year}年买了一台收割机，补贴一直没有到账。需要到哪个部门查询，申请有没有截止时间？",
  },
  // 村务公开
  {
    category: "rural.village_affairs",
    nature: "request",
    matter: "va1",
    title: "{village}村务财务不公开",
    text: "{village}多年不公开村务财务，集体土地出租收入、{project}占地补偿款去向不明。村民多次要求查账，{official}都拒绝。请求镇里组织审计村集体账目，并按规定公开。",
  },
  {
    category: "rural.village_affairs",
    nature: "accusation",
    matter: "va2",
    title: "举报{official}侵占集体资金",
    text: "实名举报{village}{official}在任期间虚报冒领工程款、私自出租集体土地收取租金归个人所有，金额约{amount}。请求上级纪委对其贪污问题立案调查。",
  },
  {
    category: "rural.village_affairs",
    nature: "suggestion",
    matter: "va3",
    title: "建议推行村级财务网上公开",
    text: "建议在全县推行村级财务网上公开，每月把{village}这样的村集体收支明细发到手机上，让在外打工的村民也能看到，减少群众对村干部的猜疑。",
  },
  // 村两委选举
  {
    category: "rural.election",
    nature: "accusation",
    matter: "elec1",
    title: "反映村委会选举贿选",
    text: "{town}{village}村委会换届选举中，候选人{person}挨家挨户送钱送烟，每票二百元，还威胁不投票的村民。选举程序严重违法，请求调查处理并宣布选举结果无效。",
  },
  {
    category: "rural.election",
    nature: "request",
    matter: "elec2",
    title: "选举时不让外出务工村民投票",
    text: "{village}这次两委换届，选委会不给我们外出务工的村民发委托投票证，也不公布选民名单。我们要求依法保障选举权，重新公布选民名单。",
  },
  {
    category: "rural.election",
    nature: "inquiry",
    matter: "elec3",
    title: "咨询村委会选举程序",
    text: "想咨询一下村委会换届选举，户口在村里但长期在外居住的人有没有选举权？流动票箱怎么使用，选举结果有异议向哪里反映？",
  },
  // 邻里纠纷
  {
    category: "rural.neighbour",
    nature: "request",
    matter: "nb1",
    title: "邻居占用我家宅基地",
    text: "我家与邻居{person}因宅基地边界发生纠纷，他翻修房子时把墙往我家这边砌了一米多，还堵住了我家的排水沟。村里调解多次没有结果，请求镇里依法确权，恢复原状。",
  },
  {
    category: "rural.neighbour",
    nature: "request",
    matter: "nb1",
    title: "宅基地纠纷多年未解决",
    text: "{village}村民反映：与邻居{person}为宅基地界线争吵了好几年，对方新盖的院墙占了我家地，下雨时水全往我家院子里流。请求土地部门来现场测量，划清界线。",
  },
  {
    category: "rural.neighbour",
    nature: "request",
    matter: "nb2",
    title: "邻居养猪污染环境",
    text: "我家隔壁{person}在院子里养了几十头猪，粪水直接排到路边，臭气熏天，夏天蚊蝇成群，严重影响我们生活。多次协商无果，请求有关部门处理。",
  },
  // 入学
  {
    category: "education.enrolment",
    nature: "request",
    matter: "edu1",
    title: "孩子在{school}入学被拒",
    text: "我们是在县城务工的外来人员，已经办了居住证，孩子今年该上一年级了，{school}说学位不够不接收，让我们回老家上学。请求教育局按政策安排随迁子女就近入学。",
  },
  {
    category: "education.enrolment",
    nature: "request",
    matter: "edu1",
    title: "随迁子女上学难",
    text: "我在{company}打工多年，在县城租房住，孩子报名{school}被拒，理由是没有本地房产。我们有居住证和社保证明，请求教育部门解决孩子就近上学问题。",
  },
  {
    category: "education.enrolment",
    nature: "suggestion",
    matter: "edu2",
    title: "建议{school}周边增设校车",
    text: "{town}很多孩子每天要走十几里山路到{school}上学，家长接送困难，路上也不安全。建议教育部门增设校车线路，或者在中心村恢复教学点。",
  },
  // 治安问题
  {
    category: "security.public_order",
    nature: "request",
    matter: "sec1",
    title: "{village}夜间有人聚众赌博",
    text: "{village}有人长期在村里的小卖部后面聚众赌博，每晚都有十几个人，赌资很大，还经常为赌债打架。村民敢怒不敢言，请求公安机关依法打击。",
  },
  {
    category: "security.public_order",
    nature: "request",
    matter: "sec2",
    title: "报警后被打一事处理不公",
    text: "{year}年我被{person}无故殴打致轻微伤，报警后派出所只对他罚了几百元，医药费至今没有赔偿。请求公安机关依法处理，督促对方赔偿医疗费用。",
  },
  {
    category: "security.public_order",
    nature: "accusation",
    matter: "sec3",
    title: "举报黑恶势力强揽工程",
    text: "举报{town}以{person}为首的一伙人，长期在{project}等工地强行揽活、强买强卖砂石料，不从就堵门打人，当地群众和施工企业深受其害。请求公安机关依法打击。",
  },
  // 养老保险
  {
    category: "social.pension",
    nature: "request",
    matter: "pen1",
    title: "养老保险待遇核定有误",
    text: "我{year}年办理退休，社保部门核定的养老金明显偏低，我的视同缴费年限只算了一半，原单位{company}的档案工龄没有认定。请求人社部门重新核定我的养老保险待遇。",
  },
  {
    category: "social.pension",
    nature: "request",
    matter: "pen1",
    title: "工龄认定不全养老金少发",
    text: "本人原是{company}职工，退休时社保局没有把我在企业的工龄全部认定为视同缴费年限，每月养老金少了好几百元。我有当年的招工表和工资单，请求核实后重新计发。",
  },
  {
    category: "social.pension",
    nature: "inquiry",
    matter: "pen2",
    title: "咨询城乡居民养老保险补缴",
    text: "想咨询一下，我今年快六十岁了，城乡居民养老保险只交了八年，能不能一次性补缴到十五年？补缴的标准是多少，到{town}的哪个窗口办理？",
  },
  // 医疗保障
  {
    category: "social.medical",
    nature: "request",
    matter: "med1",
    title: "住院费用医保不给报销",
    text: "我母亲{year}年在县医院住院花了{amount}，出院后去医保中心报销，说其中一部分药品是目录外的，报销比例很低。我们是低保户，负担不起，请求按政策给予大病救助和报销。",
  },
  {
    category: "social.medical",
    nature: "request",
    matter: "med1",
    title: "大病医疗报销比例太低",
    text: "家里老人患重病住院，总费用{amount}，医保只报了不到一半。我们家是建档立卡户，听说有大病救助，但医保局说不符合条件。请求核实情况，落实医疗救助政策。",
  },
  {
    category: "social.medical",
    nature: "suggestion",
    matter: "med2",
    title: "建议异地就医直接结算",
    text: "很多在外地打工的{town}群众在务工地看病后要回县里报销，来回跑很多趟。建议医保部门扩大异地就医直接结算范围，简化备案手续，开通网上备案。",
  },
  // 不作为乱作为
  {
    category: "conduct.inaction",
    nature: "accusation",
    matter: "cond1",
    title: "反映{town}工作人员推诿不作为",
    text: "我为办理宅基地审批到{town}跑了十几趟，经办人员一会说材料不全，一会说领导不在，始终不给办理，也不一次性告知需要什么材料。请求对相关工作人员的不作为进行问责。",
  },
  {
    category: "conduct.inaction",
    nature: "accusation",
    matter: "cond2",
    title: "举报{official}吃拿卡要",
    text: "举报{town}{official}在办理低保、危房改造等事项时向群众索要好处费，不给钱就不办，还经常接受吃请。请求纪委监委调查其违纪违法问题。",
  },
  {
    category: "conduct.inaction",
    nature: "request",
    matter: "cond3",
    title: "反映部门办事效率低",
    text: "我在{year}年申请的营业执照变更，窗口工作人员态度冷漠，材料交了一个多月都没有结果，打电话也没人接。请求督促相关部门依法限时办结，改进工作作风。",
  },
  // 其他
  {
    category: "other",
    nature: "suggestion",
    matter: "oth1",
    title: "建议增开公交线路",
    text: "{town}到县城只有一趟公交车，每天两班，群众进城看病办事很不方便。建议交通部门增开公交线路或者增加班次，方便群众出行。",
  },
  {
    category: "other",
    nature: "request",
    matter: "oth2",
    title: "{village}饮用水不达标",
    text: "{village}的自来水经常浑浊发黄，有异味，烧开后有很多水垢，村民担心影响健康。请求有关部门检测水质，改造村里的供水管网。",
  },
  {
    category: "other",
    nature: "inquiry",
    matter: "oth3",
    title: "咨询户口迁移手续",
    text: "想咨询一下，我在外地买了房，想把户口从{village}迁过去，需要先到{town}派出所开准迁证明吗？农村的承包地会不会因此被收回？",
  },
  {
    category: "other",
    nature: "request",
    matter: "oth4",
    title: "{company}噪音扰民",
    text: "{company}的厂房紧挨居民区，机器昼夜不停地运转，噪音很大，晚上根本睡不着觉，还有粉尘排放。请求环保部门检测并督促整改。",
  },
];
