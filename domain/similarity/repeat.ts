import { type EntityKind, entityAgreement, extractEntities } from "./entities.ts";
import { type GrievanceKind, grievanceKinds, grievanceRelation } from "./grievance.ts";
import { DEFAULT_SAME_MATTER } from "./learned-repeat.ts";
import { charBigramKeys, jaccardOrOverlap, tokenSet } from "./shingles.ts";
import { matterText } from "./signature.ts";
import { chineseNumber, moneySums, quantities } from "./sums.ts";
import { matterWord, readAbbreviations } from "./synonyms.ts";

/** What the repeat check knows of one petition: who, which category, where, and the text. */
export interface MatterFacts {
  /** Blind indexes of the petitioners' ID numbers and phones; names with addresses. */
  idIndexes: readonly string[];
  phoneIndexes: readonly string[];
  nameAddresses: readonly { name: string; address: string | null }[];
  categoryId: string | null;
  /** Parent category, so 拖欠工程款 and 拖欠农民工工资 count as related. */
  categoryParentId: string | null;
  problemRegionCode: string;
  text: string;
  /** jieba tokens of the text (search mode). */
  tokens: readonly string[];
  /**
   * When the letter came in (a draft: now). With both dates known, the same person writing again
   * within `REPEAT_THRESHOLDS.recentFollowUpDays` about nothing new is following up (fifth round).
   */
  receivedAt?: Date | null;
}

/**
 * Why two petitions may be the same person. `shared_phone` alone is **not** the same person (a
 * family or a village shares a phone; a clerk may type the petitioner's agent's number): it is a
 * reason to look (同一电话，请核实). A phone names the same person only with the same name.
 */
export type PersonReason =
  | "same_id_number"
  | "same_name_phone"
  /** The same phone, and one of the two left no name (a caller who did not say it). */
  | "same_phone_unnamed"
  | "same_name_address"
  /**
   * The same full name on another phone (or none), no ID number against it, and no two places
   * (twelfth rule round): alone not the same person — 王秀兰 is many people — but the same person
   * for one matter, or when the letter says who writes and why the number is another (我是…，换了个号).
   * Since the fourteenth round also a slip of the name (刘桂芬 / 刘贵芬) or a southern form of it
   * (阿明 / 林亚明) where both addresses agree: the same person for one matter only.
   */
  | "same_name"
  | "shared_phone";
export type MatterReason =
  | "same_category"
  | "related_category"
  | "same_region"
  | "nearby_region"
  | "similar_text"
  | "same_names"
  | "different_names"
  /** Both texts name what they ask for or the harm, and nothing in common (grievance.ts). */
  | "different_demands"
  /** One of the two is only a reminder or a reaction to the answer (催办, 对…答复不满意 …). */
  | "reminder"
  /**
   * The same person again within the handling period, in the same (or a neighbouring) category,
   * naming no demand or harm of its own that the earlier letter does not: what happened since.
   */
  | "recent_follow_up"
  /**
   * The same person, in the same (or a neighbouring) category, naming a sum of money of the
   * earlier letter (九千六, 两万四千二百四 …): the letter carries the earlier one's figure (sixth round).
   */
  | "same_sum"
  /**
   * The same person, filed under another category, and one letter points at the earlier one
   * (上次反映的…, 半年前反映过, 城关三小那件事，…) without naming a grievance the other does not
   * share (ninth rule round): the letter's word, not the registrar's category.
   */
  | "cites_across_categories"
  /**
   * The same person, filed under another category, and the new letter tells the earlier one's
   * particulars: its matter named as known (更正出生日期的事), the same count of things (三亩, 六座)
   * or the same sum, what the two ask for not wholly different (thirteenth rule round).
   */
  | "same_particulars";

export type RepeatVerdict =
  | "likely_repeat"
  | "same_person_other_matter"
  | "same_matter_other_person"
  /** Another person (as far as the check can tell) on another matter, with the same phone: look. */
  | "shared_phone"
  | "unrelated";

export interface RepeatScore {
  /** 0–1: how likely the two are the same matter. */
  matterScore: number;
  textSimilarity: number;
  personReasons: PersonReason[];
  matterReasons: MatterReason[];
  verdict: RepeatVerdict;
  /** 0–1 ordering key for the list shown to the registrar. */
  score: number;
}

/** Tuned on the labelled pairs in domain/triage/corpus (see `npm run bench:repeats`). */
export const REPEAT_THRESHOLDS = {
  matter: 0.42,
  textFloor: 0.12,
  overlapWeight: 0.7,
  /**
   * The same person writing again in the same category about the same place is most often
   * following up (a short "还是那件事" after a long letter shares few words with it): a lower bar,
   * still with some shared text.
   */
  samePersonMatter: 0.3,
  samePersonTextFloor: 0.1,
  /**
   * …and lower still when the new text itself says it follows up (上回反映, 之前反映过, 至今没,
   * 再次反映 …) and does not say it is another matter (这次不是, 不一样): the writer names the link.
   */
  citedFollowUpMatter: 0.2,
  citedFollowUpTextFloor: 0.05,
  /**
   * The same person, and the two filed under different categories (wages, then a dismissal at the
   * same mill): another matter unless the texts agree much more than a follow-up's do.
   */
  samePersonOtherCategoryMatter: 0.55,
  /**
   * How long after the earlier letter the same person's new one is read as telling what happened
   * since, when it names no demand of its own: the 60 days a petition is to be answered in, the 30
   * it may be extended by (信访工作条例), and no more. A letter next season about the same estate is
   * as likely another matter as a follow-up, and is left to the other rules.
   */
  recentFollowUpDays: 90,
  /**
   * How long after the earlier letter a letter about this year's instance (今年…) is the next
   * round of a matter that recurs each year (seventh rule round): most of a year.
   */
  newSeasonDays: 300,
} as const;

/**
 * A petition that points at an earlier letter: 上回反映…, 之前反映过, 再次反映, 还是那件事, and the
 * writer's own 上回说/上次问 at the start of a clause (not 老板上次说, someone else's words); also
 * 半年前反映过, 两个月前我报告过, 反映过了, 曾于上半年写信 (ninth rule round).
 */
const CITES_EARLIER_CUE =
  /(?:上回|上次|之前|此前|前几天|前些天|前段时间|上个?月|去年|前天|昨天|上(?:个)?(?:礼拜|星期|周)|[一两二三四五六七八九十几]+(?:个多|多个|个|来|多)?(?:月|天|周)前|半个?多?月前)[^。！？!?]{0,12}(?:反映|来信|来访|来电|打电话|信访|写信|写过信|写的信|写过[^。！？!?，,]{0,12}的事|留言|留过言|上访过|(?:打过|打了|拨打过?)(?:市长)?(?:热线|12345)|网上问过|发(?:过|了|的)?(?:短信|信息)|(?:去|来|到)(?:县)?(?:信访局|信访办|局里))|(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:份|底|初|中旬)?[^。！？!?，,]{0,10}(?:来信|写过信|写信|写的信|反映过|来访|上访过|打过(?:市长)?(?:热线|12345|电话))|(?:半年|半个?多?月|[一两二三四五六七八九十几]+个?多?(?:年|星期))前[^。！？!?]{0,12}(?:反映|来信|来访|来电|打电话|写信|留言)|[一两二三四五六七八九十几]+个?多?(?:月|天|周)前[^。！？!?]{0,6}报告过|(?:反映|来信|来访|来电|写信)过(?:了|的|几次|多次|好几[回次]|两[回次]|一[回次])|曾(?:于|在)[^。！？!?，,]{0,10}(?:写信|来信|反映|来访|来电)|(?:^|[，,。：:；\s我俺是])(?:上回|上次)(?:我|俺)?(?:已经|就|也)?(?:来|去)?(?:说|问|讲|提|找)|(?:再次|又一次|第二次|重新)反映|前已(?:反映|来信|来访|来电)|已经反映过|曾(?:经)?反映|还是(?:那|这)(?:件|个)?事|(?:来|去|到)过(?:县)?(?:信访局|信访办|局里)|(?:说|反映|问|讲)的(?:还是|也是)[^。！？!?，,]{1,24}(?:的事|那件事|那个事)|(?:^|\n)\s*还是[^，,。！？!?\n]{1,16}(?:的事|那件事|那个事|那事)/u;
/**
 * A petition that says the harm goes on (至今没…, 到现在还没, 仍未, 还没给), or that the level below
 * could not or would not solve it (乡里解决不了, 镇上推给…, 只能来县里: an escalation, sixth round): most often a follow-up,
 * but a first letter says it too, so it lowers the bar only and never outweighs other demands.
 */
const STILL_UNSOLVED_CUE =
  /至今(?:未|没|仍)|到现在(?:还|都|也)?(?:没|不|啥也没)|仍(?:未|然没|没)|还没(?:有)?(?:弄好|解决|给|发|到|落实|办)|(?:乡|镇|村|县|区|市)(?:里|上|政府|信访办)(?:说)?(?:解决不了|处理不了|管不了|不管|推到|推给|说不归)|(?:只能|只好|只得|才)(?:来|到|向|找)(?:县|市|省)(?:里|上|信访局|政府)/u;
/**
 * …unless one of the two says the matter is another one, in words that point at the earlier one:
 * 这回不是…那个, 不是上回那…, 跟上回村道不是一个工程, 这回说的是… (not …同一件), 这次是我女儿 (another
 * member of the family), or 另一件 where the letter opens (宁建军：另一件，…). Said by the person of
 * both letters, this keeps the two apart whatever else they share. Not the everyday phrases that
 * only sound like it: 这次不是第一次反映, 可不是一个小数目, a long letter's 还有另外一件事.
 */
/**
 * 给了, 解决了, 处理好了 where the clause ends — not 给了五千 or 解决了一半 (a follow-up says that:
 * part paid, the rest still owed).
 */
const SETTLED =
  "(?<![不没未停扣少再欠])(?:给了|发了|解决了|解决好了|处理好了|办好了|办妥了|结了|到位了|拿到了|付清了|给清了)(?=[，,。！!？?；;\\s]|$|以后|之后|后)";
/**
 * A settled clause the writer tells as done (not 说已经给了, 答应给了: someone's promise or claim;
 * nor 不给了, 停发了, 少发了: the money stopped, the matter open). SETTLED likewise.
 */
