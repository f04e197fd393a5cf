import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import {
  AUDIT_ACTION_CODES,
  AUDIT_ACTIONS,
  AUDIT_GROUP_LABELS,
  AUDIT_GROUPS,
  isAuditAction,
} from "../../../../domain/audit/actions.ts";
import { shanghaiTime } from "../../../../domain/audit/describe.ts";
import { ACTOR_KIND_LABELS, AUDIT_OBJECT_LABELS, actorRoleText } from "../../../../domain/audit/labels.ts";
import { AUDIT_OUTCOMES } from "../../../../domain/audit/outcome.ts";
import type { TAuditEntry, TAuditList } from "../../../../domain/schemas/admin.ts";
import { ApiError } from "../../../api/client.ts";
import { downloadGet } from "../../../api/download.ts";
import { useApi } from "../../../hooks/use-api.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import { AuditDetail, useAuditNames } from "./AuditDetail.tsx";
import {
  AUDIT_PAGE_SIZES,
  type AuditListState,
  auditApiUrl,
  auditExportUrl,
  cleanActor,
  parseAuditState,
  toAuditSearchParams,
  withAuditFilters,
} from "./audit-query.ts";
import { VerifyCard } from "./VerifyCard.tsx";

const OUTCOME_LABELS = {
  success: { zh: "成功", en: "Success" },
  failure: { zh: "失败", en: "Failure" },
} as const;

/**
 * 审计日志, the audit administrator's screen: the log with filters in the address bar and
 * server-side paging, each row in words (who, what, on what, the detail as labelled fields); the
 * chain's verification; the filtered log as a download. Each read, verification and export is itself
 * a row of the log (the server writes it).
 */
