import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import type { TImportResult, TLedgerMappingStep } from "../../../../../domain/schemas/import.ts";
import type { ApiError } from "../../../../api/client.ts";
import { downloadGet, saveHref } from "../../../../api/download.ts";
import { useSession } from "../../../../hooks/session.tsx";
import { useLocale } from "../../../../i18n/locale.tsx";
import { type ImportKind, passwordsCsv, saveLedgerReport, sendImport, sendLedgerHead } from "./import-api.ts";
import {
  LEDGER_FIELD_LABELS,
  LEDGER_TEXT,
  LedgerOutcomeTag,
  LedgerSample,
  type LedgerValues,
  labelMatches,
  ValueMapping,
} from "./ledger-parts.tsx";

type Bi = { zh: string; en: string };

const TEXT = {
  title: { zh: "批量导入", en: "Import" },
  network: {
    zh: "组织网络（乡镇、村、组、部门）",
    en: "Org network (townships, villages, groups, departments)",
  },
  users: { zh: "用户", en: "Users" },
  ledger: { zh: "历史台账", en: "Historical ledger" },
  helpNetwork: {
    zh: "下载模板填写后上传。先预览：全部行都会检查，错误按工作表、行、列标出；没有错误（或勾选“跳过错误行”）才能确认导入。再次导入同一文件不会改变任何数据；乡镇、村按区划代码匹配，改名即更新。",
    en: "Fill in the template and upload it. Preview first: every row is checked and problems are marked by sheet, row and column; confirm once there are none (or tick “skip rows with problems”). The same file again changes nothing; townships and villages are matched by region code.",
  },
  helpUsersSystem: {
    zh: "三员分立：系统管理员导入只建立或修改账户（姓名、单位），新账户没有角色，初始密码随机生成、仅显示一次；文件中的角色由安全管理员导入同一文件时授予。管理员角色不能导入。",
    en: "三员分立: your import creates or changes accounts (name, unit); new accounts hold no role and get a random first password, shown once. The security administrator grants the file's roles by importing the same file. Administrator roles are never imported.",
  },
  helpUsersSecurity: {
    zh: "三员分立：安全管理员导入只把文件中的业务角色授予已有账户（角色为空的行不改变），不建立或修改账户。管理员角色不能导入。",
    en: "三员分立: your import grants the file's business roles to existing accounts (an empty cell changes nothing); it creates or changes no account. Administrator roles are never imported.",
  },
  template: { zh: "下载模板（Excel）", en: "Template (Excel)" },
  templateCsv: { zh: "CSV 模板", en: "CSV template" },
  file: { zh: "选择 .xlsx 或 .csv 文件", en: "Choose an .xlsx or .csv file" },
  skip: { zh: "跳过有错误的行，只导入正确的行", en: "Skip rows with problems and import the rest" },
  preview: { zh: "预览", en: "Preview" },
  confirm: { zh: "确认导入", en: "Confirm import" },
  previewed: { zh: "预览（未写入任何数据）", en: "Preview (nothing written)" },
  applied: { zh: "已导入，并记入审计日志", en: "Imported and recorded in the audit log" },
  refused: { zh: "有错误，未写入任何数据", en: "Problems found; nothing was written" },
  rows: { zh: "行数", en: "Rows" },
  invalidRows: { zh: "错误行", en: "Rows with problems" },
  created: { zh: "新增", en: "New" },
  updated: { zh: "修改", en: "Changed" },
  roles: { zh: "角色变更", en: "Role changes" },
  unchanged: { zh: "不变", en: "Unchanged" },
  already: { zh: "已导入过（跳过）", en: "Imported before (skipped)" },
  problems: { zh: "错误", en: "Problems" },
  changes: { zh: "将要或已经写入的变更", en: "Changes" },
  sheet: { zh: "工作表", en: "Sheet" },
  row: { zh: "行", en: "Row" },
  column: { zh: "列", en: "Column" },
  message: { zh: "说明", en: "Problem" },
  action: { zh: "操作", en: "Action" },
  key: { zh: "区划代码 / 用户名", en: "Code / user name" },
  detail: { zh: "内容", en: "Detail" },
  passwords: {
    zh: "新账户的初始密码只在此显示一次，请立即下载并安全分发，分发后删除文件；用户首次登录须修改密码。",
    en: "The new accounts' first passwords are shown this once: download them now, hand them out safely, then delete the file. Users must change them at the first login.",
  },
  downloadPasswords: { zh: "下载初始密码（CSV）", en: "Download first passwords (CSV)" },
} satisfies Record<string, Bi>;