const SETTLED_THEN =
  "(?<!(?:说|称|答应|承诺|说好|要|会|该)(?:已经|已|都|就)?)(?<![不没未停扣少再欠])(?:给了|发了|解决了|解决好了|调解好了|处理好了|办好了|办妥了|结了|到位了|拿到了|付清了|给清了|还清了|还上了|修好了|赔了)";
const OTHER_MATTER_CUE = new RegExp(
  [
    "这[次回]不是(?!第)[^。，！？!?]{0,10}(?:那个|那件|那次|那块|那笔|的事)",
    "不是(?:上次|上回|之前|前面)那",
    "(?:跟|和|与)[^。，！？!?]{0,8}(?:上次|上回|之前|那次|前面|上一次|那个|那件|那块|那笔)[^。，！？!?]{0,6}不是(?:同)?一(?:个|件|块|回|码|处|笔|项)",
    "(?:^|\\n)[^\\n]{0,12}另(?:外)?一(?:件|回)",
    // 还有一个事，… where the letter opens (eighth rule round): one more matter, not the earlier one
    // again (mid-letter it is one more complaint in the same letter, DIFFERS_CUE).
    "(?:^|\\n)\\s*(?:还有|另有)(?:一)?(?:个|件)事",
    // 这回是另一个事, 这次说另外一件事 (seventh rule round): the writer says so mid-letter.
    "这[次回](?:是|说|讲|反映|要说的是|说的是)?另(?:外)?一(?:个|件|回)事",
    // 这回不是工资，工资上礼拜发了: not that one, and that one is settled.
    `这[次回]不是(?!第)[^。，！？!?]{1,8}[，,][^。！？!?]{0,10}${SETTLED}`,
    "这[次回](?:要)?(?:说|讲|反映|问)的是(?![^。，！？!?]{0,6}(?:上次|上回|之前|同一|那件|那个|还是))",
    "这[次回]是(?:我|俺)(?:家)?(?:女儿|儿子|闺女|父亲|母亲|爸|妈|老伴|爱人|丈夫|妻子|媳妇|孙子|孙女|哥|姐|弟|妹)",
    // The earlier matter is settled, so this letter is about another (上次欠工资的事超市给了).
    `(?:上次|上回|之前|前次|原来)[^。！？!?]{0,10}的事[^。！？!?，,]{0,6}${SETTLED}`,
    `的事[^。！？!?，,]{0,6}(?:已经|已|早就|早已)${SETTLED}`,
    // That one is settled or let go, and now something else (sixth round): 工资上个月给了，谢谢政府。
    // 现在砖厂把路压坏了; 化粪池那事调解好了。现在又盖猪圈; 地价我不争了。施工时把井填了 — not what
    // someone else said was done (说已经给了), nor 给了。现在还差五千 (what is still owed).
    `${SETTLED_THEN}[^。！？!?\\d一二两三四五六七八九十百千万]{0,8}[。！!；;]\\s*(?:现在|今年|这回|这次|如今|眼下)(?![^。，,！？!?；;]*(?:没|未|还|仍|不|又要|再))`,
    // 公租房下来了，谢谢。可这个房子漏水; 已经给我改过来了。这回…: settled with thanks, then another
    // thing (seventh rule round) — not 谢谢 for a part payment that leaves money owed.
    `(?:${SETTLED_THEN}|下来了|改过来了|批下来了|办下来了)[，,]?\\s*(?:谢谢|感谢)(?:政府|领导|你们|党)?[。！!，,]\\s*(?:可是|可|但是|但|现在|今年|这回|这次)(?![^。！？!?]*(?:没|未|还|仍|不给|又要|再|才|只|一半|部分|剩))`,
    // 工资上礼拜发了。 — the money of the earlier letter paid, said as done, in a sentence of its
    // own (seventh rule round): the letter is about something else. Not 给了五千 (a part), nor when
    // the next words say what is still owed (还差, 没给).
    `(?:^|[。！!；;])\\s*(?:工资|工钱|钱|补贴|补助|押金|退款)[^。！？!?，,；;\\d一二两三四五六七八九十百千万]{0,6}${SETTLED_THEN}[。！!](?![^。！？!?]*(?:还差|没给|没发|没到|不够|少了))`,
    "(?:我|俺)(?:就)?不(?:争|要|计较|追究|提)了[。！!；;]",
    // 那一万四后来给了, 井下那两万六矿上给结了 (eighth rule round): the sum of a debt the writer
    // points back at (那 + the sum), said as paid in full: that matter is closed and the letter is
    // about another. Not when the same sentence or the next says what is still owed (还差, 一半).
    `那(?:笔)?[\\d一二两三四五六七八九十百千万]+(?:块|元)?(?:钱)?[^。！？!?，,；;\\d]{0,6}${SETTLED_THEN}(?:[。！!；;]|$)(?![^。！？!?]*(?:还差|还欠|没给|没发|没到|不够|少了|一半|剩))`,
  ].join("|"),
  "u",
);
/**
 * A letter that opens on a matter it takes as known (ninth rule round): 城关三小那件事，…;
 * 精工装饰装修款的事，我后来去法院起诉了 — the first words name the thing and 那件事 / 的事 / 一事,
 * then a comma or colon. Read only when the two letters are filed under different categories
 * (`citedAcross`): a first letter may open so too, so alone it joins nothing.
 */
const KNOWN_MATTER_OPENING = /(?:^|\n)\s*[^，,。！？!?\n]{2,20}(?:那件事|那个事|那事|的事情?|一事)[，,：:]/u;

/**
 * Weaker: 跟上次不一样 may say the matter is another one or only that something changed (the
 * records differ from what was said); 新的问题, 另一件事 anywhere in a letter may be one more
 * complaint in it. They withhold the lower bar of a cited follow-up, no more.
 */
const DIFFERS_CUE = /(?:跟|和|与)[^。！？!?]{0,10}不一样|新的问题|另一回事|另(?:外)?一(?:件|个)事/u;

/**
 * A message that is only a reminder or a reaction to the answer (issue #18, fourth round): 催办,
 * 查询进度, 至今未答复, 对…的答复不满意, 不服…答复, 答复等于白答复, 前期已反映, 已打过12345, or a
 * reference number cited as "that matter" (工单号GD…那个事). It says nothing of the matter because
 * the writer takes it as known: the same person's earlier matter it belongs to.
 */
const REMINDER_CUE = new RegExp(
  [
    "催办|催促办理|督办一下|查询(?:一下)?(?:办理)?(?:进度|结果)|办到哪(?:一步)?了",
    "(?:至今|到现在|到今天|一直|还|仍)(?:都)?(?:没有|没|未)(?:收到)?(?:任何)?(?:答复|回复|回音|回话|办结|结果)",
    "(?:对|就)[^。！？!?]{0,24}(?:答复|回复|处理意见|处理结果|办理结果)(?:很|非常|十分)?(?:不满意|不服|不认可|有异议)",
    "不服[^。！？!?]{0,12}(?:答复|回复|处理意见|处理决定)",
    // A request for review of the answer, or the answer called untrue (sixth round).
    "(?:申请|要求|请求)(?:上级)?(?:复查|复核)",
    "(?:答复|回复)[^。！？!?]{0,16}(?:不符合事实|与事实不符|不属实|不是事实)",
    "答复(?:等于|就是|跟|和)(?:白|没)",
    "(?:收到|接到)(?:的|了)?(?:书面)?(?:答复|回复)",
    "前期(?:已经?|曾)?(?:反映|打过|来信|来访|来电|投诉)",
    "(?:已经?|早就|上回|上次|之前|前期)(?:打过|打了|拨打过?|打)(?:了)?(?:市长热线|热线|12345)",
    "(?:编号|单号|工单号|件号|受理号)[:：\\s]*[A-Za-z]{0,4}\\d{8,}[^。！？!?]{0,6}(?:那个事|那件事|的事|一事|那事)",
  ].join("|"),
  "u",
);

/**
 * This year's instance of a matter that comes round each year (a heating season, a school year, a
 * flood), and nothing of the earlier one still owed: not 今年都五十九了 (an age), not 去年的补贴到现在
 * 也没给, 还是不收, 还没退, 一年了没有消息, 今年又说明年, 说好的今年 (the earlier promise still waited for).
 */
const THIS_YEAR_CUE =
  /今年(?!(?:都|已经|已|才)?[\d一二三四五六七八九十]+(?:岁|了))|新供暖季|这学期|今冬|今秋|今夏/u;
const STILL_OWED_CUE =
  /还是|还没|还不|仍|到现在|至今|一直|没给|没退|没发|没到|没有消息|没消息|没下文|又说|说好|等了|答应/u;

/**
 * A word of going on with a matter already told (fourteenth round): 还是, 仍, 至今, 照样, 还在, 再次,
 * 上次 / 上回 / 之前, the answer (答复, 回复), 催, or the matter named as known (…的事, 那件, 那事).
 * A follow-up has one almost always (1,148 of the 1,635 found on fifteen writers), the same
 * person's other matter seldom (12 of 78 called repeats): its absence in the newer letter speaks for
 * a new matter. A feature of the learned decision only; no rule reads it.
 */
const CONTINUES_CUE =
  /还是|仍|至今|照样|还在|又来|再次|上次|上回|之前|答复|回复|催|那件|那个事|那事|的事|此事/u;

/**
 * What one text says of its link to an earlier letter, each cue tested at most once per text (a
 * draft meets a hundred candidates; a candidate's profile is kept between checks).
 */
export class TextCues {
  readonly #seen = new Map<RegExp, boolean>();
  constructor(private readonly text: string) {}
  #has(cue: RegExp): boolean {
    let hit = this.#seen.get(cue);
    if (hit === undefined) {
      hit = cue.test(this.text);
      this.#seen.set(cue, hit);
    }
    return hit;
  }
  /** 上回反映, 再次反映, 还是那件事 … */
  get citesEarlier(): boolean {
    return this.#has(CITES_EARLIER_CUE);
  }
  /** 至今没…, 还没解决 … */
  get stillUnsolved(): boolean {
    return this.#has(STILL_UNSOLVED_CUE);
  }
  /** 这回说的是…, 另一件, 这次是我女儿 … */
  get otherMatter(): boolean {
    return this.#has(OTHER_MATTER_CUE);
  }
  /** 催办, 至今未答复, 对…答复不满意, 前期已打过12345 … */
  get reminder(): boolean {
    return this.#has(REMINDER_CUE);
  }
  /** 今年 …, and nothing of the earlier instance still owed: this year's round (seventh rule round). */
  get thisYear(): boolean {
    return this.#has(THIS_YEAR_CUE) && !this.#has(STILL_OWED_CUE);
  }
  /** 城关三小那件事，… where the letter opens: a matter taken as known (ninth rule round). */
  get opensOnKnownMatter(): boolean {
    return this.#has(KNOWN_MATTER_OPENING);
  }
  /** 还是, 至今, 上回, 答复, …的事: a word of going on with a matter told before (fourteenth round). */
  get continues(): boolean {
    return this.#has(CONTINUES_CUE);
  }
  /** 跟上次不一样, 新的问题 … (withholds the cited bar only) */
  get differs(): boolean {
    return this.#has(DIFFERS_CUE);
  }
}

