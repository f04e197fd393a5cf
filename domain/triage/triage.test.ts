import { describe, expect, it } from "vitest";
import { generatePairs, generatePetitions } from "./corpus/generate.ts";
import { TEMPLATES } from "./corpus/templates.ts";
import { cues } from "./cues.ts";
import { askSentence, charGrams, sentencesOf, textFeatures } from "./features.ts";
import { fitTemperature, predictLinear, trainLinear } from "./linear.ts";
import { demoUnitFor, fromPractice, unitsByName } from "./routing.ts";
import { applyRules, CATEGORY_RULES, routeOutFlags } from "./rules.ts";
import { accuracy, categoryInput, suggestTriage } from "./suggest.ts";

const toyExamples = [
  { features: ["c:工资", "c:拖欠", "c:农民工"], label: "wages" },
  { features: ["c:工资", "c:包工头", "c:讨薪"], label: "wages" },
  { features: ["c:征地", "c:补偿", "c:耕地"], label: "land" },
  { features: ["c:拆迁", "c:补偿", "c:安置"], label: "land" },
];
const toyOptions = { l2: 1e-4, epochs: 30, learningRate: 5, seed: 3, minDf: 1, maxWeights: 1000 };

describe("character grams", () => {
  it("cut 1–3-grams inside runs of characters, never across punctuation, with amounts as one symbol", () => {
    expect(charGrams("欠薪，3.5万")).toEqual(["欠", "薪", "欠薪", "0", "万", "0万"]);
    expect(charGrams("讨薪", 2)).toEqual(["讨", "薪", "讨薪"]);
    const f = textFeatures("拖欠工资", ["拖欠", "工资"]);
    expect(f).toContain("w:拖欠");
    expect(f).toContain("c:欠工资");
    expect(f).toEqual([...f].sort());
  });

  it("carry a typo the word list misses: 工姿 still shares grams with 工资 petitions", () => {
    const f = textFeatures("工地工姿没给", []);
    expect(f).toContain("c:工");
    expect(f).toContain("c:工地");
  });
});

describe("the linear model", () => {
  it("ranks the class whose features the text has, and names those features as the reason", () => {
    const m = trainLinear(toyExamples, toyOptions);
    const [first, second] = predictLinear(m, ["c:拖欠", "c:工资", "c:补偿"]);
    expect(first!.label).toBe("wages");
    expect(first!.reasons).toEqual(expect.arrayContaining(["c:拖欠", "c:工资"]));
    expect(first!.reasons).not.toContain("c:补偿");
    expect(first!.probability + second!.probability).toBeCloseTo(1);
    expect(first!.probability).toBeGreaterThan(0.5);
  });

  it("gives the same JSON for the same examples, and another one for another seed", () => {
    const a = JSON.stringify(trainLinear(toyExamples, toyOptions));
    expect(JSON.stringify(trainLinear([...toyExamples], toyOptions))).toBe(a);
    expect(JSON.stringify(trainLinear(toyExamples, { ...toyOptions, seed: 4 }))).not.toBe(a);
  });

  it("weighs a rare class up with class weights, and changes nothing without them (sixth round)", () => {
    // Four texts about wages, one about land; a text with the words of both.
    const skewed = [
      { features: ["c:工资", "c:共同"], label: "wages" },
      { features: ["c:工资", "c:拖欠", "c:共同"], label: "wages" },
      { features: ["c:讨薪", "c:共同"], label: "wages" },
      { features: ["c:工资", "c:讨薪", "c:共同"], label: "wages" },
      { features: ["c:征地", "c:共同"], label: "land" },
    ];
    const land = (m: ReturnType<typeof trainLinear>) =>
      predictLinear(m, ["c:共同"]).find((s) => s.label === "land")!.probability;
    const plain = trainLinear(skewed, toyOptions);
    expect(JSON.stringify(trainLinear(skewed, { ...toyOptions, classWeightPower: 0 }))).toBe(
      JSON.stringify(plain),
    );
    const weighed = trainLinear(skewed, { ...toyOptions, classWeightPower: 1 });
    expect(land(weighed)).toBeGreaterThan(land(plain) + 0.05);
    // Balanced classes: the weights are all 1, the model the same.
    expect(JSON.stringify(trainLinear(toyExamples, { ...toyOptions, classWeightPower: 1 }))).toBe(
      JSON.stringify(trainLinear(toyExamples, toyOptions)),
    );
  });

  it("keeps at most maxWeights weights, the strongest", () => {
    const m = trainLinear(toyExamples, { ...toyOptions, maxWeights: 4 });
    const kept = m.weights.reduce((n, w) => n + w.length / 2, 0);
    expect(kept).toBeLessThanOrEqual(4);
    expect(kept).toBeGreaterThan(0);
  });

  it("fits a temperature that makes a wrong, over-sure model less sure", () => {
    const m = trainLinear(toyExamples, toyOptions);
    // Held-out texts that contradict the training: the fitted temperature flattens the scores.
    const t = fitTemperature(m, [
      { features: ["c:工资", "c:拖欠"], label: "land" },
      { features: ["c:补偿", "c:征地"], label: "wages" },
      { features: ["c:工资"], label: "wages" },
    ]);
    expect(t).toBeGreaterThan(1);
    const right = fitTemperature(m, [
      { features: ["c:工资", "c:拖欠"], label: "wages" },
      { features: ["c:补偿", "c:征地"], label: "land" },
    ]);
    expect(right).toBeLessThan(t);
  });
});

