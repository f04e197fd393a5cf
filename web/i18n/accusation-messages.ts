/**
 * Words about accusations (检举控告): the portal's field, the registration form's note and fields,
 * and the case page's card with its two steps (accused unit, confidentiality).
 */
export const ACCUSATION_MESSAGES = {
  // citizens' portal
  portalNature: { zh: "您反映的事项属于", en: "What kind of matter is it?" },
  portalAccused: { zh: "被检举控告的单位或人员", en: "Whom do you accuse?" },
  portalAccusedHelp: {
    zh: "请写明您检举控告的单位或人员；我们对检举人信息严格保密，被检举控告的单位看不到您的信件。",
    en: "Name the body or the people you accuse. We keep who you are strictly confidential; the body you accuse never sees your letter.",
  },
  // registration
  accusationAutoConfidential: {
    zh: "检举控告件登记后自动保密：乡镇、村工作人员不能按属地查看，被检举控告的单位及其上下级看不到此件。如需解除保密，由局办公室或局领导在详情页办理。",
    en: "An accusation is confidential as soon as it is registered: township and village staff cannot read it by area, and the accused unit and the units above and below it never see it. The bureau office or a bureau leader may lift confidentiality on the case page.",
  },
  staffAccusedDescription: {
    zh: "被检举控告的单位或人员（信访人所述，选填）",
    en: "Whom it accuses, in the petitioner's words (optional)",
  },
  staffAccusedUnit: { zh: "被检举控告单位（选填）", en: "Accused unit (optional)" },
  confidentialAlways: { zh: "保密（检举控告件自动保密）", en: "Confidential (every accusation is)" },
  registeredForwarded: {
    zh: "已登记，信访编号 {number}。该件涉及本机关，已依规则转送{to}，本机关不能再查看此件。",
    en: "Registered as {number}. It concerns this body, so it was forwarded under the rules to {to}; this body can no longer see it.",
  },
  forwardBodyFallback: { zh: "纪检监察机关", en: "the discipline inspection body" },
  // case page
  accusationCard: { zh: "检举控告", en: "Accusation" },
  accusedDescription: { zh: "被检举控告对象", en: "Whom it accuses" },
  accusedUnit: { zh: "被检举控告单位", en: "Accused unit" },
  accusedUnitNone: { zh: "尚未记录", en: "Not recorded yet" },
  accusedUnitInactive: { zh: "（单位已停用）", en: "(unit deactivated)" },
  notFilled: { zh: "未填写", en: "Not given" },
  confidentiality: { zh: "保密状态", en: "Confidentiality" },
  confidentialOn: { zh: "保密", en: "Confidential" },
  confidentialLifted: { zh: "已解除保密", en: "Confidentiality lifted" },
  confidentialityHint: {
    zh: "保密期间，乡镇、村工作人员不能按属地查看此件；被检举控告的单位及其上下级任何时候都看不到此件，检举人信息始终保密。",
    en: "While confidential, township and village staff cannot read it by area; the accused unit and the units above and below it never see it, and the accuser's identity always stays hidden.",
  },
  recordAccusedUnit: { zh: "记录被检举控告单位", en: "Record the accused unit" },
  accusedUnitHelp: {
    zh: "被检举控告的单位、其下属单位和县以下的上级单位都看不到此件，也不能交其办理。",
    en: "The accused unit, the units below it and its superiors below the county never see the case, and it cannot be assigned to them.",
  },
  accusedUnitClearHelp: {
    zh: "留空则清除已记录的单位。被检举控告的单位、其下属单位和县以下的上级单位都看不到此件，也不能交其办理。",
    en: "Leave it empty to clear the unit recorded. The accused unit, the units below it and its superiors below the county never see the case, and it cannot be assigned to them.",
  },
  accusedOwnChain: {
    zh: "所选单位是本机关或其上级：保存后本件将依规则转送纪检监察机关，本机关将不能再查看此件。",
    en: "This unit is this body or above it: once saved, the case is forwarded under the rules to the discipline inspection body and this body can no longer see it.",
  },
  accusedOwnUnitHidden: {
    zh: "所选单位是本单位或其上级：保存后本单位将不能再查看此件。",
    en: "This unit is your own or above it: once saved, your unit can no longer see the case.",
  },
  registeredHidden: {
    zh: "已登记，信访编号 {number}，查询码 {code}。该件检举控告本单位或其上级，本单位不能查看此件。",
    en: "Registered as {number}, query code {code}. It accuses your unit or one above it, so your unit cannot see it.",
  },
  accusedUnitSaved: { zh: "已记录被检举控告单位", en: "The accused unit is recorded" },
  accusationForwarded: {
    zh: "本件已依规则转送{to}，本机关不能再查看此件",
    en: "The case was forwarded under the rules to {to}; this body can no longer see it",
  },
  liftConfidentiality: { zh: "解除保密", en: "Lift confidentiality" },
  restoreConfidentiality: { zh: "恢复保密", en: "Make confidential again" },
  liftConfidentialityHelp: {
    zh: "解除后，问题属地的乡镇、村工作人员可以查看和检索此件；被检举控告的单位及其上下级仍然看不到，检举人信息仍然保密。",
    en: "Once lifted, township and village staff of the place can read and find it; the accused unit and the units above and below it still cannot, and the accuser's identity stays hidden.",
  },
  restoreConfidentialityHelp: {
    zh: "恢复后，乡镇、村工作人员不能再按属地查看此件。",
    en: "Township and village staff will no longer read it by area.",
  },
  confidentialityLiftedDone: { zh: "已解除保密", en: "Confidentiality lifted" },
  confidentialityRestoredDone: { zh: "已恢复保密", en: "The case is confidential again" },
  forwardTo: { zh: "应转送：{to}", en: "Forward to: {to}" },
} as const;
