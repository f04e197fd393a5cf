import { Select, Table, Tag } from "antd";
import type { TImportResult, TLedgerMappingStep } from "../../../../../domain/schemas/import.ts";
import type { Category } from "../../../../api/types.ts";
import { useApi } from "../../../../hooks/use-api.ts";
import { useLocale } from "../../../../i18n/locale.tsx";
import type { AdminUnit } from "../types.ts";

type Bi = { zh: string; en: string };

/** The ledger's fields as the mapping step names them (server/imports/ledger-columns.ts). */
export const LEDGER_FIELD_LABELS: Record<string, Bi> = {
  serial: { zh: "序号", en: "Serial" },
  receivedOn: { zh: "登记日期（必填）", en: "Date received (required)" },
  name: { zh: "信访人", en: "Petitioner" },
  idNumber: { zh: "身份证号", en: "ID number" },
  phone: { zh: "联系电话", en: "Phone" },
  address: { zh: "住址", en: "Address" },
  channel: { zh: "信访形式", en: "Channel" },
  headcount: { zh: "人数", en: "Headcount" },
  batches: { zh: "批次", en: "Batches" },
  content: { zh: "反映问题（必填）", en: "Matter (required)" },
  category: { zh: "问题类别", en: "Category" },
  region: { zh: "问题属地", en: "Place" },
  unit: { zh: "责任单位", en: "Handling unit" },
  outcome: { zh: "办理结果", en: "Outcome" },
  closedOn: { zh: "办结日期", en: "Date closed" },
  satisfaction: { zh: "是否满意", en: "Rating" },
  ledgerNumber: { zh: "原编号", en: "Ledger number" },
};

export const LEDGER_TEXT = {
  help: {
    zh: "上传历史台账（.xlsx 或 .csv）后先预览：系统按列名自动对应字段，可逐项修改；对应关系在导入时记住，下次同样的表头自动套用。导入的信访件为已办结的历史件，保留原编号、日期和结果，计入统计，可检索和查重，不计时、不产生待办、不发通知。同一文件再次导入不会重复。",
    en: "Upload a past ledger (.xlsx or .csv) and preview it: columns are matched to fields by their names and can be changed; the mapping is remembered for the next file with the same headers. Imported cases are closed historical cases with their ledger numbers, dates and outcomes; they count in statistics and are found by search and the repeat check; no clock, to-do or notice. The same file again adds nothing.",
  },
  yes: {
    zh: "无法对应的类别记为“其他”、单位不指定",
    en: "Record unknown categories as 其他 and leave unknown units unassigned",
  },
  mapping: { zh: "列的对应关系", en: "Column mapping" },
  field: { zh: "字段", en: "Field" },
  column: { zh: "文件中的列", en: "Column in the file" },
  none: { zh: "（无）", en: "(none)" },
  unknown: { zh: "系统中没有的类别或单位：", en: "Categories or units not in the system: " },
  unverified: {
    zh: "身份证号未通过校验（已保留并标记）：",
    en: "ID numbers failing GB 11643 (kept, flagged): ",
  },
  report: { zh: "下载导入报告（Excel）", en: "Download the report (Excel)" },
  outcome: { zh: "结果", en: "Outcome" },
  ledgerNumber: { zh: "原编号", en: "Ledger number" },
  caseNumber: { zh: "系统编号", en: "Case number" },
  sample: { zh: "文件的前几行（按当前对应关系）", en: "The file's first rows (with this mapping)" },
} satisfies Record<string, Bi>;

/** The first rows of the file under the mapping being chosen: each mapped field, its cell. */
export function LedgerSample({
  head,
  mapping,
}: {
  head: TLedgerMappingStep;
  mapping: Record<string, string | null>;
}) {
  const { locale } = useLocale();
  const pick = (b: Bi) => (locale === "en" ? b.en : b.zh);
  const fields = Object.keys(LEDGER_FIELD_LABELS).filter((k) => mapping[k]);
  const at = (k: string) => head.headers.indexOf(mapping[k] ?? "");
  return (
    <Table
      data-testid="ledger-sample"
      size="small"
      pagination={false}
      scroll={{ x: true }}
      title={() => pick(LEDGER_TEXT.sample)}
      rowKey="n"
      dataSource={head.sample.map((cells, n) => ({ n, cells }))}
      columns={fields.map((k) => ({
        key: k,
        title: pick(LEDGER_FIELD_LABELS[k]!),
        render: (_: unknown, r: { n: number; cells: string[] }) => r.cells[at(k)] ?? "",
      }))}
    />
  );
}

const OUTCOME: Record<
  NonNullable<TImportResult["ledger"]>["rows"][number]["outcome"],
  Bi & { color: string }
> = {
  imported: { zh: "已导入", en: "Imported", color: "green" },
  to_import: { zh: "将导入", en: "To import", color: "blue" },
  duplicate: { zh: "已存在", en: "Already there", color: "default" },
  skipped: { zh: "有错误", en: "Problem", color: "red" },
};

export function LedgerOutcomeTag({ outcome }: { outcome: keyof typeof OUTCOME }) {
  const { locale } = useLocale();
  const o = OUTCOME[outcome];
  return <Tag color={o.color}>{locale === "en" ? o.en : o.zh}</Tag>;
}