export function AuditLogPage() {
  const { t, locale } = useLocale();
  const { lang } = useAuditNames();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseAuditState(params), [params]);
  const { data, error, loading, reload } = useApi<TAuditList>(auditApiUrl(state));
  const [exporting, setExporting] = useState<"xlsx" | "jsonl" | null>(null);
  // From the address bar as it is now (a router update may not have rendered yet).
  const go = (change: (current: AuditListState) => AuditListState) =>
    setParams(toAuditSearchParams(change(parseAuditState(new URLSearchParams(window.location.search)))));

  const exportLog = async (format: "xlsx" | "jsonl") => {
    setExporting(format);
    try {
      const name = await downloadGet(auditExportUrl(state, format), `审计日志.${format}`);
      message.success(t("exportDone", { name }));
      reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.text(locale) : String(e));
    } finally {
      setExporting(null);
    }
  };

  const actionOptions = AUDIT_GROUPS.map((g) => ({
    label: AUDIT_GROUP_LABELS[g][lang],
    options: AUDIT_ACTION_CODES.filter((c) => AUDIT_ACTIONS[c].group === g).map((c) => ({
      value: c,
      label: AUDIT_ACTIONS[c][lang],
    })),
  }));
  const objectOptions = Object.entries(AUDIT_OBJECT_LABELS).map(([value, label]) => ({
    value,
    label: label[lang],
  }));
  const actionText = (code: string) => (isAuditAction(code) ? AUDIT_ACTIONS[code][lang] : code);

  return (
    <Card
      title={t("menuAudit")}
      extra={
        <Space>
          <Button
            loading={exporting === "xlsx"}
            onClick={() => void exportLog("xlsx")}
            data-testid="audit-export-xlsx"
          >
            {t("auditExportXlsx")}
          </Button>
          <Button
            loading={exporting === "jsonl"}
            onClick={() => void exportLog("jsonl")}
            data-testid="audit-export-jsonl"
          >
            {t("auditExportJsonl")}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        {t("auditHelp")} {t("auditExportHelp")}
      </Typography.Paragraph>
      <VerifyCard onVerified={reload} />
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} data-testid="audit-filters">
        <Form.Item label={t("auditActor")}>
          <Input.Search
            key={`actor:${state.actor ?? ""}`}
            defaultValue={state.actor}
            allowClear
            placeholder={t("auditActorPlaceholder")}
            style={{ width: 200 }}
            onSearch={(v) => go((s) => withAuditFilters(s, { actor: cleanActor(v) }))}
            data-testid="audit-filter-actor"
          />
        </Form.Item>
        <Form.Item label={t("auditAction")}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            style={{ width: 220 }}
            value={state.action}
            placeholder={t("all")}
            options={actionOptions}
            onChange={(v?: string) => go((s) => withAuditFilters(s, { action: v }))}
            data-testid="audit-filter-action"
          />
        </Form.Item>
        <Form.Item label={t("auditDateRange")}>
          <DatePicker.RangePicker
            value={state.from && state.to ? [dayjs(state.from), dayjs(state.to)] : null}
            onChange={(range) =>
              go((s) =>
                withAuditFilters(s, {
                  from: range?.[0]?.format("YYYY-MM-DD"),
                  to: range?.[1]?.format("YYYY-MM-DD"),
                }),
              )
            }
          />
        </Form.Item>
        <Form.Item label={t("auditCase")}>
          <Input.Search
            key={`case:${state.caseNumber ?? ""}`}
            defaultValue={state.caseNumber}
            allowClear
            placeholder={t("auditCasePlaceholder")}
            style={{ width: 200 }}
            onSearch={(v) => go((s) => withAuditFilters(s, { caseNumber: v.trim() || undefined }))}
            data-testid="audit-filter-case"
          />
        </Form.Item>
        <Form.Item label={t("auditObjectType")}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            style={{ width: 150 }}
            value={state.objectType}
            placeholder={t("all")}
            options={objectOptions}
            onChange={(v?: string) => go((s) => withAuditFilters(s, { objectType: v }))}
          />
        </Form.Item>
        <Form.Item label={t("auditOutcome")}>
          <Select
            allowClear
            style={{ width: 100 }}
            value={state.outcome}
            placeholder={t("all")}
            options={AUDIT_OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o][lang] }))}
            onChange={(v?: (typeof AUDIT_OUTCOMES)[number]) => go((s) => withAuditFilters(s, { outcome: v }))}
            data-testid="audit-filter-outcome"
          />
        </Form.Item>
        <Form.Item>
          <Button onClick={() => go((s) => ({ page: 1, pageSize: s.pageSize }))}>{t("reset")}</Button>
        </Form.Item>
      </Form>
      {state.objectId && (
        <Tag
          closable
          color="purple"
          style={{ marginBottom: 12 }}
          onClose={() => go((s) => withAuditFilters(s, { objectId: undefined }))}
        >
          {t("auditObjectId")}：{state.objectId}
        </Tag>
      )}
      {error && <Alert type="error" title={error.text(locale)} style={{ marginBottom: 16 }} />}
      <Table<TAuditEntry>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid="audit-table"
        tableLayout="fixed"
        pagination={{
          current: state.page,
          pageSize: state.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: AUDIT_PAGE_SIZES.map(String),
          showTotal: (total) => t("totalItems", { total }),
        }}
        onChange={(pagination) =>
          go((s) => ({ ...s, page: pagination.current ?? 1, pageSize: pagination.pageSize ?? s.pageSize }))
        }
        columns={[
          {
            key: "at",
            title: t("auditWhen"),
            width: 170,
            render: (_, r) => (
              <>
                <div>{shanghaiTime(r.at)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.chainPos ? `${t("auditPosition")} ${r.chainPos}` : t("auditUnsealed")}
                  {r.ip ? ` · ${r.ip}` : ""}
                </Typography.Text>
              </>
            ),
          },
          {
            key: "actor",
            title: t("auditActor"),
            width: 190,
            render: (_, r) => <ActorCell row={r} />,
          },
          {
            key: "action",
            title: t("auditAction"),
            width: 200,
            render: (_, r) => (
              <Space size={4} wrap>
                <span data-testid="audit-action">{actionText(r.action)}</span>
                {r.outcome && (
                  <Tag color={r.outcome === "success" ? "green" : "red"} data-outcome={r.outcome}>
                    {OUTCOME_LABELS[r.outcome][lang]}
                  </Tag>
                )}
              </Space>
            ),
          },
          {
            key: "object",
            title: t("auditObject"),
            width: 210,
            render: (_, r) => <ObjectCell row={r} />,
          },
          {
            key: "detail",
            title: t("auditDetail"),
            render: (_, r) => <AuditDetail action={r.action} detail={r.detail} />,
          },
        ]}
      />
    </Card>
  );
}

function ActorCell({ row }: { row: TAuditEntry }) {
  const { t } = useLocale();
  const { lang } = useAuditNames();
  const role = actorRoleText(row.actorRole, lang);
  if (row.actorName) {
    return (
      <>
        <div>
          {row.actorName}{" "}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.actorUsername}
          </Typography.Text>
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {role}
        </Typography.Text>
      </>
    );
  }
  const kind = row.actorRole ? ACTOR_KIND_LABELS[row.actorRole] : undefined;
  if (kind) return <div>{kind[lang]}</div>;
  return (
    <>
      <Typography.Text type="secondary">{t("auditNoActor")}</Typography.Text>
      {role && (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {role}
          </Typography.Text>
        </div>
      )}
    </>
  );
}

function ObjectCell({ row }: { row: TAuditEntry }) {
  const { lang } = useAuditNames();
  if (!row.objectType && !row.objectId) return <Typography.Text type="secondary">—</Typography.Text>;
  const type = row.objectType ? (AUDIT_OBJECT_LABELS[row.objectType]?.[lang] ?? row.objectType) : "";
  // The case's number, the account's user name or the unit's name: easier to read than an id.
  const named =
    typeof row.detail.caseNumber === "string"
      ? row.detail.caseNumber
      : (row.objectLabel ??
        (row.objectType === "user" && typeof row.detail.username === "string" ? row.detail.username : null));
  return (
    <>
      <div>{type}</div>
      {named ? (
        <div>{named}</div>
      ) : (
        row.objectId && (
          <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: "anywhere" }}>
            {row.objectId}
          </Typography.Text>
        )
      )}
    </>
  );
}