describe("meaning cues", () => {
  it("see an accusation in who is accused of what, not in the topic", () => {
    const acc = cues("举报村支书截留低保金").features;
    expect(acc).toContain("q:accuse+official+misconduct");
    const req = cues("我家的低保金三个月没发了，请求尽快发放").features;
    expect(req).not.toContain("q:accuse");
    expect(req).toContain("q:demand");
  });

  it("see an appeal in contesting a decision, a suggestion in a proposal, an inquiry in a question", () => {
    expect(cues("对工伤认定决定不服，申请复查").features).toContain("q:contest+decision");
    expect(cues("建议在河口乡增设一条公交线路").features).toContain("q:propose_only");
    const ask = cues("请问随迁子女入学需要什么材料？").features;
    expect(ask).toEqual(expect.arrayContaining(["q:ask_only", "q:ends_question"]));
  });
});

describe("route-out cues: who is accused of what, in one clause", () => {
  const has = (text: string, f: string) => cues(text).features.includes(f);

  it("see an office-holder and what they took or whom they favoured, without 举报", () => {
    expect(has("村会计把全村的退耕还林补助领走了一半，到现在也没发下来", "q:clause_office+graft")).toBe(true);
    expect(has("派出所的一个民警收了赌场老板的钱，查赌前都通风报信", "q:clause_office+graft")).toBe(true);
    expect(has("我们组的组长把集体的地租给了他亲侄子", "q:clause_office+kin")).toBe(true);
    expect(has("县规划局的那个人帮开发商改了容积率，收了好处", "q:clause_office+graft")).toBe(true);
    expect(cues("县里有个局长周末开着公车去钓鱼").hits.graft).toContain("公车");
  });

  it("do not make a private party an official: a boss, a shop, a residents' committee's chairman", () => {
    const boss = cues("公司老板拿了我们的押金不退，还威胁我们");
    expect(boss.features).not.toContain("q:clause_office+graft");
    expect(boss.features).toContain("q:clause_private+graft");
    const committee = cues("业委会主任跟物业串通，把维修基金挪去装修物业办公室");
    expect(committee.hits.official).toEqual([]);
    expect(committee.features).not.toContain("q:clause_office+graft");
    expect(committee.hits.privateParty).toEqual(expect.arrayContaining(["业委会", "物业"]));
    // The same role of a public body is an official.
    expect(cues("村委会主任把补偿款挪去还了自己的账").hits.official).toContain("主任");
  });

  it("need the office-holder and the act in the same sentence", () => {
    const apart = cues("村支书来我们家看过一次。后来包工头拿了押金就跑了。").features;
    expect(apart).toContain("q:office+graft");
    expect(apart).not.toContain("q:clause_office+graft");
  });

  it("see court and review matters without 起诉 or 判决: 复议, a penalty contested, a loan with an IOU", () => {
    expect(has("已告知可依法申请行政复议", "q:court")).toBe(true);
    expect(has("对派出所拘留五日的处罚决定不服，请求撤销", "q:contest+adminDecision")).toBe(true);
    expect(has("同村的借了我五万块打了借条，现在不还", "q:loan_private")).toBe(true);
    // A wage claim with an IOU from a boss is not a private loan.
    expect(has("老板欠我工钱写了欠条", "q:loan_private")).toBe(false);
  });
});

