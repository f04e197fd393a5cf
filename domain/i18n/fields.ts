/**
 * The names people read for the request fields a validation error can point at, so that a refused
 * request says which field is wrong ("标题不能为空") instead of only that something is.
 */
export const FIELD_NAMES: Record<string, { zh: string; en: string }> = {
  title: { zh: "标题", en: "title" },
  content: { zh: "信访内容", en: "content" },
  name: { zh: "姓名", en: "name" },
  idNumber: { zh: "身份证号码", en: "ID number" },
  phone: { zh: "联系电话", en: "phone number" },
  address: { zh: "住址", en: "address" },
  problemRegionCode: { zh: "问题发生地", en: "place of the problem" },
  accusedDescription: { zh: "被检举控告的单位或人员", en: "whom it accuses" },
  reason: { zh: "理由", en: "reason" },
  opinion: { zh: "意见", en: "opinion" },
  instruction: { zh: "意见", en: "instruction" },
  instructions: { zh: "交办要求", en: "instructions" },
  note: { zh: "说明", en: "note" },
  text: { zh: "内容", en: "text" },
  legalBasis: { zh: "法律依据", en: "legal basis" },
  comment: { zh: "评价意见", en: "comment" },
};

/** One issue as the validation reports it: where (`/petitioner/name`), what kind, and its limits. */
export interface FieldIssue {
  path: string;
  keyword?: string;
  minimum?: unknown;
  origin?: unknown;
}

/** The field a path names: its last segment that is not an array index. */
function fieldOf(path: string): string | undefined {
  return path
    .split("/")
    .filter((s) => s !== "" && !/^\d+$/.test(s))
    .at(-1);
}

/**
 * "标题不能为空（只填空格也不行）" and the like for the issues on fields people know by name; null when
 * no issue names one (the generic message stays).
 */
export function describeFieldIssues(issues: FieldIssue[]): { zh: string; en: string } | null {
  const zh: string[] = [];
  const en: string[] = [];
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    const name = field ? FIELD_NAMES[field] : undefined;
    if (!name) continue;
    let z: string;
    let e: string;
    if (issue.keyword === "too_small" && issue.origin === "string" && issue.minimum === 1) {
      z = `${name.zh}不能为空（只填空格也不行）`;
      e = `${name.en} must not be empty (spaces alone do not count)`;
    } else if (issue.keyword === "too_big") {
      z = `${name.zh}过长`;
      e = `${name.en} is too long`;
    } else {
      z = `${name.zh}填写有误`;
      e = `${name.en} is not valid`;
    }
    if (!zh.includes(z)) {
      zh.push(z);
      en.push(e);
    }
  }
  if (zh.length === 0) return null;
  const first = en.join("; ");
  return { zh: zh.join("；"), en: first.charAt(0).toUpperCase() + first.slice(1) };
}