const otherMatterOf = (a: TextCues, b: TextCues) => a.otherMatter || b.otherMatter;
const citesEarlierOf = (a: TextCues, b: TextCues) =>
  !otherMatterOf(a, b) && (a.citesEarlier || b.citesEarlier);
const citedFollowUpOf = (a: TextCues, b: TextCues) =>
  !(otherMatterOf(a, b) || a.differs || b.differs) &&
  (a.citesEarlier || a.stillUnsolved || b.citesEarlier || b.stillUnsolved);

/** One of the two texts says it is about another matter than the earlier one. */
export function saysOtherMatter(a: string, b: string): boolean {
  return otherMatterOf(new TextCues(a), new TextCues(b));
}

/** The text is only a reminder or a reaction to the answer (催办, 至今未答复, 对…答复不满意 …). */
export function isReminder(text: string): boolean {
  return new TextCues(text).reminder;
}

/** The text cites an earlier petition of the same matter, and does not say it is another one. */
export function citesFollowUp(text: string): boolean {
  const c = new TextCues(text);
  return (c.citesEarlier || c.stillUnsolved) && !c.otherMatter && !c.differs;
}

/**
 * One of the two texts points at an earlier letter (上回反映, 再次反映, 还是那件事), and neither
 * says it is another matter: the writer links the two, whatever demands the new one adds or
 * leaves unnamed. (至今没给 alone is no such pointer: a first letter says it too.)
 */
export function citesEarlierLetter(a: string, b: string): boolean {
  return citesEarlierOf(new TextCues(a), new TextCues(b));
}

/** One of two petitions cites the other as its earlier one, and neither says it is another matter. */
export function citedFollowUp(a: string, b: string): boolean {
  return citedFollowUpOf(new TextCues(a), new TextCues(b));
}

function normName(s: string | null): string {
  return (s ?? "").replace(/[\s·•]+/g, "");
}

/**
 * Characters of given names that sound alike and are written for one another (李秀英 / 李秀瑛,
 * 庄丽娟 / 庄莉娟: a clerk writing down what was said, or the petitioner's own slip), each group
 * read as its first character (seventh rule round). Since the fourteenth round each group is one
 * Mandarin syllable, tone aside, with the characters common in given names that are written for it
 * (a voice-typing message or a clerk hearing a name picks any of them: 桂生 / 贵生, 秀莲 / 秀连,
 * 振南 / 振男, 翠萍 / 翠平): a general table of how names sound, not a list of pairs met. 芳方芬 and
 * 庆青 stay as the earlier rounds made them.
 */
const SOUND_ALIKE = [
  "英瑛莹颖迎",
  "丽莉俐荔",
  "秀绣",
  "兰岚蓝",
  "芳方芬分",
  "华桦",
  "红虹鸿宏洪弘",
  "梅玫",
  "珍贞",
  "凤风峰锋丰枫",
  "玲铃伶",
  "琳霖林麟",
  "娟鹃",
  "霞侠",
  "萍苹平",
  "燕艳雁",
  "军君",
  "国帼",
  "建健",
  "明鸣铭",
  "伟炜玮",
  "桂贵",
  "志智",
  "勇永",
  "德得",
  "才财材",
  "福富",
  "新鑫欣馨",
  "静晶菁",
  "淑舒书",
  "琴芹勤",
  "云芸",
  "香湘",
  "祥翔",
  "良亮",
  "玉钰",
  "珊姗山",
  "莲连",
  "庆青",
  "惠慧",
  "胜盛生声升",
  "宝保",
  "荣蓉容",
  "翠萃",
  // tenth rule round: a hotline operator's slips (范玉兰 / 范玉蓝, 雷振东 / 雷振冬 …)
  "东冬栋",
  "民敏",
  "友有",
  "长常",
  // eleventh rule round: 余小芳 / 余晓芳
  "晓小筱",
  // fourteenth round: more syllables of given names (tone aside)
  "南男楠",
  "芝枝",
  "刚钢",
  "辉晖",
  "斌彬",
  "涛滔",
  "春椿",
  "泉全",
  "清卿",
  "娥峨",
  "旺望",
  "炳秉",
  "根庚",
  "喜禧",
];
/** Each character of a group read as the group's first: the key two sound-alikes share. */
function firstOfGroup(groups: readonly string[]): Map<string, string> {
  return new Map(groups.flatMap((g) => Array.from(g).map((c) => [c, g[0]!] as [string, string])));
}
const SOUND_OF = firstOfGroup(SOUND_ALIKE);

/**
 * Surnames that are one Mandarin syllable and written for one another when a name is heard, not
 * read (柳 / 刘, 那 / 纳, 章 / 张): fourteenth round. Only surnames of one syllable exactly (黄 / 王,
 * 陈 / 程 sound alike only in some dialects and stay apart).
 */
const SURNAME_ALIKE = [
  "刘柳",
  "那纳",
  "张章",
  "徐许",
  "李黎",
  "吴伍武",
  "杨阳",
  "江姜",
  "余于俞",
  "邱秋",
  "付傅符",
  "严颜阎闫",
  "肖萧",
  "龚宫",
  "钟忠",
];
const SURNAME_OF = firstOfGroup(SURNAME_ALIKE);

/**
 * The same name, or one whose characters differ only by sound-alike ones (a given name's by the
 * groups above, the surname's by `SURNAME_ALIKE`). Compared character by character, without
 * building strings (it runs for every candidate).
 */
function sameNameSound(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length !== b.length || a.length < 2) return false;
  if (a[0] !== b[0] && (SURNAME_OF.get(a[0]!) ?? a[0]) !== (SURNAME_OF.get(b[0]!) ?? b[0])) return false;
  for (let i = 1; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y && (SOUND_OF.get(x) ?? x) !== (SOUND_OF.get(y) ?? y)) return false;
  }
  return true;
}

/**
 * Each side gave a full name and the two differ only by sound-alike characters (李秀英 / 李秀瑛): a
 * slip in writing one name, not a village's form of it (贾老四 may be any of the brothers).
 */
function nameSlip(a: MatterFacts, b: MatterFacts): boolean {
  return a.nameAddresses.some((p) => {
    const n = normName(p.name);
    return b.nameAddresses.some((q) => {
      const m = normName(q.name);
      if (n === m) return false;
      // A southern form that keeps the given name's own character (阿珍 / 陈亚珍, 陈四 / 陈亚四) names
      // one person as a slip does (fourteenth round); 贾老四 or 老胡 stays any of a family.
      if (southernNickname(n, m) || southernNickname(m, n)) return true;
      return sameNameSound(n, m) && formSurname(n) === null && formSurname(m) === null;
    });
  });
}

/** 匿名, 不详, 来电人: the petitioner gave no name. */
const NO_NAME: ReadonlySet<string> = new Set(
  "匿名 匿名者 无名 无名氏 不详 未留名 未留姓名 不愿透露 不愿留名 未知 来电人 来电者 市民 群众 未署名 无署名 没署名 未具名 佚名".split(
    " ",
  ),
);
/** 石老汉, 贺老太, 周女士, 罗先生, 柴老板: a form of address with the surname, not the name. */
const ADDRESS_FORM =
  /^(\p{Script=Han})(?:老汉|老太太|老太|老头|老爷子|老人|大爷|大娘|大妈|奶奶|爷爷|先生|女士|师傅|阿姨|大姐|大哥|老板|某|伯|婆|叔)$/u;

/**
 * What a village calls a person instead of the full name (seventh rule round): the surname alone
 * (胡, a message signed 郝), 老 + the surname (老胡), the surname and the order among siblings
 * (贾老四), a 小名 (杨二妞, 孙二蛋), the surname and an office (刘队长), or a married woman's old
 * style (王李氏: the husband's surname, then her own). Group 1 is the surname a full name begins
 * with — for 王李氏 her own (李).
 */
const NAME_FORMS: readonly RegExp[] = [
  /^(\p{Script=Han})$/u,
  /^老(\p{Script=Han})$/u,
  /^(\p{Script=Han})老[大二三四五六七八九十幺]$/u,
  /^(\p{Script=Han})[大二三四五六小](?:妞|丫|蛋|娃|狗|毛|妮|胖|孬|憨|愣)$/u,
  /^(\p{Script=Han})(?:队长|组长|村长|支书|书记|主任|会计|老师|医生|大夫|厂长|经理)$/u,
  /^\p{Script=Han}(\p{Script=Han})氏$/u,
];

/** The surname a village's form of a name stands for (贾老四 → 贾), or null for a full name. */
function formSurname(name: string): string | null {
  for (const re of NAME_FORMS) {
    const m = re.exec(name);
    if (m) return m[1]!;
  }
  return null;
}

/**
 * `f` gave only a village's form of a name (胡, 老胡, 贾老四, 刘队长, 王李氏) whose surname begins the
 * full name `g` gave, or `f`'s name is `g`'s with the husband's surname before it (刘王淑琴 /
 * 王淑琴). With the same phone the same person — but a brother is 老五 too, so only when the two
 * letters are one matter (`scoreRepeat` files it as a shared phone otherwise).
 */
function villageFormOf(f: MatterFacts, g: MatterFacts): boolean {
  return f.nameAddresses.some((p) => {
    const n = normName(p.name);
    const surname = formSurname(n);
    return g.nameAddresses.some((q) => {
      const full = normName(q.name);
      if (!PERSON_NAME.test(full) || formSurname(full) !== null || ADDRESS_FORM.test(full)) return false;
      if (surname !== null) return full.startsWith(surname);
      // 刘王淑琴 / 王淑琴: one more character before the whole name.
      return Array.from(n).length === Array.from(full).length + 1 && n.endsWith(full);
    });
  });
}

/** What follows a given name's character in a southern form of address: 旺伯, 珍姐, 娣婆. */
const SOUTHERN_AFTER = new Set(Array.from("伯婆叔姐嫂姑"));