describe("accusations in plain words: who, what they did, and the ask to investigate", () => {
  const f = (text: string) => cues(text).features;

  it("name an office-holder by what they are in charge of, and what they did with the office in one clause", () => {
    const forestry = f("镇上管林业的那个干部说不请吃饭不好办，吃了饭还要两条烟。请领导查一查这个人。");
    expect(forestry).toEqual(
      expect.arrayContaining([
        "q:in_charge",
        "q:clause_office+act",
        "q:office+officeAct+investigate",
        "q:investigate+person",
      ]),
    );
    // Money asked for doing the job, without any word of the misconduct lists.
    const clerk = f("乡里负责办证的工作人员说想快点就拿五千，我给了三千，证也没办。");
    expect(clerk).toEqual(expect.arrayContaining(["q:pay_to_get", "q:clause_office+act"]));
    // Refusing to act, passing it around: 不作为 told plainly.
    expect(f("值班民警说金额太小不给立案，连登记都没做，请求调查这个民警。")).toEqual(
      expect.arrayContaining(["q:clause_office+act", "q:investigate+person", "q:investigate_office_person"]),
    );
    expect(cues("镇干部就是不作为，请上面追责").hits.investigate).toContain("追责");
    // A relative favoured: the land rented in the son's name.
    expect(f("村支书把二十亩集体地以他儿子的名义低价租了下来")).toContain("q:clause_office+kin");
  });

  it("do not read a boss, a shop or a company as an office-holder, nor a fine by a boss as an act of office", () => {
    const boss = cues("饭店老板扣了我两个月工资，还说不给钱就别来要，请劳动部门帮我要回来。");
    expect(boss.features).not.toContain("q:clause_office+act");
    expect(boss.features).not.toContain("q:in_charge");
    expect(boss.hits.privateParty).toContain("老板");
    const shop = f("超市卖过期的牛奶，请市场监管部门查一查这家店。");
    expect(shop).toContain("q:investigate+wrong");
    expect(shop).not.toContain("q:investigate+office");
    expect(shop).not.toContain("q:clause_office+act");
  });

  it("tell asking a department to do something from asking that someone be investigated", () => {
    const fix = f("请求镇里尽快把村里的路修一修，再把今年的补贴发下来。");
    expect(fix).toContain("q:demand");
    expect(fix).not.toContain("q:investigate");
    expect(fix).not.toContain("q:clause_office+act");
    expect(f("村里的组长把我家的补贴扣下不给，请求调查处理这个组长。")).toEqual(
      expect.arrayContaining(["q:investigate+office", "q:clause_office+act"]),
    );
  });

  it("weigh an inquiry's own words: 想问, 要带什么, 能不能, in dialect too", () => {
    const ask = f("想问一下高龄津贴要带什么材料？以前没领的能不能补？");
    expect(ask).toEqual(expect.arrayContaining(["q:ask_verb+question", "q:ask_over_demand"]));
    expect(cues("想问下居住证点样办？要带咩资料？").hits.ask).toEqual(
      expect.arrayContaining(["问下", "点样"]),
    );
  });
});

