/**
 * Rule packs: the statutory and internal time limits as data (rules/*.json), because provinces
 * differ from the national regulation and counties add tighter targets of their own. A pack
 * `extends` another and states only what differs.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { ZTimeLimit } from "./time-limit.ts";

export const CASE_SEVERITIES = ["urgent", "general", "major"] as const;
export type CaseSeverity = (typeof CASE_SEVERITIES)[number];

const ZPackName = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "lowercase letters, digits and hyphens");

const ZStepLimits = z.strictObject({
  firstDisposal: ZTimeLimit,
  acceptanceNotice: ZTimeLimit,
  objection: ZTimeLimit,
  handling: ZTimeLimit,
  extensionMax: ZTimeLimit,
  reviewRequest: ZTimeLimit,
  reviewDecision: ZTimeLimit,
  reexamRequest: ZTimeLimit,
  reexamDecision: ZTimeLimit,
  simplified: ZTimeLimit,
  supervisionReply: ZTimeLimit,
  evaluationWindow: ZTimeLimit,
});
export type StepName = keyof z.infer<typeof ZStepLimits>;

const ZInternalTargets = z.strictObject({
  urgent: ZTimeLimit.optional(),
  general: ZTimeLimit.optional(),
  major: ZTimeLimit.optional(),
});

/**
 * Where an accusation goes that the county's own chain cannot handle because it accuses the
 * petition bureau itself or every leader who would sign (信访工作条例 第三十条: it goes to a body
 * that is not the accused, e.g. the discipline inspection and supervision commission).
 */
const ZAccusationRules = z.strictObject({
  forwardTo: z.string().min(1).max(100),
  note: z.string().min(1).optional(),
});

/**
 * Who answers and where review goes (信访工作条例 第三十二条、第三十五条): whether the petition
 * bureau vets a handling unit's answer before it is served (county practice), and the name used
 * for a superior outside the county's system (the county government's own superior).
 */
const ZAnswerRules = z.strictObject({
  replyVettedByBureau: z.boolean(),
  outsideSuperior: z.string().min(1).max(100),
});
const ANSWER_DEFAULTS = { replyVettedByBureau: false, outsideSuperior: "上一级人民政府" } as const;

/**
 * Reporting a major or urgent matter up (信访工作条例 第二十五条: "及时报告"): the clock in hours from
 * the case's registration. A province or county writes its own number.
 */
const ZReportUpRule = z.strictObject({
  withinHours: z.number().int().min(1).max(720),
  note: z.string().min(1).optional(),
});
const REPORT_UP_DEFAULT = {
  withinHours: 24,
  note: "条例要求重大紧急信访事项及时报告，未定具体时限；默认登记后 24 小时内",
} as const;

/** A pack as written on disk: a child may leave out anything its parent supplies. */
export const ZRulePackFile = z.strictObject({
  id: ZPackName,
  title: z.string().min(1),
  source: z.string().min(1).optional(),
  extends: ZPackName.optional(),
  warnDaysBeforeBreach: z.number().int().min(0).max(60).optional(),
  limits: ZStepLimits.partial().default({}),
  internalTargets: ZInternalTargets.default({}),
  accusations: ZAccusationRules.optional(),
  answers: ZAnswerRules.partial().optional(),
  reportUp: ZReportUpRule.optional(),
});
export type TRulePackFile = z.infer<typeof ZRulePackFile>;

/** A pack after its `extends` chain is merged: every step has a limit. */
export const ZRulePack = z.strictObject({
  id: ZPackName,
  title: z.string().min(1),
  source: z.string().min(1).optional(),
  extends: ZPackName.optional(),
  /** Pack ids from the root to this pack, so a screen can say where a number comes from. */
  lineage: z.array(ZPackName).min(1),
  warnDaysBeforeBreach: z.number().int().min(0).max(60),
  limits: ZStepLimits,
  /** Only counties that set targets have them; a missing severity means no internal clock. */
  internalTargets: ZInternalTargets,
  accusations: ZAccusationRules,
  answers: ZAnswerRules,
  reportUp: ZReportUpRule,
});
export type TRulePack = z.infer<typeof ZRulePack>;

export class RulePackError extends Error {
  constructor(
    readonly pack: string,
    message: string,
    readonly fields: readonly string[] = [],
  ) {
    super(`rule pack "${pack}": ${message}`);
    this.name = "RulePackError";
  }
}

function fail(pack: string, error: z.ZodError): never {
  const fields = error.issues.map((i) => i.path.map(String).join(".") || "(root)");
  const detail = error.issues.map((i, n) => `${fields[n]}: ${i.message}`).join("; ");
  throw new RulePackError(pack, detail, fields);
}

/** Child over parent, step by step: a limit is replaced whole, never field by field. */
function merge(parent: TRulePack, child: TRulePackFile): unknown {
  return {
    id: child.id,
    title: child.title,
    ...(child.source ? { source: child.source } : {}),
    extends: child.extends,
    lineage: [...parent.lineage, child.id],
    warnDaysBeforeBreach: child.warnDaysBeforeBreach ?? parent.warnDaysBeforeBreach,
    limits: { ...parent.limits, ...child.limits },
    internalTargets: { ...parent.internalTargets, ...child.internalTargets },
    accusations: child.accusations ?? parent.accusations,
    answers: { ...parent.answers, ...child.answers },
    reportUp: child.reportUp ?? parent.reportUp,
  };
}

/** Raw JSON for a pack name; throw `RulePackError` when there is none. */
export type RulePackReader = (name: string) => unknown;

/** Validates and merges without touching the disk, so packs from any store (or a test) work. */
export function resolveRulePack(name: string, read: RulePackReader, seen: readonly string[] = []): TRulePack {
  if (!ZPackName.safeParse(name).success) throw new RulePackError(name, "invalid pack name");
  if (seen.includes(name)) throw new RulePackError(name, `extends cycle: ${[...seen, name].join(" → ")}`);

  const parsed = ZRulePackFile.safeParse(read(name));
  if (!parsed.success) fail(name, parsed.error);
  const file = parsed.data;
  if (file.id !== name) throw new RulePackError(name, `id is "${file.id}", expected "${name}"`, ["id"]);

  const candidate = file.extends
    ? merge(resolveRulePack(file.extends, read, [...seen, name]), file)
    : {
        ...file,
        lineage: [file.id],
        warnDaysBeforeBreach: file.warnDaysBeforeBreach,
        answers: { ...ANSWER_DEFAULTS, ...file.answers },
        reportUp: file.reportUp ?? REPORT_UP_DEFAULT,
      };
  const resolved = ZRulePack.safeParse(candidate);
  if (!resolved.success) fail(name, resolved.error);
  return resolved.data;
}

const RULES_DIR = new URL("../../rules/", import.meta.url);

/** Reads `rules/<name>.json` (and whatever it extends) synchronously: packs load once, at boot. */
export function loadRulePack(name: string, dir: URL = RULES_DIR): TRulePack {
  // Without the trailing slash, URL resolution would replace the folder's last segment.
  const folder = dir.href.endsWith("/") ? dir : new URL(`${dir.href}/`);
  return resolveRulePack(name, (packName) => {
    let text: string;
    try {
      text = readFileSync(new URL(`${packName}.json`, folder), "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new RulePackError(packName, code === "ENOENT" ? "not found" : `unreadable (${code})`);
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new RulePackError(packName, `not valid JSON: ${(error as Error).message}`);
    }
  });
}