/**
 * `n` is how a southern county calls the person of the full name `full` (fourteenth round): 阿 or
 * 亚 before the given name's last character (阿珍 for 陈亚珍, 阿旺 for 黄德旺), that character with
 * 伯 / 婆 / 姐 … (旺伯), or the full name without the 阿 / 亚 it carries, or with the other one (陈四 for
 * 陈亚四, 刘亚英 for 刘阿英): 阿 and 亚 are a form of address, not part of the name. The given
 * name's own character is kept, so a brother or a wife on the family phone (阿福 for 贾玉珍) is not
 * read as the person; a village's 老四 or 黄老四 is `villageFormOf`'s.
 */
export function southernNickname(n: string, full: string): boolean {
  // Every form keeps the full name's last character: most candidates' names fail here, cheaply.
  if (!n.includes(full.charAt(full.length - 1))) return false;
  if (n === full || !PERSON_NAME.test(full) || formSurname(full) !== null || ADDRESS_FORM.test(full))
    return false;
  const f = Array.from(full);
  const x = Array.from(n);
  const core = f
    .slice(1)
    .join("")
    .replace(/^[阿亚]/u, "");
  if (!core) return false;
  const last = core.charAt(core.length - 1);
  if (x.length === 2) {
    if ((x[0] === "阿" || x[0] === "亚") && x[1] === last) return true;
    if (x[0] === last && SOUTHERN_AFTER.has(x[1]!)) return true;
  }
  // 陈四 / 陈亚四, 刘亚英 / 刘阿英: the same surname and the given name without its 阿 / 亚.
  return (
    x.length >= 2 &&
    x[0] === f[0] &&
    x
      .slice(1)
      .join("")
      .replace(/^[阿亚]/u, "") === core &&
    (x.length !== f.length || x[1] !== f[1])
  );
}

/** `f` gave a southern form (`southernNickname`) of a full name `g` gave. */
function nicknameOf(f: MatterFacts, g: MatterFacts): boolean {
  return f.nameAddresses.some((p) => {
    const n = normName(p.name);
    if (Array.from(n).length > 4 || isNameless(n)) return false;
    return g.nameAddresses.some((q) => southernNickname(n, normName(q.name)));
  });
}

/** Surnames of two characters (欧阳, 司马 …): 欧阳振华 is a person's name, not an account's. */
const COMPOUND_SURNAMES = new Set(
  "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 令狐 夏侯 长孙 宇文 司徒 南宫 西门 独孤 端木 轩辕 呼延 申屠 太史 澹台 钟离 闻人 赫连 濮阳 第五 万俟 公羊 百里 东郭 仲孙 左丘 梁丘 拓跋".split(
    " ",
  ),
);
/** Common single surnames: a married woman's old-style name of two surnames (李王秀梅) starts with two. */
const COMMON_SURNAMES = new Set(
  Array.from(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤",
  ),
);

/** A four-character Han name of a person: a two-character surname, or two surnames (李王秀梅). */
function isFourCharacterName(n: string): boolean {
  const chars = Array.from(n);
  if (chars.length !== 4 || !/^\p{Script=Han}+$/u.test(n)) return false;
  return (
    COMPOUND_SURNAMES.has(chars[0]! + chars[1]!) ||
    (COMMON_SURNAMES.has(chars[0]!) && COMMON_SURNAMES.has(chars[1]!))
  );
}

/**
 * `f` came under an account's name that is no person's name (eleventh rule round): Latin letters
 * (Amy, Kevin), or four characters or more that are neither a name of two surnames nor one with a
 * separating dot (江南小雨, 小杨妈妈, 家长丁女士, 河口村村民老吴 — not 欧阳振华, 李王秀梅, 买买提·艾力),
 * not beginning with the surname of the full name `g` gave (扎西顿珠 / 扎西多吉 are two brothers),
 * and not in a text that says 我是 + that name + 的 (a relative's account). With the same phone the same person for one matter only, like a village's form.
 */
function handleOf(f: MatterFacts, g: MatterFacts): boolean {
  return f.nameAddresses.some((p) => {
    const n = normName(p.name);
    if (isNameless(n) || n.length > 16 || n.includes("·")) return false;
    const latin = /[A-Za-z]/.test(n);
    if (!latin && (Array.from(n).length < 4 || isFourCharacterName(n))) return false;
    return g.nameAddresses.some((q) => {
      const full = normName(q.name);
      if (!PERSON_NAME.test(full) || formSurname(full) !== null || ADDRESS_FORM.test(full)) return false;
      // 我是杨素芬的女儿 under her account: a relative writing, another person (a plain search).
      return !n.startsWith(full.charAt(0)) && !n.endsWith(full) && !f.text.includes(`我是${full}的`);
    });
  });
}

/** The two share a phone and one is called by a village's form of the other's name. */
export function phoneAndVillageForm(a: MatterFacts, b: MatterFacts): boolean {
  return (
    a.phoneIndexes.some((x) => b.phoneIndexes.includes(x)) && (villageFormOf(a, b) || villageFormOf(b, a))
  );
}

function isNameless(name: string): boolean {
  return !name || NO_NAME.has(name);
}

/** `f` gave only a form of address whose surname begins a full name `g` gave (石老汉 / 石长林). */
function calledBy(f: MatterFacts, g: MatterFacts): boolean {
  return f.nameAddresses.some((p) => {
    const form = ADDRESS_FORM.exec(normName(p.name));
    return (
      !!form &&
      g.nameAddresses.some((q) => {
        const n = normName(q.name);
        return Array.from(n).length >= 2 && n.startsWith(form[1]!) && !ADDRESS_FORM.test(n) && !isNameless(n);
      })
    );
  });
}

/** Two or three Han characters: what a person's name looks like (春暖花开, Lucy88 do not). */
const PERSON_NAME = /^\p{Script=Han}{2,3}$/u;

/**
 * `f` came under a nickname (a chat account: 春暖花开), and its text says 我是/我叫/本人 with the
 * name `g` gave (我是邱红霞，用的我老公微信). Under a name of its own, a text that says another's
 * name is someone writing with their words, not the same person.
 */
function namesSelf(f: MatterFacts, g: MatterFacts): boolean {
  if (f.nameAddresses.some((p) => PERSON_NAME.test(normName(p.name)))) return false;
  return g.nameAddresses.some((q) => {
    const n = normName(q.name);
    if (Array.from(n).length < 2 || isNameless(n) || ADDRESS_FORM.test(n)) return false;
    return saysOwnName(f.text, n);
  });
}

const SELF_INTRODUCTIONS = ["我是", "我叫", "本人", "俺是", "俺叫"] as const;
/** What may follow a name said as one's own: a stop, 用 (用的我老公微信), or the end. */
const AFTER_OWN_NAME = /^(?:[，,。！!？?\s：:、；;（(]|用|$)/u;

/**
 * The text says 我是/我叫/本人 followed by the name, and the name ends there (我是谭建国爱人,
 * 我是祁桂英的老姐妹: someone else). Plain string search: a name is what a person typed, so it is
 * never read as a pattern (a name like 张三(代), or one with a brace or a dollar sign, broke it).
 */
function saysOwnName(text: string, name: string): boolean {
  for (const intro of SELF_INTRODUCTIONS) {
    const said = intro + name;
    for (let at = text.indexOf(said); at >= 0; at = text.indexOf(said, at + 1)) {
      if (AFTER_OWN_NAME.test(text.slice(at + said.length))) return true;
    }
  }
  return false;
}

/** How a letter puts two names of one person side by side: 韩素芬（韩二嫂）, 陈守义（小名陈老三）. */
const ALIAS_LINKS = ["（", "(", "（小名", "(小名", "（又名", "（外号", "（乳名", "，就是", "就是"] as const;

/** Where the second name of an alias must end: the bracket closes, or the sentence does. */
const ALIAS_BRACKET_END = new Set(["）", ")"]);
const ALIAS_SENTENCE_END = new Set(["，", ",", "。", ".", "！", "!", "？", "?", "；", ";", "、", "\n", " "]);

/**
 * `said` (名（别名, 名就是别名) in `text` with nothing more after the second name: 李四（张三之子）,
 * 王五（张三家属）and 李四就是张三的儿子 name two people, not one person twice.
 */
function saidWhole(text: string, said: string, link: string): boolean {
  const ends = link.startsWith("（") || link.startsWith("(") ? ALIAS_BRACKET_END : ALIAS_SENTENCE_END;
  for (let at = text.indexOf(said); at >= 0; at = text.indexOf(said, at + 1)) {
    const next = text.charAt(at + said.length);
    if (ends.has(next) || (next === "" && ends === ALIAS_SENTENCE_END)) return true;
  }
  return false;
}

/**
 * One of the two letters gives both sides' names as one person's (eighth rule round): 韩素芬（韩二嫂）,
 * 龚老汉（龚玉林）, 陈守义（小名陈老三）, 我是狗蛋，就是韩国栋 — the writer says who is who. Plain
 * string search (a name is what a person typed, never a pattern); placeholders are no names.
 */
function saysAlias(a: MatterFacts, b: MatterFacts): boolean {
  for (const p of a.nameAddresses) {
    const n = normName(p.name);
    if (isNameless(n) || ADDRESS_FORM.test(n) || n.length > 8) continue;
    for (const q of b.nameAddresses) {
      const m = normName(q.name);
      if (m === n || isNameless(m) || ADDRESS_FORM.test(m) || m.length > 8) continue;
      for (const [x, y] of [
        [n, m],
        [m, n],
      ] as const) {
        for (const link of ALIAS_LINKS) {
          const said = x + link + y;
          if (saidWhole(a.text, said, link) || saidWhole(b.text, said, link)) return true;
        }
      }
    }
  }
  return false;
}

function normAddress(s: string | null): string {
  return (s ?? "").normalize("NFKC").replace(/[\s，,。.、\-—]/g, "");
}

/** Where a village's name begins: after its township, county or city, or at the start. */
const BEFORE_VILLAGE = /(?:乡|镇|街道|县|市|区)(?=[^乡镇县市区]*$)/u;
const GROUP = /^([\p{Script=Han}\d]{1,3}?)(?:组|队|社)/u;

/**
 * The village an address names (河口乡河口村四组 → 河口村), with its township (河口乡) and group
 * (四组) when written; null when it names none (石门镇工地宿舍, 县城).
 */
export function addressVillage(address: string): { village: string; town: string; group: string } | null {
  // A village, not an urban community (社区) of thousands, where one name is more often two people.
  const at = address.indexOf("村");
  if (at < 0) return null;
  const before = address.slice(0, at);
  const cut = BEFORE_VILLAGE.exec(before);
  const start = cut ? cut.index + cut[0].length : 0;
  const name = before.slice(start);
  if (Array.from(name).length < 2 || Array.from(name).length > 5) return null;
  const town = /(\p{Script=Han}{2})(?:乡|镇|街道)/u.exec(before.slice(0, start));
  const rest = address.slice(at + 1);
  return { village: name, town: town ? town[0] : "", group: GROUP.exec(rest)?.[1] ?? "" };
}

/** What ends a village's or a community's name in an address. */
const VILLAGE_END = /^(?:村|社区|居委会)/u;
/** What may stand before it: the start, or a township's or county's level. */
const PLACE_START = /(?:^|镇|乡|县|市|区|街道)$/u;

/**
 * A web comment or a phone summary gives the village by its bare name (柳树湾, 西关, 东街), the
 * earlier letter the full address (河口乡柳树湾村二组, 城关镇东街社区): the same address when the
 * bare name is the village or community the full one names, whole (sixth round). 西关 is not part
 * of 城关镇西关路 nor of 西关屯村, and 柳树 not of 柳树湾村. A township alone (城关, 河口乡) stays
 * too wide for a name to be one person (fifth round).
 */
export function placePartOf(short: string, long: string): boolean {
  const name = short.replace(/(?:村|社区)$/u, "");
  const n = Array.from(name).length;
  if (
    n < 2 ||
    n > 5 ||
    !/^\p{Script=Han}+$/u.test(name) ||
    /[村镇乡组区]|街道$/u.test(name) ||
    short === long
  ) {
    return false;
  }
  for (let at = long.indexOf(name); at >= 0; at = long.indexOf(name, at + 1)) {
    if (PLACE_START.test(long.slice(0, at)) && VILLAGE_END.test(long.slice(at + name.length))) return true;
  }
  return false;
}

/**
 * 河口乡河口村 and 河口乡河口村三组 are the same address written more or less fully; so are
 * 河口乡河口村 and 河口村, or 石门镇石门村 and 石门村八组 — the same village, written with its
 * township or its group on one side only (fifth round: a letter a student wrote for her grandmother,
 * then the grandmother's own). Another township or another group of the village is another address.
 */
function sameAddress(a: string, b: string): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (Array.from(short).length >= 4 && long.includes(short)) return true;
  if (placePartOf(short, long)) return true;
  const x = addressVillage(a);
  const y = addressVillage(b);
  return (
    !!x &&
    !!y &&
    x.village === y.village &&
    (!x.town || !y.town || x.town === y.town) &&
    (!x.group || !y.group || x.group === y.group)
  );
}