describe("a hidden name and a hinted misconduct (fourth round)", () => {
  const q = (t: string) => cues(t).features;

  it("read an anonymous accusation of an official in words no rule lists as misconduct", () => {
    // The writer hides their name for fear of the cadre, and only hints at what he does.
    const a = q("县水利站有位副站长，谁家想打井都得先去他家坐坐，大家心里有数。我不敢署名，怕以后办事被卡。");
    expect(a).toContain("q:caution");
    expect(a).toContain("q:hidden_misconduct");
    const b = q("镇上管宅基地审批的那个人，审批前要“意思意思”，你懂的。请上级派人核实。");
    expect(b).toContain("q:hint");
    expect(b).toContain("q:hidden_misconduct");
  });

  it("do not read fear of a boss, or a hint word alone, as an official's hidden misconduct", () => {
    // A worker afraid of his boss: no office-holder.
    expect(q("我在一家饭店打工，老板扣了我两个月工资，我不敢写名字，怕他找人堵我。")).not.toContain(
      "q:hidden_misconduct",
    );
    // A hint word with an office but no act, no fear: a request about a road.
    expect(q("镇上分管交通的领导说今年修这条路，请问什么时候开工？")).not.toContain("q:hidden_misconduct");
    // An office-holder named, an act, but neither fear nor a hint: the older rules decide.
    expect(q("村支书把低保给了他亲戚，请求查处。")).not.toContain("q:hidden_misconduct");
  });

  it("see a practical yes-or-no question, and a writer who says they accuse nobody", () => {
    const a = q("店门口的台阶被城管拆了，我自己花钱修的，能要求赔偿吗？");
    expect(a).toContain("q:can_question");
    const b = q("我开修车铺的，客户欠了三千修车费不给，我不是要告谁，就想问这钱怎么能要回来。");
    expect(b).toContain("q:ask_plain");
    // A demand with no question: neither.
    const c = q("老板拖欠工资三个月，要求马上支付。");
    expect(c).not.toContain("q:can_question");
    expect(c).not.toContain("q:ask_plain");
  });
});

describe("a court avoided, a police matter, a relative (fifth round)", () => {
  const q = (t: string) => cues(t).features;

  it("see a writer who does not want to go to court, and not one who only mentions a lawsuit", () => {
    const a = q("我姐夫借了我五万块钱，三年了不还。都是一家人，我不想打官司，请村委会帮忙调解。");
    expect(a).toContain("q:avoid_court");
    const b = q("邻居占了我家的宅基地，乡里调解不成，我们不愿意打官司，希望镇上再出面说和。");
    expect(b).toContain("q:avoid_court");
    // Wanting to sue, or telling what a court did: no avoidance.
    expect(q("他借钱不还，我准备起诉，想问打官司要交多少诉讼费？")).not.toContain("q:avoid_court");
    expect(q("法院判了他还钱，可他一直不还，请督促执行。")).not.toContain("q:avoid_court");
    // 不想告诉 (not wanting to tell) is not 不想告 (not wanting to sue).
    expect(q("这件事我不想告诉家里人，只想问问社保怎么补缴。")).not.toContain("q:avoid_court");
  });

  it("read 立案 with a report to the police as the police's, a court's 立案 as a court's", () => {
    const a = q("我家的羊被人偷了，去派出所报案，民警说损失太小不予立案。");
    expect(a).toContain("q:police_only");
    expect(a).not.toContain("q:court");
    // A court named: the court's matter, not the police's alone.
    const b = q("我去法院立案，立案庭说材料不全不收，让我回去补。");
    expect(b).toContain("q:court");
    expect(b).not.toContain("q:police_only");
  });

  it("see a relative as a relative: favouritism with an office-holder in one clause, no hint without one", () => {
    const a = q("村主任把集体的果园低价包给了他表弟，村里没开会。");
    expect(a).toContain("q:clause_office+kin");
    // A cousin who owes money, a village asked to mediate: no office-holder's hidden misconduct.
    const b = q("我表弟前年借了我四万块钱，说好一年还，现在电话不接，希望镇里出面调解。");
    expect(b).not.toContain("q:hint");
    expect(b).not.toContain("q:hidden_misconduct");
  });
});