/** The figures of a result that apply to its kind: a ledger has no changed rows and no roles. */
const SUMMARY: Record<ImportKind, (keyof TImportResult["summary"])[]> = {
  network: ["rows", "invalidRows", "created", "updated", "unchanged"],
  users: ["rows", "invalidRows", "created", "updated", "roles", "unchanged"],
  ledger: ["rows", "invalidRows", "created", "unchanged"],
};

const ACTION: Record<TImportResult["changes"][number]["action"], Bi> = {
  create: { zh: "新增", en: "New" },
  update: { zh: "修改", en: "Change" },
  roles: { zh: "角色", en: "Roles" },
};

/**
 * 批量导入: upload → preview with every problem marked → confirm, with the rules of
 * `xinfang import` (server/imports). The system administrator imports the network and accounts,
 * the security administrator the roles of a users file (三员分立).
 */
export function ImportsPage() {
  const { locale } = useLocale();
  const pick = (b: Bi) => (locale === "en" ? b.en : b.zh);
  const { me } = useSession();
  const isSystem = me?.roles.includes("system_admin") ?? false;
  // The session may arrive after the first render: the default follows it until a kind is picked.
  const [picked, setKind] = useState<ImportKind | null>(null);
  const kind: ImportKind = isSystem ? (picked ?? "network") : "users";
  const [file, setFile] = useState<File | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [result, setResult] = useState<TImportResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [mapping, setMapping] = useState<Record<string, string | null> | null>(null);
  const [yes, setYes] = useState(false);
  const [values, setValues] = useState<LedgerValues>({ categories: {}, units: {} });
  // The ledger's mapping step: read from the head of the file only, changed here without a re-read.
  const [head, setHead] = useState<TLedgerMappingStep | null>(null);

  const loadHead = async (f: File | null, k: ImportKind) => {
    setHead(null);
    if (!f || !me || k !== "ledger") return;
    try {
      const h = await sendLedgerHead(f, me.csrfToken);
      setHead(h);
      setMapping(h.mapping);
    } catch (e) {
      setError(e as ApiError);
    }
  };

  const send = async (
    apply: boolean,
    m: Record<string, string | null> | null = mapping,
    v: LedgerValues = values,
  ) => {
    if (!file || !me) return;
    setBusy(true);
    setError(null);
    try {
      const r = await sendImport(kind, file, {
        apply,
        skipInvalid,
        csrfToken: me.csrfToken,
        ...(kind === "ledger" ? { mapping: m ?? undefined, values: v, yes } : {}),
      });
      setResult(r);
      if (r.ledger && !m) setMapping(r.ledger.mapping);
    } catch (e) {
      setResult(null);
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const reset = () => {
    setResult(null);
    setError(null);
    setMapping(null);
    setValues({ categories: {}, units: {} });
  };
  const saveReport = async () => {
    if (!result || !me) return;
    const href = URL.createObjectURL(await saveLedgerReport(result, me.csrfToken));
    saveHref(href, "台账导入报告.xlsx");
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  };
  const previewOk =
    result !== null &&
    !result.applied &&
    (result.issues.length === 0 || skipInvalid) &&
    !result.issues.some((i) => i.row === null || i.row === 1);
  const help =
    kind === "ledger"
      ? LEDGER_TEXT.help
      : kind === "network"
        ? TEXT.helpNetwork
        : isSystem
          ? TEXT.helpUsersSystem
          : TEXT.helpUsersSecurity;
  const savePasswords = () => {
    if (!result) return;
    const href = URL.createObjectURL(
      new Blob([passwordsCsv(result.passwords)], { type: "text/csv;charset=utf-8" }),
    );
    saveHref(href, "初始密码.csv");
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  };
  const s = result?.summary;
  return (
    <Card title={pick(TEXT.title)}>
      <Space direction="vertical" style={{ width: "100%" }} size="middle">
        {isSystem && (
          <Radio.Group
            value={kind}
            onChange={(e) => {
              const k = e.target.value as ImportKind;
              setKind(k);
              reset();
              void loadHead(file, k);
            }}
            data-testid="import-kind"
          >
            <Radio.Button value="network">{pick(TEXT.network)}</Radio.Button>
            <Radio.Button value="users">{pick(TEXT.users)}</Radio.Button>
            <Radio.Button value="ledger">{pick(TEXT.ledger)}</Radio.Button>
          </Radio.Group>
        )}
        <Alert type="info" showIcon title={pick(help)} />
        <Space wrap>
          <Button onClick={() => void downloadGet(`/api/admin/imports/templates/${kind}`, `${kind}.xlsx`)}>
            {pick(TEXT.template)}
          </Button>
          <Button
            onClick={() => void downloadGet(`/api/admin/imports/templates/${kind}?format=csv`, `${kind}.csv`)}
          >
            {pick(TEXT.templateCsv)}
          </Button>
        </Space>
        <Space wrap>
          <input
            type="file"
            accept=".xlsx,.csv"
            aria-label={pick(TEXT.file)}
            data-testid="import-file"
            onChange={(e) => {
              const f = e.target.files?.[0] ?? null;
              setFile(f);
              reset();
              void loadHead(f, kind);
            }}
          />
          {kind === "ledger" && (
            <span data-testid="import-yes">
              <Checkbox checked={yes} onChange={(e) => setYes(e.target.checked)}>
                {pick(LEDGER_TEXT.yes)}
              </Checkbox>
            </span>
          )}
          <span data-testid="import-skip">
            <Checkbox checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)}>
              {pick(TEXT.skip)}
            </Checkbox>
          </span>
          <Button
            onClick={() => void send(false)}
            disabled={!file}
            loading={busy}
            data-testid="import-preview"
          >
            {pick(TEXT.preview)}
          </Button>
          <Button
            type="primary"
            onClick={() => void send(true)}
            disabled={!previewOk}
            loading={busy}
            data-testid="import-confirm"
          >
            {pick(TEXT.confirm)}
          </Button>
        </Space>
        {error && <Alert type="error" showIcon title={error.text(locale)} data-testid="import-error" />}
        {kind === "ledger" && (head || result?.ledger) && mapping && (
          <Card size="small" title={pick(LEDGER_TEXT.mapping)} data-testid="ledger-mapping">
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={Object.keys(LEDGER_FIELD_LABELS).map((key) => ({ key }))}
              columns={[
                {
                  title: pick(LEDGER_TEXT.field),
                  width: 160,
                  render: (_, f) => pick(LEDGER_FIELD_LABELS[f.key]!),
                },
                {
                  title: pick(LEDGER_TEXT.column),
                  render: (_, f) => (
                    <Select
                      showSearch={{ filterOption: labelMatches }}
                      style={{ width: 240 }}
                      data-testid={`ledger-map-${f.key}`}
                      value={mapping[f.key] ?? ""}
                      options={[
                        { value: "", label: pick(LEDGER_TEXT.none) },
                        ...(head?.headers ?? result?.ledger?.headers ?? [])
                          .filter((h) => h)
                          .map((h) => ({ value: h, label: h })),
                      ]}
                      onChange={(v: string) => {
                        // The first rows show the new mapping at once; 预览 checks every row with it.
                        setMapping({ ...mapping, [f.key]: v || null });
                        setResult(null);
                      }}
                    />
                  ),
                },
              ]}
            />
            {head && <LedgerSample head={head} mapping={mapping} />}
            {result?.ledger &&
              (result.ledger.unknownCategories.length > 0 || result.ledger.unknownUnits.length > 0) && (
                <Alert
                  type="warning"
                  showIcon
                  data-testid="ledger-unknown"
                  title={`${pick(LEDGER_TEXT.unknown)}${[...result.ledger.unknownCategories, ...result.ledger.unknownUnits].join("、")}`}
                />
              )}
            {result?.ledger && (
              <ValueMapping
                unknownCategories={[
                  ...new Set([...Object.keys(values.categories), ...result.ledger.unknownCategories]),
                ]}
                unknownUnits={[...new Set([...Object.keys(values.units), ...result.ledger.unknownUnits])]}
                values={values}
                onChange={(next) => {
                  setValues(next);
                  void send(false, mapping, next);
                }}
              />
            )}
          </Card>
        )}
        {result && s && (
          <>
            <Alert
              data-testid="import-status"
              type={result.applied ? "success" : result.issues.length ? "warning" : "info"}
              showIcon
              title={pick(
                result.applied
                  ? TEXT.applied
                  : result.issues.length && !previewOk
                    ? TEXT.refused
                    : TEXT.previewed,
              )}
            />
            <Descriptions
              size="small"
              column={SUMMARY[result.kind].length}
              bordered
              data-testid="import-summary"
              items={SUMMARY[result.kind].map((k) => ({
                key: k,
                label: pick(k === "unchanged" && result.kind === "ledger" ? TEXT.already : TEXT[k]),
                children: s[k],
              }))}
            />
            {result.ledger && (
              <Space>
                <Typography.Text data-testid="ledger-unverified">
                  {pick(LEDGER_TEXT.unverified)}
                  {result.ledger.unverifiedIds}
                </Typography.Text>
                <Button onClick={() => void saveReport()} data-testid="ledger-report">
                  {pick(LEDGER_TEXT.report)}
                </Button>
              </Space>
            )}
            {result.ledger && (
              <Table
                data-testid="ledger-rows"
                size="small"
                rowKey="row"
                dataSource={result.ledger.rows}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                columns={[
                  { title: pick(TEXT.row), dataIndex: "row", width: 70 },
                  {
                    title: pick(LEDGER_TEXT.outcome),
                    width: 120,
                    render: (_, r) => <LedgerOutcomeTag outcome={r.outcome} />,
                  },
                  { title: pick(LEDGER_TEXT.ledgerNumber), dataIndex: "ledgerNumber", width: 140 },
                  { title: pick(LEDGER_TEXT.caseNumber), dataIndex: "caseNumber", width: 180 },
                  { title: pick(TEXT.detail), dataIndex: "note" },
                ]}
              />
            )}
            {result.passwords.length > 0 && (
              <Alert
                type="warning"
                showIcon
                title={pick(TEXT.passwords)}
                action={
                  <Button onClick={savePasswords} data-testid="import-passwords">
                    {pick(TEXT.downloadPasswords)}
                  </Button>
                }
              />
            )}
            {result.issues.length > 0 && (
              <>
                <Typography.Title level={5}>
                  {pick(TEXT.problems)}（{result.issues.length}）
                </Typography.Title>
                <Table
                  data-testid="import-issues"
                  size="small"
                  rowKey="key"
                  dataSource={result.issues.map((issue, n) => ({ ...issue, key: n }))}
                  pagination={{ pageSize: 50, hideOnSinglePage: true }}
                  columns={[
                    { title: pick(TEXT.sheet), dataIndex: "sheet", width: 120 },
                    { title: pick(TEXT.row), dataIndex: "row", width: 70 },
                    { title: pick(TEXT.column), dataIndex: "column", width: 180 },
                    {
                      title: pick(TEXT.message),
                      render: (_, i) => (
                        <Typography.Text type="danger">{locale === "en" ? i.en : i.zh}</Typography.Text>
                      ),
                    },
                  ]}
                />
              </>
            )}
            {result.changes.length > 0 && !result.ledger && (
              <>
                <Typography.Title level={5}>
                  {pick(TEXT.changes)}（{result.changes.length}）
                </Typography.Title>
                <Table
                  data-testid="import-changes"
                  size="small"
                  rowKey={(c) => `${c.row}-${c.action}`}
                  dataSource={result.changes}
                  pagination={{ pageSize: 50, hideOnSinglePage: true }}
                  columns={[
                    { title: pick(TEXT.row), dataIndex: "row", width: 70 },
                    {
                      title: pick(TEXT.action),
                      render: (_, c) => <Tag>{pick(ACTION[c.action])}</Tag>,
                      width: 90,
                    },
                    { title: pick(TEXT.key), dataIndex: "key", width: 180 },
                    { title: pick(TEXT.detail), dataIndex: "detail" },
                  ]}
                />
              </>
            )}
          </>
        )}
      </Space>
    </Card>
  );
}