export function personReasons(a: MatterFacts, b: MatterFacts): PersonReason[] {
  const out: PersonReason[] = [];
  const sameId = a.idIndexes.some((x) => b.idIndexes.includes(x));
  if (sameId) out.push("same_id_number");
  // The same name as written. One written with a sound-alike character (李秀英 / 李秀瑛) is taken
  // like a village's form of the name below: on the same phone the same person only for one
  // matter (siblings 张建军 / 张建君 share a phone too).
  const namesA = a.nameAddresses.map((p) => normName(p.name)).filter((n) => !isNameless(n));
  const sharedName = b.nameAddresses.some((p) => namesA.includes(normName(p.name)));
  const soundAlike =
    !sharedName && b.nameAddresses.some((p) => namesA.some((m) => sameNameSound(m, normName(p.name))));
  const samePhone = a.phoneIndexes.some((x) => b.phoneIndexes.includes(x));
  const unnamed = (f: MatterFacts) => f.nameAddresses.every((p) => isNameless(normName(p.name)));
  // With the same phone, a side that gave no name, only a form of address with the other's
  // surname (石老汉 / 石长林), a village's form of the other's name (老胡, 贾老四, 王李氏: only for
  // one matter, `scoreRepeat`), or a text that names itself with the other's name (我是邱红霞
  // under a chat nickname) is the caller who did not give the name the other side has.
  // Said in a letter (韩素芬（韩二嫂）): computed only when the names differ.
  const alias = !sharedName && saysAlias(a, b);
  const unnamedHere =
    samePhone &&
    !sharedName &&
    (alias ||
      unnamed(a) ||
      unnamed(b) ||
      calledBy(a, b) ||
      calledBy(b, a) ||
      namesSelf(a, b) ||
      namesSelf(b, a) ||
      soundAlike ||
      villageFormOf(a, b) ||
      villageFormOf(b, a) ||
      handleOf(a, b) ||
      handleOf(b, a) ||
      nicknameOf(a, b) ||
      nicknameOf(b, a));
  if (samePhone && sharedName) out.push("same_name_phone");
  else if (unnamedHere) out.push("same_phone_unnamed");
  if (
    a.nameAddresses.some((p) =>
      b.nameAddresses.some((q) => {
        const n = normName(p.name);
        // A name as written, never 匿名 or 王先生 (two anonymous letters from one village are not
        // one person), nor a sound-alike (one matter only, through the phone above).
        // …or two names a letter says are one person's (陈守义（小名陈老三）, eighth rule round).
        if (isNameless(n) || ADDRESS_FORM.test(n)) return false;
        if (n !== normName(q.name) && !alias) return false;
        const x = normAddress(p.address);
        const y = normAddress(q.address);
        // One side left the address out and its text gives the other's village with the name
        // (我是石门村贾永红 换号了): the same address (seventh rule round).
        return sameAddress(x, y) || (!x && saysVillage(a.text, y)) || (!y && saysVillage(b.text, x));
      }),
    )
  ) {
    out.push("same_name_address");
  }
  if (samePhone && !sharedName && !unnamedHere) out.push("shared_phone");
  else if (
    !samePhone &&
    !sameId &&
    !out.includes("same_name_address") &&
    (sameNameElsewhere(a, b) || nameVariantAtAddress(a, b))
  )
    out.push("same_name");
  return out;
}

/**
 * The same full name as written (not 匿名, 王先生, 老胡), and the two addresses do not name two
 * places: one left it out, or one holds the other (石门镇 / 石门镇石门村). Two different ID numbers
 * are two people (`isSamePerson`), whatever the names.
 */
function sameNameElsewhere(a: MatterFacts, b: MatterFacts): boolean {
  if (a.idIndexes.length > 0 && b.idIndexes.length > 0) return false;
  return a.nameAddresses.some((p) => {
    const n = normName(p.name);
    return b.nameAddresses.some((q) => {
      // The names first: most candidates differ there, before any pattern runs.
      if (normName(q.name) !== n || Array.from(n).length < 2 || isNameless(n)) return false;
      if (ADDRESS_FORM.test(n) || formSurname(n) !== null) return false;
      const x = normAddress(p.address);
      const y = normAddress(q.address);
      if (!x && saysOtherVillage(a.text, y)) return false;
      if (!y && saysOtherVillage(b.text, x)) return false;
      return !x || !y || x.includes(y) || y.includes(x);
    });
  });
}

/**
 * A slip of the name (刘桂芬 / 刘贵芬, 柳全福 / 刘全福) or a southern form of it (阿明 / 林亚明, 陈炳 /
 * 陈亚炳) on another phone, where both gave an address and the two agree (fourteenth round): the
 * same village or the same place written more or less fully (河口村下渡头 / 河口下渡头, 河口村西澳 /
 * 西澳, 石门镇 / 石门镇新鸿玩具厂). Read as `same_name`: the same person for one matter only. Not
 * two ID numbers, not a village's form (贾老四 is a brother as well), not an address left out.
 */
function nameVariantAtAddress(a: MatterFacts, b: MatterFacts): boolean {
  if (a.idIndexes.length > 0 && b.idIndexes.length > 0) return false;
  return a.nameAddresses.some((p) => {
    const n = normName(p.name);
    return b.nameAddresses.some((q) => {
      const m = normName(q.name);
      // The names first: most candidates differ there, before any address is read.
      if (n === m || isNameless(n) || isNameless(m)) return false;
      const slip = sameNameSound(n, m) && formSurname(n) === null && formSurname(m) === null;
      if (!slip && !southernNickname(n, m) && !southernNickname(m, n)) return false;
      if (ADDRESS_FORM.test(n) && ADDRESS_FORM.test(m)) return false;
      return addressesAgree(normAddress(p.address), normAddress(q.address));
    });
  });
}

/**
 * Two addresses, both given, that name one place: `sameAddress`, or with 村 left out on one side
 * one holds the other (河口村下渡头 / 河口下渡头, 西澳 / 河口村西澳, 石门镇 / 石门镇新鸿玩具厂).
 */
function addressesAgree(x: string, y: string): boolean {
  if (!x || !y) return false;
  if (sameAddress(x, y)) return true;
  const u = x.replace(/村/gu, "");
  const v = y.replace(/村/gu, "");
  const [short, long] = u.length <= v.length ? [u, v] : [v, u];
  return Array.from(short).length >= 2 && long.includes(short);
}

/**
 * A letter that says its number is another one than the writer's own: 换了个号, 留了新号,
 * 这是我对象的手机, 用孙子手机发的, 手机丢了.
 */
const NEW_NUMBER =
  /换了?(?:个|新)?(?:手机)?号|新(?:手机)?号|号码?换了|手机(?:丢了|坏了|停机|欠费)|这是[^。！？!?，,]{0,6}的(?:手机|电话)|(?:用|借)(?:的)?[^。！？!?，,]{0,6}的?(?:手机|电话)(?:发|打)/u;

/**
 * `f` and `g` share only the name (`same_name`), and the text of one says it is that person (我是,
 * 我叫, 俺是 + the name) and why the number is another (NEW_NUMBER): what a registrar takes as the
 * same person, on any matter.
 */
function saysNewNumber(f: MatterFacts, g: MatterFacts): boolean {
  if (!NEW_NUMBER.test(f.text)) return false;
  return g.nameAddresses.some((q) => {
    const n = normName(q.name);
    return !isNameless(n) && saysOwnName(f.text, n);
  });
}

/** Where a writer says which village they are of: 我是石桥村…, 俺是柳树湾村的, 家住河口村. */
const OWN_VILLAGE = /(?:我是|俺是|我家是|俺家是|家住|住在)[^，,。！？!?\s]{1,10}?村/u;