describe("the legal step and a petition office's answer (eighth round)", () => {
  const q = (t: string) => cues(t).features;

  it("see the legal step as what the writer did, was told or must do", () => {
    for (const text of [
      "接待的同志告知他可以向劳动人事争议仲裁委员会申请仲裁。",
      "律师说这种情况只能去法院起诉，我想先问问信访局。",
      "我已经向法院起诉了，下个月开庭，可对方把房子卖了。",
      "镇上的人引导我们走行政复议，说那样更快。",
    ])
      expect(q(text), text).toContain("q:court_step");
  });

  it("do not see it when the writer will not or did not go, or only names a lawsuit", () => {
    for (const text of [
      "我不想起诉，都是一个村的，只想请村里调解。",
      "我没起诉，也不打算找律师，请镇里出面说和。",
      "他说我不可以起诉，这是真的吗？",
      "听说隔壁村有人为这事打官司，我们村的补偿款什么时候发？",
      "诉讼费怎么交？",
    ])
      expect(q(text), text).not.toContain("q:court_step");
  });

  it("see a petition office's answer contested, in either order, and not a penalty contested", () => {
    expect(q("我不服乡政府的信访答复，申请复查。")).toContain("q:petition_reply");
    expect(q("对县住建局的处理意见不服，请求复核。")).toContain("q:petition_reply");
    const penalty = q("交警队对我罚款两千元，我不服这个处罚决定。");
    expect(penalty).not.toContain("q:petition_reply");
    expect(penalty).toContain("q:contest+adminDecision");
  });
});

describe("tail averaging and the title's grams (fifth round)", () => {
  it("average the end-of-epoch weights when asked, and change nothing when not", () => {
    const last = trainLinear(toyExamples, toyOptions);
    const averaged = trainLinear(toyExamples, { ...toyOptions, averageFrom: 10 });
    expect(JSON.stringify(averaged)).not.toBe(JSON.stringify(last));
    // Averaged from after the last epoch: nothing to average, the last epoch's weights.
    expect(JSON.stringify(trainLinear(toyExamples, { ...toyOptions, averageFrom: 30 }))).toBe(
      JSON.stringify(last),
    );
    // Still the same ranking on a clear case, and reproducible.
    expect(predictLinear(averaged, ["c:工资", "c:拖欠"], 0)[0]!.label).toBe("wages");
    expect(JSON.stringify(trainLinear(toyExamples, { ...toyOptions, averageFrom: 10 }))).toBe(
      JSON.stringify(averaged),
    );
  });

  it("give the category model the cues' groups only when the model says it reads them", () => {
    const q = cues("村支书把低保给了他亲戚，请求查处。").features;
    const text = ["w:低保", "c:低保"];
    expect(categoryInput({}, text, q)).toEqual(text);
    expect(categoryInput({ categoryFeatures: "text" }, text, q)).toEqual(text);
    const both = categoryInput({ categoryFeatures: "text+cues" }, text, q);
    expect(both).toContain("q:clause_office+kin");
    // Not the single cue words (the text's own words carry them), nor the constant.
    expect(both.some((f) => f.includes("="))).toBe(false);
    expect(both).not.toContain("q:bias");
  });

  it("mark the title's grams apart when asked, and only the first line's", () => {
    const text = "村会计挪用\n村里的光伏收益被转走了。";
    const f = textFeatures(text, [], { words: false, charN: 2, titleN: 2 });
    expect(f).toContain("t:挪用");
    expect(f).toContain("c:光伏");
    expect(f).not.toContain("t:光伏");
    expect(textFeatures(text, [], { words: false, charN: 2 }).some((x) => x.startsWith("t:"))).toBe(false);
  });
});