type Option = { value: string; label: string };

/** Case-, width- and space-insensitive text for matching typed Chinese or English. */
const fold = (t: string) => t.normalize("NFKC").toLowerCase().replace(/\s+/g, "");

/** An option shows when its label holds what was typed (县, 人社, 自然资源 …). */
export function labelMatches(input: string, option: { label?: unknown } | undefined): boolean {
  const typed = fold(input);
  return typed === "" || fold(String(option?.label ?? "")).includes(typed);
}

/**
 * How like the ledger's name a label is: one holds the other, then the characters they share.
 * 「县自然资源局」 finds 自然资源局 first; 「劳资」 finds 劳资纠纷.
 */
export function likeness(name: string, label: string): number {
  const a = fold(name);
  const b = fold(label);
  if (!a || !b) return 0;
  if (a === b) return 1000;
  const contains = a.includes(b) || b.includes(a) ? 100 : 0;
  const chars = new Set(b);
  let shared = 0;
  for (const c of new Set(a)) if (chars.has(c)) shared++;
  return contains + shared;
}

/** The options with the likely matches first (the rest in their own order); fixed options stay on top. */
export function rankOptions(name: string, fixed: Option[], options: Option[]): Option[] {
  const scored = options.map((o, i) => ({ o, i, score: likeness(name, o.label) }));
  scored.sort((x, y) => y.score - x.score || x.i - y.i);
  return [...fixed, ...scored.map((x) => x.o)];
}

export type LedgerValues = {
  categories: Record<string, string | null>;
  units: Record<string, string | null>;
};

const VALUE_TEXT = {
  title: { zh: "类别和单位的对应", en: "Categories and units" },
  category: { zh: "问题类别", en: "Category" },
  unit: { zh: "责任单位", en: "Handling unit" },
  inFile: { zh: "台账中的名称", en: "Name in the ledger" },
  target: { zh: "对应为", en: "Becomes" },
  other: { zh: "其他", en: "Other (其他)" },
  unassigned: { zh: "不指定", en: "Unassigned" },
  choose: { zh: "请选择", en: "Choose" },
} satisfies Record<string, Bi>;

/**
 * The value-mapping step: each category or unit name of the ledger that matches nothing is given
 * a category or unit of the system (or 其他 / unassigned). The choices are remembered on import.
 */
export function ValueMapping({
  unknownCategories,
  unknownUnits,
  values,
  onChange,
}: {
  unknownCategories: readonly string[];
  unknownUnits: readonly string[];
  values: LedgerValues;
  onChange(next: LedgerValues): void;
}) {
  const { locale } = useLocale();
  const pick = (b: Bi) => (locale === "en" ? b.en : b.zh);
  const categories = useApi<{ items: Category[] }>(unknownCategories.length ? "/api/categories" : null);
  const units = useApi<{ items: AdminUnit[] }>(unknownUnits.length ? "/api/org/units/all" : null);
  const rows = [
    ...unknownCategories.map((name) => ({ kind: "categories" as const, name })),
    ...unknownUnits.map((name) => ({ kind: "units" as const, name })),
  ];
  if (!rows.length) return null;
  const NONE = "__none__";
  const categoryOptions = (categories.data?.items ?? [])
    .filter((c) => c.isActive && c.code !== "other")
    .map((c) => ({ value: c.id, label: locale === "en" ? `${c.nameEn}（${c.nameZh}）` : c.nameZh }));
  const unitOptions = (units.data?.items ?? [])
    .filter((u) => u.isActive && ["department", "township", "bureau", "county"].includes(u.kind))
    .map((u) => ({ value: u.id, label: u.name }));
  const options = (kind: "categories" | "units", name: string) =>
    kind === "categories"
      ? rankOptions(name, [{ value: NONE, label: pick(VALUE_TEXT.other) }], categoryOptions)
      : rankOptions(name, [{ value: NONE, label: pick(VALUE_TEXT.unassigned) }], unitOptions);
  return (
    <Table
      data-testid="ledger-values"
      size="small"
      pagination={false}
      rowKey={(r) => `${r.kind}:${r.name}`}
      title={() => pick(VALUE_TEXT.title)}
      dataSource={rows}
      columns={[
        {
          title: pick(VALUE_TEXT.category),
          width: 120,
          render: (_, r) => pick(r.kind === "categories" ? VALUE_TEXT.category : VALUE_TEXT.unit),
        },
        { title: pick(VALUE_TEXT.inFile), dataIndex: "name", width: 200 },
        {
          title: pick(VALUE_TEXT.target),
          render: (_, r) => {
            const chosen = values[r.kind][r.name];
            return (
              <Select
                showSearch={{ filterOption: labelMatches }}
                style={{ width: 280 }}
                data-testid={`ledger-value-${r.name}`}
                placeholder={pick(VALUE_TEXT.choose)}
                value={chosen === undefined ? undefined : (chosen ?? NONE)}
                options={options(r.kind, r.name)}
                onChange={(v: string) =>
                  onChange({ ...values, [r.kind]: { ...values[r.kind], [r.name]: v === NONE ? null : v } })
                }
              />
            );
          },
        },
      ]}
    />
  );
}