/**
 * The text says the writer is of a village, and it is not the one `address` names (我是石桥村韦长河
 * against 柳林村): two places, so two people of one name.
 */
function saysOtherVillage(text: string, address: string): boolean {
  const v = addressVillage(address);
  return !!v && OWN_VILLAGE.test(text) && !text.includes(`${v.village}村`);
}

/** The text names the village of `address` (石门村 of 石门镇石门村三组), whole, by plain search. */
function saysVillage(text: string, address: string): boolean {
  if (!address) return false;
  const v = addressVillage(address);
  return !!v && text.includes(`${v.village}村`);
}

/**
 * The same person: the same ID number, or the same name with the same phone or address. Two
 * different ID numbers are two people whatever the names say; a shared phone alone is not enough.
 */
export function isSamePerson(a: MatterFacts, b: MatterFacts, reasons: readonly PersonReason[]): boolean {
  if (reasons.includes("same_id_number")) return true;
  if (a.idIndexes.length > 0 && b.idIndexes.length > 0) return false;
  return (
    reasons.includes("same_name_phone") ||
    reasons.includes("same_phone_unnamed") ||
    reasons.includes("same_name_address") ||
    (reasons.includes("same_name") && (saysNewNumber(a, b) || saysNewNumber(b, a)))
  );
}

/**
 * Prepared shingle sets, so one draft is compared with many candidates without re-shingling.
 * The names and sums are found only when asked for (the patterns are the costliest part, and a
 * candidate whose text is too different is dropped before they matter).
 */
export interface TextProfile {
  chars: Set<number>;
  tokens: Set<string>;
  readonly entities: Map<EntityKind, Set<string>>;
  /** What the text asks for and the harm it names (wages, a work injury …), found when asked. */
  readonly grievances: Set<GrievanceKind>;
  /** What it says of an earlier letter (上回反映, 另一件 …), each cue tested when asked. */
  readonly cues: TextCues;
  /** The sums of money of a thousand or more it names (sums.ts), found when asked. */
  readonly sums: Set<number>;
  /** Counts of things it names (三亩, 六座: sums.ts `quantities`), found when asked. */
  readonly quantities: Set<string>;
}

const NUMBERISH = /[\d零〇一二两三四五六七八九十百千万亿元块年月日号]/u;

/** The content words without numbers, 讨薪 and 拖欠工资 (回迁房 and 安置房 …) as one word. */
function matterWords(tokens: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const t of tokenSet(tokens.filter((x) => !NUMBERISH.test(x)))) out.add(matterWord(t));
  return out;
}

export function textProfile(text: string, tokens: readonly string[]): TextProfile {
  let entities: Map<EntityKind, Set<string>> | undefined;
  let grievances: Set<GrievanceKind> | undefined;
  let sums: Set<number> | undefined;
  let counts: Set<string> | undefined;
  // wy费, gz没发: pinyin initials read as the words they stand for (the names are read as written).
  const read = readAbbreviations(text);
  const cues = new TextCues(read);
  return {
    cues,
    // Sums, dates and numbers out: a follow-up that changes them is still the same matter.
    chars: charBigramKeys(matterText(read)),
    tokens: matterWords(tokens),
    get entities() {
      entities ??= extractEntities(text);
      return entities;
    },
    get grievances() {
      grievances ??= grievanceKinds(read);
      return grievances;
    },
    get sums() {
      sums ??= moneySums(text);
      return sums;
    },
    get quantities() {
      counts ??= quantities(text);
      return counts;
    },
  };
}

/**
 * Similarity of two texts about a matter: character bigrams catch reworded sentences that keep
 * names, places and sums; content-word overlap catches a short complaint repeated inside a long one.
 */
export function textSimilarity(a: TextProfile, b: TextProfile): number {
  // max(jaccard, 0.7 × overlap) of bigrams and of words, each set pair walked once.
  return Math.max(
    jaccardOrOverlap(a.chars, b.chars, REPEAT_THRESHOLDS.overlapWeight),
    jaccardOrOverlap(a.tokens, b.tokens, REPEAT_THRESHOLDS.overlapWeight),
  );
}

/**
 * The same region; two regions in the same township (first 9 digits of a 12-digit code), or one
 * inside the other (the county and a village of it: a phone summary names the county only);
 * "unknown" when one side names no place (a web message or a phone call that did not say it),
 * which does not speak against the same matter but earns no bonus either.
 */
function regionRelation(a: string, b: string): "same" | "nearby" | "unknown" | null {
  if (!a || !b) return "unknown";
  if (a === b) return "same";
  if (a.length >= 9 && b.length >= 9 && a.slice(0, 9) === b.slice(0, 9)) return "nearby";
  if (a.startsWith(b) || b.startsWith(a)) return "nearby";
  return null;
}

/**
 * True when `scoreRepeat` can only answer "unrelated": no shared person and a text similarity
 * under the floor (below it the matter score is the text similarity itself, far under the
 * threshold). The repeat check drops such candidates without finding names and sums.
 */
export function isSurelyUnrelated(hasSamePerson: boolean, text: number): boolean {
  return !hasSamePerson && text < REPEAT_THRESHOLDS.textFloor;
}

const DAY_MS = 86_400_000;

/** 8号楼, 十二号楼: the building a letter is about, its number as digits. */
const BUILDING = /(\d{1,3}|[一二三四五六七八九十]{1,3})号楼/gu;
/** 8 / 08 / 八 / 十二 → "8", "12": one spelling per number (the sums reader's numerals). */
function buildingNumber(n: string): string {
  if (/^\d+$/u.test(n)) return String(Number(n));
  return String(chineseNumber(n) ?? n);
}

function buildings(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(BUILDING)) out.add(buildingNumber(m[1]!));
  return out;
}

/**
 * A property or matter the writer says is a family member's (我父母那套, 给儿子买的, 我母亲留下的老宅):
 * group 1 or 2 is the member.
 */
const FAMILY_OWN =
  /(?:我|俺)(?:家)?(父母|爸妈|爹妈|公婆|母亲|父亲|儿子|女儿|闺女)(?:留下的|那套|那块|那间|那处|的那套|的房子|家的房子|买的)|给(?:我|俺)?(儿子|女儿|闺女|父母|爸妈)买的/gu;

function familyOwnNotIn(text: string, other: string): boolean {
  for (const m of text.matchAll(FAMILY_OWN)) {
    if (!other.includes((m[1] ?? m[2])!)) return true;
  }
  return false;
}

/** One letter tells the children apart (老大…老二) where the other names neither: the other child's matter. */
function childrenApart(text: string, other: string): boolean {
  return text.includes("老大") && text.includes("老二") && !other.includes("老大") && !other.includes("老二");
}

/**
 * The same person's two letters about two things of the same kind (round 8b): both name a building
 * and no number is in both (福苑小区8号楼 / 3号楼: two flats), or one letter says the thing is a family
 * member's the other does not mention (我父母那套空房子, 给儿子买的那套, 我母亲留下的老宅), or tells
 * the children apart (去年老大的事…今年老二) where the other names neither. Asked only of the same
 * person's texts alike enough to be one matter, and only when neither points at the earlier letter.
 */
export function anotherObject(a: string, b: string): boolean {
  const ba = buildings(a);
  if (ba.size > 0) {
    const bb = buildings(b);
    if (bb.size > 0 && ![...ba].some((n) => bb.has(n))) return true;
  }
  return familyOwnNotIn(a, b) || familyOwnNotIn(b, a) || childrenApart(a, b) || childrenApart(b, a);
}

/**
 * The registrar with the same person's earlier case open beside the new letter (issue #18, fifth
 * round): the letter came within the handling period (`recentFollowUpDays`), is filed under the
 * same category — or a neighbouring one (the same parent: noise, then the dust of the same plant) —
 * and names no demand or harm of its own. In the same category that is: the newer letter names no
 * grievance kind, or shares one with the earlier (a follow-up may add a demand: wages, then wages
 * and 经济补偿); under a neighbouring category, it names kinds and every one is the earlier one's. It may
 * tell only what happened since (a meeting, an official's visit, a part payment, a court date).
 * Without both dates the rule is not asked.
 */
function recentFollowUp(
  a: MatterFacts,
  b: MatterFacts,
  pa: TextProfile,
  pb: TextProfile,
  sameCategory: boolean,
  reasons: readonly MatterReason[],
): boolean {
  if (!a.receivedAt || !b.receivedAt) return false;
  if (!sameCategory && !reasons.includes("related_category")) return false;
  const apart = a.receivedAt.getTime() - b.receivedAt.getTime();
  if (Math.abs(apart) > REPEAT_THRESHOLDS.recentFollowUpDays * DAY_MS) return false;
  // The newer letter's kinds against the earlier's (the draft is the newer one when both are
  // dated alike).
  const [newer, older] = apart >= 0 ? [pa.grievances, pb.grievances] : [pb.grievances, pa.grievances];
  if (sameCategory) return newer.size === 0 || grievanceRelation(newer, older) === "shared";
  // Filed under another category, a letter whose words name nothing is the registrar's reading
  // that it is about something else (the fee, then a teacher who hurt the child): not asked.
  if (newer.size === 0) return false;
  for (const k of newer) if (grievanceRelation(new Set([k]), older) !== "shared") return false;
  return true;
}

/** Filed under 干部作风: an official's inaction, misconduct or corruption (conduct.inaction …). */
function isConductCategory(category: string | null): boolean {
  return !!category && (category === "conduct" || category.startsWith("conduct."));
}

/**
 * The registrar with the same person's earlier case open (eighth rule round): the new letter
 * accuses the official who handled it — filed under 干部作风 (不作为, 贪污) — within the handling
 * period, and what it asks for or the harm it names is the earlier letter's (低保 not passed on, the
 * theft the police did not pursue, the well the township did not redrill). An accusation is about
 * how a matter was handled, so with the earlier matter's grievance it is that matter told again
 * against whoever did not act; with another grievance, or none known on one side, it is not asked.
 */
function accusationFollowUp(
  a: MatterFacts,
  b: MatterFacts,
  pa: TextProfile,
  pb: TextProfile,
  text: number,
): boolean {
  if (!a.receivedAt || !b.receivedAt) return false;
  if (isConductCategory(a.categoryId) === isConductCategory(b.categoryId)) return false;
  if (text < REPEAT_THRESHOLDS.textFloor) return false;
  if (
    Math.abs(a.receivedAt.getTime() - b.receivedAt.getTime()) >
    REPEAT_THRESHOLDS.recentFollowUpDays * DAY_MS
  )
    return false;
  return grievanceRelation(pa.grievances, pb.grievances) === "shared";
}