describe("the ask at the end of a citizen's letter (sixth round)", () => {
  it("finds the last sentence that asks for something, after the story", () => {
    const letter =
      "我家在河口乡。去年修路占了我家两分地，要求过补偿，一直没给。现在孩子上学要用钱。恳请有关部门尽快把占地补偿款发下来！谢谢。";
    expect(askSentence(letter)).toBe("恳请有关部门尽快把占地补偿款发下来");
    expect(askSentence("邻居家的狗天天夜里叫。希望派出所管一管；这日子没法过了")).toBe("希望派出所管一管");
  });

  it("takes the last sentence when nothing is asked, and nothing from an empty text", () => {
    expect(askSentence("小区门口的路灯坏了三个月。晚上老人出门摔过两次")).toBe("晚上老人出门摔过两次");
    expect(askSentence("")).toBe("");
    expect(askSentence("。！？")).toBe("");
  });

  it("marks the ask's grams apart when asked, from the content only, not the title", () => {
    const text = "要求查处\n村里的低保名单没有公示。请上级核查低保户。";
    const f = textFeatures(text, [], { words: false, charN: 2, askN: 2 });
    expect(f).toContain("a:核查");
    expect(f).toContain("c:公示");
    expect(f).not.toContain("a:公示");
    expect(f).not.toContain("a:查处");
    expect(textFeatures(text, [], { words: false, charN: 2 }).some((x) => x.startsWith("a:"))).toBe(false);
  });

  it("marks the content's first sentence apart when asked, not the title nor a later sentence", () => {
    const text = "反映情况\n我是石门镇的养殖户；去年洪水冲了鱼塘。补助至今没发。";
    expect(sentencesOf("我是石门镇的养殖户；去年洪水冲了鱼塘。")).toEqual([
      "我是石门镇的养殖户",
      "去年洪水冲了鱼塘",
    ]);
    const f = textFeatures(text, [], { words: false, charN: 2, leadN: 2 });
    expect(f).toContain("l:养殖");
    expect(f).not.toContain("l:洪水");
    expect(f).not.toContain("l:反映");
    expect(textFeatures(text, [], { words: false, charN: 2 }).some((x) => x.startsWith("l:"))).toBe(false);
  });
});

describe("other labels as a share of the target", () => {
  const withAlso = [
    ...toyExamples,
    { features: ["c:补贴", "c:截留", "c:村干部"], label: "corruption", also: ["land"] },
    { features: ["c:截留", "c:挪用"], label: "corruption" },
  ];

  it("teach the other label too when given a share, and change nothing without one", () => {
    const shared = trainLinear(withAlso, { ...toyOptions, alsoShare: 0.3 });
    const alone = trainLinear(withAlso, toyOptions);
    const pLand = (m: ReturnType<typeof trainLinear>) =>
      predictLinear(m, ["c:补贴", "c:截留", "c:村干部"], 0).find((s) => s.label === "land")?.probability ?? 0;
    expect(pLand(shared)).toBeGreaterThan(pLand(alone));
    // The label itself still comes first.
    expect(predictLinear(shared, ["c:补贴", "c:截留", "c:村干部"], 0)[0]!.label).toBe("corruption");
    // Without a share, `also` is ignored: the same model as without it, byte for byte.
    const stripped = withAlso.map(({ features, label }) => ({ features, label }));
    expect(JSON.stringify(alone)).toBe(JSON.stringify(trainLinear(stripped, toyOptions)));
  });

  it("add an other label the training set never had as a class of its own", () => {
    const m = trainLinear(
      [...toyExamples, { features: ["c:截留"], label: "corruption", also: ["subsidy"] }],
      { ...toyOptions, alsoShare: 0.3 },
    );
    expect(m.classes).toContain("subsidy");
    expect(trainLinear([...toyExamples], toyOptions).classes).not.toContain("subsidy");
  });
});