/**
 * One of the same person's two letters, filed under categories that are not the same, points at
 * the other (ninth rule round): it says so (上次反映的…, 半年前反映过, 反映过了) and what the two ask
 * for is not wholly different, or it opens on the matter as known (城关三小那件事，…) and the two
 * share what they ask for — an opening alone is weaker (a first letter may open so), so the kinds
 * must agree, not only not disagree. The kinds are read last, only when a cue is there.
 */
function citedAcrossCategories(pa: TextProfile, pb: TextProfile, text: number): boolean {
  const cites = pa.cues.citesEarlier || pb.cues.citesEarlier;
  if (!cites && !(pa.cues.opensOnKnownMatter || pb.cues.opensOnKnownMatter)) return false;
  const kinds = grievanceRelation(pa.grievances, pb.grievances);
  return cites ? kinds !== "disjoint" || text >= REPEAT_THRESHOLDS.samePersonTextFloor : kinds === "shared";
}

/**
 * A matter named as known (thirteenth rule round): 更正出生日期的事, 村北废厂房存放烟花一事, 风机占地那件事
 * — the words before 的事 / 一事 / 那件事, from the last word of telling on (称, 说, 反映, 关于 …).
 */
const NAMED_MATTER = /(\p{Script=Han}{2,14}?)(?:的事情?|一事|那件事|那个事|那事)/gu;
const BEFORE_NAMED_MATTER = /^.*(?:称|说|反映|关于|因为|为了|就是|还是|是)/u;

/** Two Han characters side by side, each pair once. */
function hanPairs(s: string): Set<string> {
  const out = new Set<string>();
  const c = Array.from(s);
  for (let i = 0; i + 1 < c.length; i++) {
    const pair = c[i]! + c[i + 1]!;
    if (/^\p{Script=Han}{2}$/u.test(pair)) out.add(pair);
  }
  return out;
}

/**
 * How much of the earlier letter a matter the `newer` names as known (…的事, …一事, …那件事) holds:
 * the most pairs of characters of one such named matter that stand in `earlier` (我儿子在城关三小被欺负的事
 * against a letter about 城关三小 and a boy 欺负 there: 4). Two are one thing named (石料场那个事),
 * three or more the story. Plain search, no list of words.
 */
export function earlierMatterNamed(newer: string, earlier: string): number {
  if (!/的事|一事|那件事|那个事|那事/u.test(newer)) return 0;
  let theirs: Set<string> | null = null;
  let best = 0;
  for (const m of newer.matchAll(NAMED_MATTER)) {
    const named = m[1]!.replace(BEFORE_NAMED_MATTER, "");
    let shared = 0;
    for (const pair of hanPairs(named)) {
      theirs ??= hanPairs(earlier);
      if (theirs.has(pair)) shared++;
    }
    best = Math.max(best, shared);
  }
  return best;
}

/** `newer` names the earlier letter's matter as known, in two pairs of its characters or more. */
export function namesEarlierMatter(newer: string, earlier: string): boolean {
  return earlierMatterNamed(newer, earlier) >= 2;
}

/** The two name the same count of things (三亩, 六座 …: sums.ts `quantities`). */
function sharesCount(a: Set<string>, b: Set<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  for (const x of a) if (b.has(x)) return true;
  return false;
}

/**
 * The particulars a registrar sees again in a letter filed elsewhere: the two name the same sum or
 * the same count of things, or the newer letter (either, when the two are not dated) names the
 * earlier one's matter as known — in three pairs of its characters, or in two (one thing named: 石料场
 * 那个事) when the two also ask for the same (like a letter that opens on a matter, ninth rule round).
 * What the two ask for must not be wholly different in any case.
 */
function sharesParticulars(a: MatterFacts, b: MatterFacts, pa: TextProfile, pb: TextProfile): boolean {
  const dated = !!a.receivedAt && !!b.receivedAt;
  const aNewer = !dated || a.receivedAt!.getTime() >= b.receivedAt!.getTime();
  const bNewer = !dated || b.receivedAt!.getTime() >= a.receivedAt!.getTime();
  const named = Math.max(
    aNewer ? earlierMatterNamed(a.text, b.text) : 0,
    bNewer ? earlierMatterNamed(b.text, a.text) : 0,
  );
  const counted = sharesSum(pa.sums, pb.sums) || sharesCount(pa.quantities, pb.quantities);
  if (!counted && named < 2) return false;
  const kinds = grievanceRelation(pa.grievances, pb.grievances);
  return kinds !== "disjoint" && (counted || named >= 3 || kinds === "shared");
}

function sharesSum(a: Set<number>, b: Set<number>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  for (const x of a) if (b.has(x)) return true;
  return false;
}

/**
 * What the rules read of a pair, beyond the verdict: the parts the learned decision weighs
 * (`learned-repeat.ts`). Every field is something `scoreRepeat` already computes.
 */
export interface RepeatEvidence {
  samePerson: boolean;
  /** The same person only by a form of the name on a shared phone: for one matter only, never asked of the model. */
  byFormOnly: boolean;
  persons: readonly PersonReason[];
  textSimilarity: number;
  matterScore: number;
  /** The rules' own verdict (before any learned decision). */
  rulesVerdict: RepeatVerdict;
  sameCategory: boolean;
  relatedCategory: boolean;
  region: "same" | "nearby" | "unknown" | null;
  namesAgree: number;
  namesConflict: number;
  /** One of the two says it is another matter (这回说的是…, 另一件 …): the petitioner's word. */
  saysOther: boolean;
  followUp: boolean;
  cited: boolean;
  reminder: boolean;
  recent: boolean;
  sameSum: boolean;
  otherDemand: boolean;
  citesEarlier: boolean;
  stillUnsolved: boolean;
  differs: boolean;
  /** Days between the two letters, when both are dated. */
  daysApart: number | null;
  /** The two texts' lengths in characters. */
  lengths: [number, number];
  profiles: [TextProfile, TextProfile];
  /** The newer letter (either, when the two are not dated apart) has a word of going on (`CONTINUES_CUE`). */
  newerContinues: boolean;
}

export interface RepeatAssessment {
  score: RepeatScore;
  evidence: RepeatEvidence;
}

/**
 * The same person's pair decided by something other than the rules' threshold (the learned
 * decision, `learned-repeat.ts`): true = the same matter, null = left to the rules. Asked only for
 * the same person, and only when neither text says it is another matter.
 */
export type SameMatterDecision = (e: RepeatEvidence) => boolean | null;

/**
 * The rules' verdict alone, whatever decides the same person's matter in the check (`scoreRepeat`
 * with no decision): what the rule rounds' unit tests and the bench's rules column read.
 */
export function scoreByRules(draft: MatterFacts, earlier: MatterFacts): RepeatScore {
  return scoreRepeat(draft, earlier, undefined, undefined, undefined, null);
}

export function scoreRepeat(
  draft: MatterFacts,
  earlier: MatterFacts,
  profiles?: [TextProfile, TextProfile],
  /** `textSimilarity` of the two profiles, when the caller has it already. */
  similarity?: number,
  /** `personReasons` of the two, when the caller has them already. */
  knownPersons?: PersonReason[],
  /**
   * Decides the same person's matter instead of the rules (the reasons stay as the rules give
   * them): `LEARNED_SAME_MATTER` (learned-repeat.ts), or null for the rules alone. Not given: the
   * shipped choice (`DEFAULT_SAME_MATTER`: the model while it is switched on).
   */
  decide: SameMatterDecision | null = DEFAULT_SAME_MATTER,
): RepeatScore {
  const { score, evidence } = assessRepeat(draft, earlier, profiles, similarity, knownPersons);
  if (!decide || !evidence.samePerson || evidence.byFormOnly || evidence.saysOther) return score;
  const same = decide(evidence);
  if (same === null) return score;
  const verdict: RepeatVerdict = same ? "likely_repeat" : "same_person_other_matter";
  return verdict === score.verdict ? score : { ...score, verdict };
}

/** The newer of the two letters (either, when not dated apart) has a word of going on. */
function newerContinues(a: MatterFacts, b: MatterFacts, pa: TextProfile, pb: TextProfile): boolean {
  const ta = a.receivedAt?.getTime();
  const tb = b.receivedAt?.getTime();
  if (ta === undefined || tb === undefined || ta === tb) return pa.cues.continues || pb.cues.continues;
  return (ta > tb ? pa : pb).cues.continues;
}