describe("keyword rules (the cold start)", () => {
  it("name the words that fired and rank by hits", () => {
    const hits = applyRules(CATEGORY_RULES, "老板拖欠农民工工资，包工头跑了");
    expect(hits[0]).toEqual({ label: "labor.wage_arrears", hits: ["农民工", "工资", "包工头"], score: 3 });
  });

  it("route court matters and officials' misconduct out of the petition channel", () => {
    expect(routeOutFlags("对法院判决不服，申请再审", null).map((f) => f.route)).toEqual(["legal_channel"]);
    expect(routeOutFlags("村会计挪用集体资金", null).map((f) => f.route)).toEqual(["discipline_inspection"]);
    expect(routeOutFlags("建议增开公交线路", null)).toEqual([]);
  });

  it("suggest on a cold start, without a model, from the rules alone", () => {
    const s = suggestTriage({ text: "举报村支书截留低保金", tokens: [] }, null);
    expect(s.nature[0]).toMatchObject({ value: "accusation", source: "rules" });
    expect(s.legalClass[0]!.value).toBe("accusation");
    expect(s.protectFromAccused).toBe(true);
    expect(s.unit).toEqual([]);
  });

  it("say not sure on a cold start when no rule fires", () => {
    expect(suggestTriage({ text: "天气很好", tokens: [] }, null).notSure).toBe(true);
  });
});

describe("routing without a catalogue of one's own", () => {
  it("routes the demo county's village matters to the petitioner's township, the rest to departments", () => {
    expect(demoUnitFor("rural.election", "419001002201")).toBe("c.t2");
    expect(demoUnitFor("rural.election", null)).toBe("c.nyncj");
    expect(demoUnitFor("labor.wage_arrears", "419001002201")).toBe("c.rsj");
    expect(demoUnitFor("environment.noise", null)).toBe("c.sthjj");
    expect(demoUnitFor("no.such", null)).toBe("c.zfb");
  });

  it("matches categories to departments by name: 人社 for wages, 住建 for housing, 医保 before 人社", () => {
    const units = [
      { id: "1", name: "某县人力资源和社会保障局" },
      { id: "2", name: "某县住房和城乡建设局" },
      { id: "3", name: "某县医疗保障局" },
      { id: "4", name: "某县财政局" },
    ];
    expect(unitsByName(units, "labor.wage_arrears")[0]!.unit.id).toBe("1");
    expect(unitsByName(units, "construction.property")[0]).toMatchObject({ unit: { id: "2" }, hint: "住房" });
    expect(unitsByName(units, "social.medical")[0]!.unit.id).toBe("3");
    expect(unitsByName(units, "finance.banking")).toEqual([]);
  });

  it("follows the bureau's practice only with enough assignments and a clear favourite", () => {
    const c = (unitId: string, n: number) => ({ unitId, unitName: unitId, n });
    expect(fromPractice([c("a", 2)])).toBeNull();
    expect(fromPractice([c("a", 3), c("b", 3)])).toBeNull();
    expect(fromPractice([c("b", 1), c("a", 4)])).toMatchObject({ unitId: "a", n: 4 });
  });
});

describe("the old generated set (a smoke test now)", () => {
  it("has at least 300 petitions over 27 leaf categories and all five natures", () => {
    const ps = generatePetitions();
    expect(ps.length).toBeGreaterThanOrEqual(300);
    expect(new Set(ps.map((p) => p.category)).size).toBe(27);
    expect(new Set(ps.map((p) => p.nature))).toEqual(
      new Set(["request", "suggestion", "appeal", "accusation", "inquiry"]),
    );
    expect(ps.every((p) => !/[{}]/.test(p.text))).toBe(true);
    expect(generatePetitions()).toEqual(ps);
  });

  it("has repeat pairs of every kind, labelled consistently", () => {
    const pairs = generatePairs();
    const kinds = new Set(pairs.map((p) => p.kind));
    expect(kinds.size).toBe(5);
    for (const p of pairs) {
      if (p.isRepeat) expect(p.isSameMatter).toBe(true);
      if (p.kind === "same_matter_different_person") expect(p.a.phoneIndexes).not.toEqual(p.b.phoneIndexes);
    }
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(81);
  });

  it("computes top-1 and top-3 accuracy", () => {
    expect(accuracy([["a", "b"], ["c", "a", "b"], ["x"]], ["a", "b", "a"])).toEqual({
      n: 3,
      top1: 1 / 3,
      top3: 2 / 3,
    });
  });
});