/** `scoreRepeat`'s rules, with the parts they read (the learned decision's features). */
export function assessRepeat(
  draft: MatterFacts,
  earlier: MatterFacts,
  profiles?: [TextProfile, TextProfile],
  similarity?: number,
  knownPersons?: PersonReason[],
): RepeatAssessment {
  const [pa, pb] = profiles ?? [
    textProfile(draft.text, draft.tokens),
    textProfile(earlier.text, earlier.tokens),
  ];
  const text = similarity ?? textSimilarity(pa, pb);
  const persons = knownPersons ?? personReasons(draft, earlier);
  // The same name only, on another phone (twelfth rule round): the same person for one matter,
  // judged at the bar for two people's letters — like a village's form of the name below.
  const nameOnly =
    persons.includes("same_name") &&
    !isSamePerson(draft, earlier, persons) &&
    !(draft.idIndexes.length > 0 && earlier.idIndexes.length > 0);
  const samePerson = nameOnly || isSamePerson(draft, earlier, persons);
  // The same person only by a village's form of the name on a shared phone (贾老四 / 贾忠良): a
  // brother is 老五 too, so it is the same person only for one matter (decided below).
  const byFormOnly =
    nameOnly ||
    (samePerson &&
      persons.length === 1 &&
      persons[0] === "same_phone_unnamed" &&
      !draft.nameAddresses.every((p) => isNameless(normName(p.name))) &&
      !earlier.nameAddresses.every((p) => isNameless(normName(p.name))) &&
      !(
        calledBy(draft, earlier) ||
        calledBy(earlier, draft) ||
        namesSelf(draft, earlier) ||
        namesSelf(earlier, draft) ||
        saysAlias(draft, earlier)
      ));
  // The lower bars and shortcuts for the same person's follow-ups (a neighbouring category, a
  // reminder, a recent letter, the same sum) are for a person known as such: a pair linked only by
  // a form of the name meets the bar for different people (a brother's own wage letter is not his
  // brother's follow-up because both are 老X on one phone).
  // …unless one of the two points at the earlier letter (上回打电话反映的…, 去年说过…的事) and neither
  // says it is another matter or differs (twelfth rule round): a sound-alike or a village's form of
  // the name on the same phone, writing that it follows up, is the writer of the earlier letter.
  const known =
    samePerson &&
    (!byFormOnly ||
      (!nameOnly &&
        nameSlip(draft, earlier) &&
        citesEarlierOf(pa.cues, pb.cues) &&
        !pa.cues.differs &&
        !pb.cues.differs));
  const matterReasons: MatterReason[] = [];
  let bonus = 0;
  if (draft.categoryId && draft.categoryId === earlier.categoryId) {
    matterReasons.push("same_category");
    bonus += 0.15;
  } else if (
    draft.categoryId &&
    earlier.categoryId &&
    (draft.categoryParentId ?? draft.categoryId) === (earlier.categoryParentId ?? earlier.categoryId)
  ) {
    matterReasons.push("related_category");
    bonus += 0.08;
  }
  const region = regionRelation(draft.problemRegionCode, earlier.problemRegionCode);
  if (region === "same") {
    matterReasons.push("same_region");
    bonus += 0.1;
  } else if (region === "nearby") {
    matterReasons.push("nearby_region");
    bonus += 0.05;
  }
  // The same company, project or sum speaks for the same matter; other ones, against it.
  const names = entityAgreement(pa.entities, pb.entities, [draft.text, earlier.text]);
  // The same person's letter that points at the earlier one (上次反映的…, 两个月前写的信) speaks for
  // the matter over the names the entity reader takes apart (要求县医院 / 鉴定医院, 拖欠劳务 / 鑫达建筑:
  // words around a name read as two names): on all ten writers no such letter was another matter
  // (tenth rule round). Not when either says it is another matter or differs.
  const citingOverNames =
    known &&
    names.conflict.length > 0 &&
    !otherMatterOf(pa.cues, pb.cues) &&
    !(pa.cues.differs || pb.cues.differs) &&
    (pa.cues.citesEarlier || pb.cues.citesEarlier);
  const conflict = names.conflict.length > 0 && !citingOverNames;
  let factor = 1;
  if (conflict) {
    matterReasons.push("different_names");
    factor = names.agree.length > 0 ? 0.75 : 0.45;
  } else if (names.agree.length > 0) {
    matterReasons.push("same_names");
    bonus += 0.05 * names.agree.length;
  }
  // Category and place alone never make the same matter: the text has to agree a little too.
  const other = samePerson && otherMatterOf(pa.cues, pb.cues);
  const followUp = known && !other && matterReasons.includes("same_category") && region !== null && !conflict;
  // Cited: the letter says it follows up, or both name the same company or place.
  const cited = followUp && (names.agree.length > 0 || citedFollowUpOf(pa.cues, pb.cues));
  // Only a reminder or a reaction to the answer (催办, 对…答复不满意, 前期已打过12345): the same
  // person's earlier matter in the same or a neighbouring category, whatever the words share —
  // unless the two name different things (names, or demands below) or one says it is another.
  const reminder =
    known &&
    !other &&
    region !== null &&
    !conflict &&
    (matterReasons.includes("same_category") || matterReasons.includes("related_category")) &&
    (pa.cues.reminder || pb.cues.reminder);
  const recent =
    known &&
    !other &&
    region !== null &&
    !conflict &&
    (recentFollowUp(draft, earlier, pa, pb, matterReasons.includes("same_category"), matterReasons) ||
      accusationFollowUp(draft, earlier, pa, pb, text));
  // The earlier letter's sum in the new one (九千六 for 9600元, 那四万块): a registrar with the
  // earlier case open takes it as the same matter, in other words or under another name for the
  // company (a name read wrongly is more common than two debts of the same sum).
  const sameSum =
    known &&
    !other &&
    region !== null &&
    (matterReasons.includes("same_category") || matterReasons.includes("related_category")) &&
    sharesSum(pa.sums, pb.sums);
  // Filed under another category than the earlier letter, the same person's letter that points
  // at it is that matter, whatever the registrar filed it under (ninth rule round: a follow-up
  // under another category is one in five of a township clerk's) — unless one says it is another
  // or differs, or the two name different companies.
  const citedAcross =
    known &&
    !other &&
    region !== null &&
    !conflict &&
    !!draft.categoryId &&
    !!earlier.categoryId &&
    !matterReasons.includes("same_category") &&
    !(pa.cues.differs || pb.cues.differs) &&
    citedAcrossCategories(pa, pb, text);
  // Filed under another category, the same person's letter that tells the earlier one's
  // particulars — its matter named as known (更正出生日期的事, 村北废厂房存放烟花一事), the same count
  // of things (三亩, 六座坟) or the same sum — is that matter told again (thirteenth rule round),
  // unless one says it is another or differs, the two name different companies, or what they ask
  // for is wholly different. The particulars are read last, only for such a pair.
  const sameParticulars =
    known &&
    !other &&
    !citedAcross &&
    region !== null &&
    !conflict &&
    !!draft.categoryId &&
    !!earlier.categoryId &&
    !matterReasons.includes("same_category") &&
    !(pa.cues.differs || pb.cues.differs) &&
    sharesParticulars(draft, earlier, pa, pb);
  const floor = cited
    ? REPEAT_THRESHOLDS.citedFollowUpTextFloor
    : followUp
      ? REPEAT_THRESHOLDS.samePersonTextFloor
      : REPEAT_THRESHOLDS.textFloor;
  const scored = text < floor ? text : Math.min(1, (text + bonus) * factor);
  const matterScore =
    reminder || recent || sameSum || citedAcross || sameParticulars
      ? Math.max(scored, REPEAT_THRESHOLDS.citedFollowUpMatter)
      : scored;
  if (text >= floor) matterReasons.push("similar_text");
  if (reminder) matterReasons.push("reminder");
  if (recent && !reminder) matterReasons.push("recent_follow_up");
  if (sameSum) matterReasons.push("same_sum");
  if (citedAcross) matterReasons.push("cites_across_categories");
  if (sameParticulars) matterReasons.push("same_particulars");
  const otherCategory =
    known && !!draft.categoryId && !!earlier.categoryId && draft.categoryId !== earlier.categoryId;
  const alike =
    !other &&
    matterScore >=
      (cited || reminder || recent || sameSum || citedAcross || sameParticulars
        ? REPEAT_THRESHOLDS.citedFollowUpMatter
        : followUp
          ? REPEAT_THRESHOLDS.samePersonMatter
          : otherCategory
            ? REPEAT_THRESHOLDS.samePersonOtherCategoryMatter
            : REPEAT_THRESHOLDS.matter);
  // What each asks for and the harm it names: known on both sides and nothing in common is
  // another matter (wages, then a work injury at the same factory), whatever company, place or
  // words they share, unless one of the two points at the other letter (上回反映, 还是那件事).
  // Asked only of the same person's texts alike enough to be one matter (a repeat or not; the
  // kinds are read then, not for the ≈ 40 other people's alike candidates of a check, which would
  // cost the check ≈ 0.2–0.4 ms); it decides the verdict and leaves the matter score as it is.
  const otherDemand =
    alike &&
    samePerson &&
    !sameSum &&
    grievanceRelation(pa.grievances, pb.grievances) === "disjoint" &&
    !citesEarlierOf(pa.cues, pb.cues);
  // A year on (the next heating season, school year, harvest or flood), the same person's letter
  // about this year's instance (今年…) is a new matter of a kind that comes round each year, unless
  // it points at the earlier letter or only chases its answer (seventh rule round).
  const apartDays =
    draft.receivedAt && earlier.receivedAt
      ? (draft.receivedAt.getTime() - earlier.receivedAt.getTime()) / DAY_MS
      : 0;
  const newSeason =
    alike &&
    samePerson &&
    !otherDemand &&
    !reminder &&
    Math.abs(apartDays) >= REPEAT_THRESHOLDS.newSeasonDays &&
    (apartDays >= 0 ? pa.cues : pb.cues).thisYear &&
    !citesEarlierOf(pa.cues, pb.cues);
  // Two things of one kind (8号楼 / 3号楼, 我父母那套, 老二): another matter of the same person's,
  // unless the letter points at the earlier one or only chases its answer (round 8b).
  const otherObject =
    alike &&
    samePerson &&
    !otherDemand &&
    !newSeason &&
    !reminder &&
    !citesEarlierOf(pa.cues, pb.cues) &&
    anotherObject(draft.text, earlier.text);
  if (otherDemand || newSeason || otherObject) matterReasons.push("different_demands");
  const sameMatter = alike && !otherDemand && !newSeason && !otherObject;
  const verdict: RepeatVerdict =
    samePerson && sameMatter
      ? "likely_repeat"
      : nameOnly
        ? "unrelated"
        : byFormOnly
          ? "shared_phone"
          : samePerson
            ? "same_person_other_matter"
            : sameMatter
              ? "same_matter_other_person"
              : persons.includes("shared_phone")
                ? "shared_phone"
                : "unrelated";
  const score = Math.min(1, matterScore * 0.7 + (samePerson ? 0.3 : 0));
  return {
    score: { matterScore, textSimilarity: text, personReasons: persons, matterReasons, verdict, score },
    evidence: {
      samePerson,
      byFormOnly,
      persons,
      textSimilarity: text,
      matterScore,
      rulesVerdict: verdict,
      sameCategory: matterReasons.includes("same_category"),
      relatedCategory: matterReasons.includes("related_category"),
      region,
      namesAgree: names.agree.length,
      namesConflict: names.conflict.length,
      // The cues are read for the same person only (the others' evidence is never weighed).
      saysOther: other,
      followUp,
      cited,
      reminder,
      recent,
      sameSum,
      otherDemand,
      citesEarlier: samePerson && (pa.cues.citesEarlier || pb.cues.citesEarlier),
      stillUnsolved: samePerson && (pa.cues.stillUnsolved || pb.cues.stillUnsolved),
      differs: samePerson && (pa.cues.differs || pb.cues.differs),
      daysApart:
        draft.receivedAt && earlier.receivedAt
          ? Math.abs(draft.receivedAt.getTime() - earlier.receivedAt.getTime()) / DAY_MS
          : null,
      lengths: [draft.text.length, earlier.text.length],
      profiles: [pa, pb],
      newerContinues: samePerson && newerContinues(draft, earlier, pa, pb),
    },
  };
}
